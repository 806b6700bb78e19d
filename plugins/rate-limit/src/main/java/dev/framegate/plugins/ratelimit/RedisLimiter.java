package dev.framegate.plugins.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code redis} policy: the buckets live in Redis, shared by every gateway that names the same
 * limit, and each check is one atomic script. To keep Redis off the path of most messages, a
 * gateway takes tokens in small leases (what its rates grant in one cache period) and spends them
 * locally until they run out or the period ends, and it remembers a refusal until Redis said tokens
 * would be back. Unspent tokens of an ended lease are lost, so a cluster errs on the strict side.
 *
 * <p>When Redis cannot be reached the configured failure mode decides every message for one cache
 * period before Redis is tried again: {@code open} lets it pass, {@code closed} refuses it (as
 * excess, but never closing a connection for it: a Redis outage must not cut open connections).
 */
final class RedisLimiter {

  /** What a check decided. */
  enum Outcome {
    /** Within the limit. */
    ALLOWED,
    /** Over the limit. */
    EXCEEDED,
    /** Redis unreachable, failure mode open: let through. */
    UNAVAILABLE_ALLOWED,
    /** Redis unreachable, failure mode closed: refused. */
    UNAVAILABLE_DENIED
  }

  private static final class Lease {
    long messages;
    long bytes;
    long expiresAt;
    long deniedUntil;
    boolean used;
  }

  private static final System.Logger LOG = System.getLogger(RedisLimiter.class.getName());

  private final RedisScript redis;
  private final String keyPrefix;
  private final Limits limits;
  private final long cacheNanos;
  private final boolean failOpen;
  private final long messageLease;
  private final long byteLease;
  private final long ttlMillis;
  private final RedisMetrics metrics;
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();
  private volatile long unavailableUntil;
  private volatile boolean unavailable;
  private int checksSinceSweep;

  RedisLimiter(RedisScript redis, String keyPrefix, Limits limits, long cacheNanos, boolean failOpen, RedisMetrics metrics) {
    this.redis = redis;
    this.keyPrefix = keyPrefix;
    this.limits = limits;
    this.cacheNanos = cacheNanos;
    this.failOpen = failOpen;
    this.metrics = metrics;
    double cacheSeconds = cacheNanos / 1e9;
    this.messageLease = limits.messagesPerSecond() <= 0 ? 0
        : (long) Math.max(1, Math.min(limits.messageBurst(), Math.floor(limits.messagesPerSecond() * cacheSeconds)));
    this.byteLease = limits.bytesPerSecond() <= 0 ? 0
        : (long) Math.max(1, Math.min(limits.byteBurst(), Math.floor(limits.bytesPerSecond() * cacheSeconds)));
    // a key lives in Redis as long as its buckets take to fill up again, plus a margin
    double refill = Math.max(limits.messagesPerSecond() <= 0 ? 0 : limits.messageBurst() / limits.messagesPerSecond(),
        limits.bytesPerSecond() <= 0 ? 0 : limits.byteBurst() / limits.bytesPerSecond());
    this.ttlMillis = (long) Math.ceil(refill * 1000) + 1000;
  }

  /**
   * Checks one message.
   *
   * @param key the limit key (connection, address, header value or route) and direction
   * @param size the payload length
   * @param now the PDK clock's nanoTime
   * @return the decision
   */
  Outcome check(String key, int size, long now) {
    if (!limits.fits(size)) {
      return Outcome.EXCEEDED;
    }
    if (unavailable && now - unavailableUntil < 0) {
      return unavailable();
    }
    sweepNow(now);
    Lease lease = leases.computeIfAbsent(key, k -> new Lease());
    synchronized (lease) {
      lease.used = true;
      if (now - lease.deniedUntil < 0) {
        return Outcome.EXCEEDED;
      }
      if (now - lease.expiresAt >= 0) {
        lease.messages = 0;
        lease.bytes = 0;
      }
      boolean limitMessages = limits.messagesPerSecond() > 0;
      boolean limitBytes = limits.bytesPerSecond() > 0;
      long messageNeed = limitMessages ? Math.max(0, 1 - lease.messages) : 0;
      long byteNeed = limitBytes ? Math.max(0, size - lease.bytes) : 0;
      if (messageNeed > 0 || byteNeed > 0) {
        long[] reply;
        try {
          metrics.calls().increment();
          reply = redis.take(keyPrefix + key, limits, messageNeed, messageNeed == 0 ? 0 : messageLease,
              byteNeed, byteNeed == 0 ? 0 : Math.max(byteNeed, byteLease), ttlMillis);
        } catch (RuntimeException e) {
          metrics.failures().increment();
          unavailableUntil = now + cacheNanos;
          if (!unavailable) {
            LOG.log(System.Logger.Level.WARNING, "rate limit " + keyPrefix + ": Redis unavailable, failing "
                + (failOpen ? "open (messages pass)" : "closed (messages are dropped)") + ": " + e);
          }
          unavailable = true;
          return unavailable();
        }
        if (unavailable) {
          LOG.log(System.Logger.Level.INFO, "rate limit " + keyPrefix + ": Redis available again");
        }
        unavailable = false;
        if (reply[2] > 0) {
          lease.deniedUntil = now + Math.min(reply[2] * 1_000_000, cacheNanos);
          return Outcome.EXCEEDED;
        }
        if (now - lease.expiresAt >= 0) {
          lease.expiresAt = now + cacheNanos;
        }
        lease.messages += reply[0];
        lease.bytes += reply[1];
      }
      if (limitMessages) {
        lease.messages -= 1;
      }
      if (limitBytes) {
        lease.bytes -= size;
      }
      return Outcome.ALLOWED;
    }
  }

  private Outcome unavailable() {
    if (failOpen) {
      metrics.allowedWhileUnavailable().increment();
      return Outcome.UNAVAILABLE_ALLOWED;
    }
    metrics.deniedWhileUnavailable().increment();
    return Outcome.UNAVAILABLE_DENIED;
  }

  /** Forgets, now and then, the leases of keys that saw no message for a whole cache period. */
  private void sweepNow(long now) {
    if (++checksSinceSweep < 4096) {
      return;
    }
    checksSinceSweep = 0;
    leases.values().removeIf(lease -> {
      synchronized (lease) {
        boolean idle = !lease.used && now - lease.expiresAt >= 0 && now - lease.deniedUntil >= 0;
        lease.used = false;
        return idle;
      }
    });
  }
}
