package dev.framegate.api;

/**
 * A task a plugin scheduled with {@link WsContext#schedule} or {@link WsContext#scheduleRepeating}:
 * Kong's timer handle.
 *
 * @since 1.1
 */
public interface ScheduledTask {

  /**
   * Cancels the task: it does not run again. Callable from any phase and any thread; a task cancels
   * itself by calling this from its own run.
   *
   * @return {@code true} if this call stopped a run that was still to come; {@code false} if the
   *     task had already been cancelled, had already run (once-only tasks), or ended with its
   *     connection
   * @since 1.1
   */
  boolean cancel();
}
