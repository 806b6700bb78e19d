package dev.framegate.engine;

import java.time.Instant;

/**
 * Time for the engine: a clock and delayed tasks. The runtime backs it with a real clock and a
 * scheduled executor; the test harness with a virtual clock that tests advance by hand. Plugins read
 * the same clock ({@code ws.clock()}), and their timer tasks ({@code ws.schedule(...)}) run on it.
 */
public interface Scheduler {

  /**
   * A monotonic time in nanoseconds, as {@link System#nanoTime()}.
   *
   * @return the current time
   */
  long nanoTime();

  /**
   * The wall-clock time, for plugins' {@code ws.clock().now()}. The default is the system clock; a
   * virtual clock overrides it so that it moves with {@link #nanoTime()}.
   *
   * @return the current instant
   */
  default Instant now() {
    return Instant.now();
  }

  /**
   * Runs a task once after a delay.
   *
   * @param delayNanos the delay in nanoseconds
   * @param task the task; it may run on any thread
   * @return a handle to cancel the task
   */
  Cancellable schedule(long delayNanos, Runnable task);

  /**
   * Runs a task soon, on a thread that may be held for a while: the engine runs plugins' timer
   * tasks ({@code ws.schedule(...)}) this way, so that a plugin that blocks does not hold up the
   * timers of other connections (nor the plugin timeout that ends it). The runtime hands the task
   * to its plugin workers; the default runs it on this scheduler, at once ({@code schedule(0,
   * task)}), which is what a single-threaded virtual clock wants.
   *
   * @param task the task
   */
  default void execute(Runnable task) {
    schedule(0, task);
  }

  /** A scheduled task that can be cancelled. */
  interface Cancellable {
    /** Cancels the task if it has not run yet; does nothing otherwise. */
    void cancel();
  }
}
