package dev.framegate.plugins.ratelimit;

import dev.framegate.api.Frame;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.Peer;
import dev.framegate.api.WsContext;
import dev.framegate.api.config.ConfigName;
import dev.framegate.api.config.DefaultValue;
import dev.framegate.api.config.Required;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits messages per second and bytes per second, with bursts, per connection, client address,
 * header value (a consumer) or route. A message over the limit is dropped, or closes the
 * connection: 1008 to its sender, 1001 to the other side. Time is the PDK clock, so the harness's
 * virtual clock drives it in tests. Policies: {@code local} (each gateway counts alone) and {@code
 * redis} (the gateways of a cluster share their counters in Redis).
 *
 * <pre>{@code
 * plugins:
 *   - name: rate-limit
 *     config: {messages-per-second: 10, message-burst: 20, key-by: client-address, on-excess: close}
 * }</pre>
 */
@FramegatePlugin(name = "rate-limit", priority = 1010, config = RateLimitPlugin.Config.class)
public final class RateLimitPlugin implements FramePlugin<RateLimitPlugin.Config> {

  /** The close code of a connection closed for its rate: 1008, policy violation. */
  public static final int POLICY_VIOLATION = 1008;

  /** The close reason of a connection closed for its rate. */
  public static final String EXCEEDED_REASON = "Rate Limit Exceeded";

  /** What a limit is counted per. */
  public enum KeyBy {
    /** Each connection has its own limit. */
    CONNECTION,
    /** The connections of one client address share a limit. */
    CLIENT_ADDRESS,
    /** The connections with one value of a request header (a consumer id, an API key) share a limit. */
    HEADER,
    /** All connections of the route (of the plugin entry) share one limit. */
    ROUTE
  }

  /** Whose messages are counted. */
  public enum Direction {
    /** Messages the client sends. */
    CLIENT,
    /** Messages the upstream sends. */
    UPSTREAM,
    /** Both, each direction against its own buckets. */
    BOTH
  }

  /** What a message over the limit does. */
  public enum OnExcess {
    /** Drop it; the connection stays open. */
    DROP,
    /** Close the connection: 1008 to the sender, 1001 to the other side. */
    CLOSE
  }

  /** Where the counters live. */
  public enum Policy {
    /** In this gateway's memory. */
    LOCAL,
    /** In Redis, shared by every gateway naming the same limit. */
    REDIS
  }

  /** What happens while Redis cannot be reached. */
  public enum Fail {
    /** Messages pass unlimited. */
    OPEN,
    /** Messages are dropped (connections stay open, whatever {@code on-excess} says). */
    CLOSED
  }

  /**
   * The Redis settings of the {@code redis} policy.
   *
   * @param uri the server, {@code redis://host:port[/db]} (Lettuce's URI syntax, {@code rediss://}
   *     for TLS, credentials as {@code redis://user:password@host})
   * @param timeout the longest a check waits for Redis
   * @param cache how long a lease of tokens, or a refusal, is used locally before Redis is asked
   *     again; also how long Redis is left alone after a failure
   * @param fail {@code open} (default) or {@code closed}
   * @param keyPrefix the prefix of the keys in Redis
   */
  public record Redis(
      @Required String uri,
      @DefaultValue("250ms") Duration timeout,
      @DefaultValue("100ms") Duration cache,
      @DefaultValue("open") Fail fail,
      @ConfigName("key-prefix") @DefaultValue("framegate:rate-limit:") String keyPrefix) {

    /** Checks the durations. */
    public Redis {
      if (!(uri.startsWith("redis://") || uri.startsWith("rediss://") || uri.startsWith("redis-socket://"))) {
        throw new IllegalArgumentException("uri: expected redis://host:port, rediss:// or redis-socket://, got \"" + uri + "\"");
      }
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout: must be positive");
      }
      if (cache.isNegative() || cache.compareTo(Duration.ofSeconds(10)) > 0) {
        throw new IllegalArgumentException("cache: must be between 0 and 10s, got " + cache.toMillis() + "ms");
      }
    }
  }

  /**
   * The plugin's configuration. Without any rate the plugin lets everything through.
   *
   * @param messagesPerSecond messages per second; 0 (default) for no message limit
   * @param messageBurst messages that may come at once; default the rate (at least 1)
   * @param bytesPerSecond payload bytes per second; 0 (default) for no byte limit
   * @param byteBurst payload bytes that may come at once, and so the largest message that can pass;
   *     default the rate
   * @param keyBy what the limit is counted per: {@code connection} (default), {@code client-address},
   *     {@code header} or {@code route}
   * @param header the header whose value is the key with {@code key-by: header}; a connection without
   *     it is counted by its client address
   * @param direction whose messages count: {@code client} (default), {@code upstream} or {@code both}
   * @param onExcess {@code drop} (default) or {@code close}
   * @param policy {@code local} (default) or {@code redis}
   * @param limitName the limit's name in Redis: gateways (and routes) naming the same limit share its
   *     counters; required with {@code policy: redis}
   * @param redis the Redis settings; required with {@code policy: redis}
   */
  public record Config(
      @ConfigName("messages-per-second") @DefaultValue("0") double messagesPerSecond,
      @ConfigName("message-burst") Optional<Double> messageBurst,
      @ConfigName("bytes-per-second") @DefaultValue("0") long bytesPerSecond,
      @ConfigName("byte-burst") Optional<Long> byteBurst,
      @ConfigName("key-by") @DefaultValue("connection") KeyBy keyBy,
      Optional<String> header,
      @DefaultValue("client") Direction direction,
      @ConfigName("on-excess") @DefaultValue("drop") OnExcess onExcess,
      @DefaultValue("local") Policy policy,
      @ConfigName("limit-name") Optional<String> limitName,
      Optional<Redis> redis) {

    /** Checks the combination of settings. */
    public Config {
      if (messagesPerSecond < 0 || bytesPerSecond < 0) {
        throw new IllegalArgumentException("messages-per-second and bytes-per-second must not be negative");
      }
      if (messageBurst.isPresent() && messageBurst.get() < 1) {
        throw new IllegalArgumentException("message-burst: must be at least 1, got " + messageBurst.get());
      }
      if (byteBurst.isPresent() && byteBurst.get() < 1) {
        throw new IllegalArgumentException("byte-burst: must be at least 1, got " + byteBurst.get());
      }
      if (keyBy == KeyBy.HEADER && header.map(String::isBlank).orElse(true)) {
        throw new IllegalArgumentException("header: name the request header to count by (key-by: header)");
      }
      if (policy == Policy.REDIS) {
        if (redis.isEmpty()) {
          throw new IllegalArgumentException("redis: give redis.uri (policy: redis)");
        }
        if (limitName.map(String::isBlank).orElse(true)) {
          throw new IllegalArgumentException("limit-name: name the limit (policy: redis): gateways and routes"
              + " naming the same limit share its counters in Redis");
        }
      }
    }

    Limits limits() {
      return new Limits(messagesPerSecond, messageBurst.orElse(Math.max(1, messagesPerSecond)),
          bytesPerSecond, byteBurst.map(Long::doubleValue).orElse((double) bytesPerSecond));
    }
  }

  /** A plugin entry's limiter: built on first use of its configuration (one per entry). */
  private record Limiter(Config config, Limits limits, SharedBuckets shared, RedisLimiter redis) {

    static Limiter of(Config config) {
      Limits limits = config.limits();
      RedisLimiter redis = null;
      if (config.policy() == Policy.REDIS) {
        Redis settings = config.redis().orElseThrow();
        String name = config.limitName().orElseThrow();
        redis = new RedisLimiter(RedisScript.of(settings.uri(), settings.timeout()), settings.keyPrefix() + name + ":",
            limits, settings.cache().toNanos(), settings.fail() == Fail.OPEN, RedisMetrics.of(name));
      }
      return new Limiter(config, limits, new SharedBuckets(limits), redis);
    }
  }

  private static final String INSTANCE = java.util.UUID.randomUUID().toString().substring(0, 8);
  private static final String CLIENT_KEY = "rate-limit.client-key";
  private static final String UPSTREAM_KEY = "rate-limit.upstream-key";
  private static final String CLIENT_BUCKETS = "rate-limit.client";
  private static final String UPSTREAM_BUCKETS = "rate-limit.upstream";

  private volatile Limiter limiter;

  /** Creates the plugin. */
  public RateLimitPlugin() {}

  @Override
  public void onHandshake(WsContext ws, Config config) {
    if (!limited(config)) {
      return;
    }
    // the keys of both directions, made once per connection rather than once per message
    String key = key(ws, config);
    ws.pluginState().put(CLIENT_KEY, key + ":c");
    ws.pluginState().put(UPSTREAM_KEY, key + ":u");
    // the first connection of an entry opens its Redis connection (in the background), so that the
    // first messages find it ready
    limiter(config);
  }

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    if (config.direction() != Direction.UPSTREAM) {
      check(ws, ws.client(), config, CLIENT_BUCKETS, CLIENT_KEY);
    }
  }

  @Override
  public void onUpstreamFrame(WsContext ws, Config config) {
    if (config.direction() != Direction.CLIENT) {
      check(ws, ws.upstream(), config, UPSTREAM_BUCKETS, UPSTREAM_KEY);
    }
  }

  private static boolean limited(Config config) {
    return config.messagesPerSecond() > 0 || config.bytesPerSecond() > 0;
  }

  private void check(WsContext ws, Peer sender, Config config, String bucketsKey, String keyKey) {
    if (!limited(config)) {
      return;
    }
    Frame frame = sender.getFrame();
    FrameType type = frame.type();
    if (type != FrameType.TEXT && type != FrameType.BINARY) {
      return;
    }
    Limiter current = limiter(config);
    long now = ws.clock().nanoTime();
    int size = frame.length();
    boolean allowed;
    boolean redisDown = false;
    if (current.redis() != null) {
      String key = (String) ws.pluginState().get(keyKey);
      RedisLimiter.Outcome outcome = current.redis().check(key, size, now);
      allowed = outcome == RedisLimiter.Outcome.ALLOWED || outcome == RedisLimiter.Outcome.UNAVAILABLE_ALLOWED;
      redisDown = outcome == RedisLimiter.Outcome.UNAVAILABLE_DENIED;
    } else if (config.keyBy() == KeyBy.CONNECTION) {
      TokenBuckets buckets = (TokenBuckets) ws.pluginState().get(bucketsKey);
      if (buckets == null) {
        buckets = new TokenBuckets(current.limits(), now);
        ws.pluginState().put(bucketsKey, buckets);
      }
      allowed = buckets.tryTake(size, now);
    } else {
      allowed = current.shared().tryTake((String) ws.pluginState().get(keyKey), size, now);
    }
    if (allowed) {
      return;
    }
    if (config.onExcess() == OnExcess.CLOSE && !redisDown) {
      sender.close(POLICY_VIOLATION, EXCEEDED_REASON, 1001, null);
    } else {
      sender.dropFrame();
    }
  }

  private Limiter limiter(Config config) {
    Limiter current = limiter;
    if (current == null || current.config() != config) {
      synchronized (this) {
        current = limiter;
        if (current == null || current.config() != config) {
          current = Limiter.of(config);
          limiter = current;
        }
      }
    }
    return current;
  }

  private static String key(WsContext ws, Config config) {
    return switch (config.keyBy()) {
      // connection ids are unique within one runtime only: a random id per plugin class keeps two
      // gateways apart in Redis
      case CONNECTION -> "connection:" + INSTANCE + ":" + ws.connectionId();
      case CLIENT_ADDRESS -> "address:" + address(ws);
      case HEADER -> ws.request().headers().first(config.header().orElseThrow())
          .map(value -> "header:" + value)
          .orElseGet(() -> "address:" + address(ws));
      case ROUTE -> "route";
    };
  }

  private static String address(WsContext ws) {
    InetSocketAddress remote = ws.request().remoteAddress();
    if (remote == null) {
      return "unknown";
    }
    return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
  }
}
