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
 * The engine's cost per frame, transport excluded: one unfragmented client message through a chain
 * of no-op plugins to a transport that discards it.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar EngineFrameBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineFrameBenchmark {

  private static final int OPCODE_TEXT = 0x1;
  private static final int OPCODE_BINARY = 0x2;

  /** How many no-op plugins the chain has. */
  @Param({"0", "1", "5"})
  public int plugins;

  /** The payload size in bytes. */
  @Param({"64", "65536"})
  public int size;

  private Connection passThrough;
  private ByteBuffer payload;

  /** Opens the connections and prepares the payload once per trial. */
  @Setup
  public void setUp() {
    passThrough = BenchmarkConnections.open(NoOpPlugins.first(plugins));
    payload = ByteBuffer.wrap(NoOpPlugins.asciiPayload(size));
  }

  /**
   * A binary message through the no-op chain.
   *
   * @return the connection, so that the work is consumed
   */
  @Benchmark
  public Connection binaryPassThrough() {
    payload.clear();
    passThrough.frame(Side.CLIENT, true, 0, OPCODE_BINARY, payload);
    return passThrough;
  }

  /**
   * A binary message as a socket transport hands it in: its header first ({@code frameHeader},
   * the limits at the header), then the frame.
   *
   * @return the connection, so that the work is consumed
   */
  @Benchmark
  public Connection binaryWithHeader() {
    payload.clear();
    if (passThrough.frameHeader(Side.CLIENT, true, 0, OPCODE_BINARY, true, payload.remaining())) {
      passThrough.frame(Side.CLIENT, true, 0, OPCODE_BINARY, payload);
    }
    return passThrough;
  }

  /**
   * A text message through the no-op chain: adds UTF-8 validation.
   *
   * @return the connection, so that the work is consumed
   */
  @Benchmark
  public Connection textPassThrough() {
    payload.clear();
    passThrough.frame(Side.CLIENT, true, 0, OPCODE_TEXT, payload);
    return passThrough;
  }
}
