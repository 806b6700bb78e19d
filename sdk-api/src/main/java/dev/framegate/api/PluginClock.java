package dev.framegate.api;

import java.time.Instant;

/**
 * The time a plugin reads: Kong's {@code ngx.now()} and {@code ngx.update_time()}. In the runtime it
 * is real time; in the test harness it is the harness's virtual clock, which moves only when a test
 * advances it, so a time-based plugin is tested with the same code it runs in production.
 *
 * <p>Read it from {@link WsContext#clock()} in every phase; it may also be kept and read from any
 * thread.
 *
 * @since 1.1
 */
public interface PluginClock {

  /**
   * A monotonic time in nanoseconds, for measuring intervals (rate windows, timeouts); only
   * differences between two readings mean something, as with {@link System#nanoTime()}.
   *
   * @return the current monotonic time
   * @since 1.1
   */
  long nanoTime();

  /**
   * The current wall-clock time, for timestamps. It may jump (the system clock is set); use {@link
   * #nanoTime()} for intervals.
   *
   * @return the current instant
   * @since 1.1
   */
  Instant now();
}
