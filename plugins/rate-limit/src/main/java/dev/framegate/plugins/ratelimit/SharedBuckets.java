package dev.framegate.plugins.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code local} policy's buckets for keys that several connections share (a client address, a
 * header value, the route): one {@link TokenBuckets} per key, locked only by the connections of that
 * key. Buckets that filled up again are forgotten now and then, so the map does not grow with every
 * address ever seen.
 */
final class SharedBuckets {

  private final Limits limits;
  private final Map<String, TokenBuckets> buckets = new ConcurrentHashMap<>();
  private int checksSinceSweep;

  SharedBuckets(Limits limits) {
    this.limits = limits;
  }

  boolean tryTake(String key, int size, long now) {
    sweep(now);
    TokenBuckets bucket = buckets.get(key);
    if (bucket == null) {
      // a lambda capturing the time would be allocated on every message: only a new key pays for it
      bucket = buckets.computeIfAbsent(key, k -> new TokenBuckets(limits, now));
    }
    synchronized (bucket) {
      return bucket.tryTake(size, now);
    }
  }

  int size() {
    return buckets.size();
  }

  private void sweep(long now) {
    if (++checksSinceSweep < 4096) {
      return;
    }
    checksSinceSweep = 0;
    buckets.values().removeIf(bucket -> {
      synchronized (bucket) {
        return bucket.isFull(now);
      }
    });
  }
}
