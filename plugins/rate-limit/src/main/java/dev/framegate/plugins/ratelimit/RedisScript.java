package dev.framegate.plugins.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Redis server as the rate limits see it: a Lettuce connection shared by every limit entry that
 * names the same URI and timeout, and the atomic check script ({@code take.lua}) run on it. While
 * Redis is unreachable, calls fail at once (Lettuce rejects commands while it reconnects in the
 * background), so a message never waits longer than the timeout.
 */
final class RedisScript implements AutoCloseable {

  private static final String SCRIPT = load();
  private static final String DIGEST = sha1(SCRIPT);
  private static final Map<String, RedisScript> SHARED = new ConcurrentHashMap<>();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final RedisClient client;
  private final RedisURI redisUri;
  private final Duration timeout;
  private volatile CompletableFuture<StatefulRedisConnection<String, String>> connection;
  private volatile long nextConnectAttempt;

  private RedisScript(String uri, Duration timeout) {
    this.redisUri = RedisURI.create(uri);
    redisUri.setTimeout(timeout);
    this.client = RedisClient.create(redisUri);
    this.client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
        .build());
    this.timeout = timeout;
    // connect in the background from the start: the first messages need not wait for it
    this.connection = connect(System.nanoTime());
  }

  /** The shared script runner of a Redis URI and timeout. */
  static RedisScript of(String uri, Duration timeout) {
    return SHARED.computeIfAbsent(uri + " " + timeout.toMillis(), key -> new RedisScript(uri, timeout));
  }

  /**
   * Runs one check.
   *
   * @return {messages granted, bytes granted, wait ms}
   * @throws RuntimeException when Redis cannot be reached or answers with an error
   */
  long[] take(String key, Limits limits, long messageNeed, long messageWant, long byteNeed, long byteWant, long ttlMillis) {
    RedisCommands<String, String> commands = connection().sync();
    String[] keys = {key};
    String[] args = {
        number(limits.messagesPerSecond()), number(limits.messageBurst()), Long.toString(messageNeed), Long.toString(messageWant),
        number(limits.bytesPerSecond()), number(limits.byteBurst()), Long.toString(byteNeed), Long.toString(byteWant),
        Long.toString(ttlMillis)};
    List<Long> reply;
    try {
      reply = commands.evalsha(DIGEST, ScriptOutputType.MULTI, keys, args);
    } catch (RedisNoScriptException e) {
      // a Redis that restarted has forgotten the script: EVAL loads it again
      reply = commands.eval(SCRIPT, ScriptOutputType.MULTI, keys, args);
    }
    return new long[] {reply.get(0), reply.get(1), reply.get(2)};
  }

  private CompletableFuture<StatefulRedisConnection<String, String>> connect(long now) {
    nextConnectAttempt = now + RETRY.toNanos();
    return client.connectAsync(StringCodec.UTF8, redisUri).toCompletableFuture();
  }

  /**
   * The connection, waiting for it at most the timeout. A connection attempt that failed is
   * retried at most once a second, in the background; Lettuce reconnects an established connection
   * by itself.
   */
  private StatefulRedisConnection<String, String> connection() {
    CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
    if (current.isCompletedExceptionally()) {
      synchronized (this) {
        long now = System.nanoTime();
        if (connection == current && now - nextConnectAttempt >= 0) {
          connection = connect(now);
        }
        current = connection;
      }
    }
    try {
      return current.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Redis " + redisUri.getHost() + ":" + redisUri.getPort() + ": still connecting");
    } catch (ExecutionException e) {
      throw new IllegalStateException("Redis " + redisUri.getHost() + ":" + redisUri.getPort() + " unreachable: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to Redis", e);
    }
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static String load() {
    try (InputStream in = RedisScript.class.getResourceAsStream("take.lua")) {
      if (in == null) {
        throw new IllegalStateException("take.lua is missing from the plugin JAR");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    connection.thenAccept(StatefulRedisConnection::close);
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
