package dev.framegate.benchmarks;

import dev.framegate.engine.Connection;
import dev.framegate.engine.Side;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's cost per frame when one plugin rewrites every client text message with {@code
 * setFrameData}: the copy the rewrite needs, and the engine's handling of the new payload.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar EngineRewriteBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineRewriteBenchmark {

  private static final int OPCODE_TEXT = 0x1;

  /** The payload size in bytes. */
  @Param({"64", "65536"})
  public int size;

  private Connection rewriting;
  private ByteBuffer payload;

  /** Opens the connection and prepares the payload once per trial. */
  @Setup
  public void setUp() {
    rewriting = BenchmarkConnections.open(new NoOpPlugins.Uppercase());
    payload = ByteBuffer.wrap(NoOpPlugins.asciiPayload(size));
  }

  /**
   * A text message through one upper-casing plugin.
   *
   * @return the connection, so that the work is consumed
   */
  @Benchmark
  public Connection textRewrite() {
    payload.clear();
    rewriting.frame(Side.CLIENT, true, 0, OPCODE_TEXT, payload);
    return rewriting;
  }
}
