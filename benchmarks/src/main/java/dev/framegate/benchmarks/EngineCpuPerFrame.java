package dev.framegate.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.ToIntFunction;

/**
 * The {@link EngineFrameBenchmark} methods timed in thread CPU time rather than wall time: on a
 * machine other processes keep busy, JMH's wall-clock figures count the time the benchmark thread
 * waits for a CPU, while the thread's own CPU time does not. Reports the best of 20 rounds of
 * 2 million frames, after 10 rounds of warm-up.
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar
 * dev.framegate.benchmarks.EngineCpuPerFrame}. Not a replacement for JMH on a quiet machine: no fork
 * isolation, no dead-code protection beyond consuming each result.
 */
public final class EngineCpuPerFrame {

  private static final int FRAMES = 2_000_000;

  private EngineCpuPerFrame() {}

  /**
   * Prints the CPU time per frame of each pass-through benchmark, with 0 and 5 plugins, 64 B.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    measure(threads, "binaryPassThrough", b -> b.binaryPassThrough().hashCode());
    measure(threads, "textPassThrough", b -> b.textPassThrough().hashCode());
    measure(threads, "binaryWithHeader", b -> b.binaryWithHeader().hashCode());
  }

  private static void measure(ThreadMXBean threads, String name, ToIntFunction<EngineFrameBenchmark> call) {
    for (int plugins : new int[] {0, 5}) {
      EngineFrameBenchmark benchmark = new EngineFrameBenchmark();
      benchmark.plugins = plugins;
      benchmark.size = 64;
      benchmark.setUp();
      long best = Long.MAX_VALUE;
      int sink = 0;
      for (int round = 0; round < 30; round++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < FRAMES; i++) {
          sink += call.applyAsInt(benchmark);
        }
        long used = threads.getCurrentThreadCpuTime() - start;
        if (round >= 10) {
          best = Math.min(best, used);
        }
      }
      System.out.printf("%-18s plugins=%d size=64  %6.1f ns CPU/frame%s%n", name, plugins,
          (double) best / FRAMES, sink == 0 ? " " : "");
    }
  }
}
