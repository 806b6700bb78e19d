package dev.framegate.plugins.benchmarks;

import dev.framegate.api.config.ConfigBinder;
import dev.framegate.engine.Connection;
import dev.framegate.engine.Side;
import dev.framegate.plugins.jsonschema.JsonSchemaPlugin;
import dev.framegate.plugins.ratelimit.RateLimitPlugin;
import dev.framegate.plugins.sizelimit.SizeLimitPlugin;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A bundled plugin's cost per frame: one text message (a JSON object) from the client through the
 * engine with that plugin alone, to a transport that discards it. {@code none} is the engine alone;
 * a plugin's cost is its figure minus that one.
 *
 * <p>Run with {@code java -jar plugins/benchmarks/target/plugin-benchmarks.jar PluginFrameBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PluginFrameBenchmark {

  private static final int OPCODE_TEXT = 0x1;

  /** The plugin on the route. */
  @Param({"none", "size-limit", "json-schema", "rate-limit-connection", "rate-limit-route", "rate-limit-redis"})
  public String plugin;

  /** The message: {@code small} (about 100 bytes) or {@code large} (about 4 KiB). */
  @Param({"small", "large"})
  public String message;

  private LocalRedis redis;
  private Connection connection;
  private ByteBuffer payload;

  /** Opens the connection and prepares the message once per trial. */
  @Setup
  public void setUp() {
    List<Connections.Entry> chain = switch (plugin) {
      case "none" -> List.of();
      case "size-limit" -> List.of(new Connections.Entry(new SizeLimitPlugin(),
          ConfigBinder.bind(Map.of("client-max-payload", 65536), SizeLimitPlugin.Config.class)));
      case "json-schema" -> List.of(new Connections.Entry(new JsonSchemaPlugin(),
          ConfigBinder.bind(Messages.jsonSchemaConfig(), JsonSchemaPlugin.Config.class)));
      // rates far above what a benchmark sends: every message is checked and passes
      case "rate-limit-connection" -> List.of(rateLimit(Map.of("messages-per-second", 1e9, "bytes-per-second", 1_000_000_000_000L)));
      case "rate-limit-route" -> List.of(rateLimit(Map.of("messages-per-second", 1e9, "bytes-per-second", 1_000_000_000_000L,
          "key-by", "route")));
      case "rate-limit-redis" -> {
        redis = LocalRedis.start();
        yield List.of(rateLimit(Map.of("messages-per-second", 1e9, "key-by", "route", "policy", "redis",
            "limit-name", "benchmark", "redis", Map.of("uri", redis.uri(), "timeout", "1s", "cache", "100ms"))));
      }
      default -> throw new IllegalArgumentException(plugin);
    };
    connection = Connections.open(chain);
    payload = ByteBuffer.wrap(Messages.json(message).getBytes(StandardCharsets.UTF_8));
  }

  private static Connections.Entry rateLimit(Map<String, Object> config) {
    return new Connections.Entry(new RateLimitPlugin(), ConfigBinder.bind(config, RateLimitPlugin.Config.class));
  }

  /** Stops Redis after a trial that started it. */
  @TearDown
  public void tearDown() {
    if (redis != null) {
      redis.close();
    }
  }

  /**
   * One valid text message through the chain.
   *
   * @return the connection, so that the work is consumed
   */
  @Benchmark
  public Connection textMessage() {
    payload.clear();
    connection.frame(Side.CLIENT, true, 0, OPCODE_TEXT, payload);
    return connection;
  }
}
