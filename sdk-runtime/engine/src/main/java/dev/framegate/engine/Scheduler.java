package dev.framegate.engine;

/**
 * Time for the engine: a clock and delayed tasks. The runtime backs it with a real clock and a
 * scheduled executor; the test harness with a virtual clock that tests advance by hand.
 */
public interface Scheduler {

  /**
   * A monotonic time in nanoseconds, as {@link System#nanoTime()}.
   *
   * @return the current time
   */
  long nanoTime();

  /**
   * Runs a task once after a delay.
   *
   * @param delayNanos the delay in nanoseconds
   * @param task the task; it may run on any thread
   * @return a handle to cancel the task
   */
  Cancellable schedule(long delayNanos, Runnable task);

  /** A scheduled task that can be cancelled. */
  interface Cancellable {
    /** Cancels the task if it has not run yet; does nothing otherwise. */
    void cancel();
  }
}
