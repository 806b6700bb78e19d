package dev.framegate.harness;

import dev.framegate.engine.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A clock that moves only when a test says so, implementing the engine's {@link Scheduler}; plugins
 * read it through {@code ws.clock()}, and their timer tasks run on it. Tasks
 * run on the thread that calls {@link #advance(Duration)} or {@link #runDueTasks()}, in order of due
 * time (ties in order of scheduling), each one seeing {@link #nanoTime()} at its own due time. A
 * timeout of 30 seconds therefore costs no wall-clock time.
 */
public final class VirtualClock implements Scheduler {

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.sequence, b.sequence));
  private final List<Runnable> listeners = new ArrayList<>();
  private final Instant start;
  private long now;
  private long sequence;

  /** Creates a clock at time zero, whose wall-clock time ({@link #now()}) starts at the epoch. */
  public VirtualClock() {
    this(Instant.EPOCH);
  }

  /**
   * Creates a clock at time zero whose wall-clock time starts at a given instant.
   *
   * @param start what {@link #now()} answers before the clock moves
   * @since 1.1
   */
  public VirtualClock(Instant start) {
    this.start = Objects.requireNonNull(start, "start");
  }

  /**
   * The wall-clock time, which moves with the virtual clock: the start instant plus {@link
   * #elapsed()}. Plugins read it as {@code ws.clock().now()}.
   *
   * @return the virtual instant
   */
  @Override
  public synchronized Instant now() {
    return start.plusNanos(now);
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(long delayNanos, Runnable task) {
    Objects.requireNonNull(task, "task");
    Task scheduled = new Task(now + Math.max(0, delayNanos), sequence++, task);
    tasks.add(scheduled);
    return () -> {
      synchronized (VirtualClock.this) {
        tasks.remove(scheduled);
      }
    };
  }

  /**
   * The time elapsed since the clock was created.
   *
   * @return the virtual time
   */
  public synchronized Duration elapsed() {
    return Duration.ofNanos(now);
  }

  /**
   * Moves the clock forward, running every task that falls due on the way, in order.
   *
   * @param duration how far to move; zero runs the tasks already due
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time cannot go back: " + duration);
    }
    listeners.forEach(Runnable::run);
    long target;
    synchronized (this) {
      target = now + duration.toNanos();
    }
    runUntil(target);
    synchronized (this) {
      now = Math.max(now, target);
    }
  }

  /** Runs the tasks that are due now, including those they schedule with no delay. */
  public void runDueTasks() {
    listeners.forEach(Runnable::run);
    runUntil(nanoTime());
  }

  /** Runs the due tasks without the before-running hooks, while a connection is being opened. */
  void runDueTasksWithoutHooks() {
    runUntil(nanoTime());
  }

  /**
   * The number of tasks scheduled and not yet run or cancelled.
   *
   * @return the count
   */
  public synchronized int pendingTasks() {
    return tasks.size();
  }

  /**
   * The delay until the next scheduled task.
   *
   * @return the delay, or empty if nothing is scheduled
   */
  public synchronized java.util.Optional<Duration> nextTaskIn() {
    Task next = tasks.peek();
    return next == null ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofNanos(next.due - now));
  }

  /** Cancels every scheduled task. */
  public synchronized void cancelAll() {
    tasks.clear();
  }

  void beforeRunning(Runnable listener) {
    listeners.add(listener);
  }

  private void runUntil(long target) {
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due > target) {
          return;
        }
        tasks.poll();
        now = Math.max(now, next.due);
      }
      next.task.run();
    }
  }

  private record Task(long due, long sequence, Runnable task) {}
}
