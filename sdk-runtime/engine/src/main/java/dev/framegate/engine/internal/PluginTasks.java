package dev.framegate.engine.internal;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseCodes;
import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.Phase;
import dev.framegate.api.ScheduledTask;
import dev.framegate.api.WsContext;
import dev.framegate.engine.Scheduler;
import dev.framegate.engine.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The timer tasks plugins scheduled on one connection ({@code ws.schedule}, {@code
 * ws.scheduleRepeating}). Time comes from the engine's {@link Scheduler}: real time in the runtime,
 * the virtual clock in the harness. A task that falls due is handed to its direction ({@link
 * Direction#post}) and runs in that direction's order of events, never at the same time as the
 * direction's frames. All tasks stop when the connection starts closing.
 */
final class PluginTasks {

  private static final int SCHEDULED = 0;
  private static final int DONE = 1;
  private static final int CANCELLED = 2;

  private final ProxyConnection connection;
  private final Scheduler scheduler;
  // Made on first use, guarded by this: most connections never schedule a task.
  private Set<Task> live;
  // Tasks due before the connection opened, run once it does; guarded by this.
  private List<Task> waitingForOpen;
  private volatile boolean stopped;

  PluginTasks(ProxyConnection connection, Scheduler scheduler) {
    this.connection = connection;
    this.scheduler = scheduler;
  }

  /** Schedules a task of a plugin in one direction's order; a period of zero runs it once. */
  ScheduledTask schedule(
      PluginSlot slot, Side direction, long delayNanos, long periodNanos, Consumer<WsContext> body) {
    Task task = new Task(slot, direction, periodNanos, body);
    if (stopped) {
      task.state.set(CANCELLED); // the connection is closing: the task never runs
      return task;
    }
    synchronized (this) {
      if (live == null) {
        live = new HashSet<>();
      }
      live.add(task);
    }
    connection.reports.taskScheduled(slot, Duration.ofNanos(periodNanos > 0 ? periodNanos : delayNanos), periodNanos > 0);
    task.due = scheduler.nanoTime() + delayNanos;
    task.arm(delayNanos);
    if (stopped) {
      task.cancel();
    }
    return task;
  }

  /** The connection opened: tasks that fell due during the handshake run now. */
  void opened() {
    List<Task> due;
    synchronized (this) {
      due = waitingForOpen;
      waitingForOpen = null;
    }
    if (due != null) {
      due.forEach(Task::fire);
    }
  }

  /** The connection starts closing (or never opened): no task runs any more. */
  void stopAll() {
    stopped = true;
    List<Task> cancelled;
    synchronized (this) {
      waitingForOpen = null;
      if (live == null) {
        return;
      }
      cancelled = new ArrayList<>(live);
    }
    cancelled.forEach(Task::cancel);
  }

  private synchronized void forget(Task task) {
    if (live != null) {
      live.remove(task);
    }
  }

  /** One scheduled task; also its handle for the plugin. */
  final class Task implements ScheduledTask {
    private final PluginSlot slot;
    private final Side direction;
    private final long periodNanos;
    private final Consumer<WsContext> body;
    private final AtomicInteger state = new AtomicInteger(SCHEDULED);
    private volatile Scheduler.Cancellable timer;
    private long due;

    Task(PluginSlot slot, Side direction, long periodNanos, Consumer<WsContext> body) {
      this.slot = slot;
      this.direction = direction;
      this.periodNanos = periodNanos;
      this.body = body;
    }

    private void arm(long delayNanos) {
      timer = scheduler.schedule(Math.max(0, delayNanos), this::fire);
      if (state.get() != SCHEDULED) {
        ConnectionTimers.cancel(timer);
      }
    }

    /** On the scheduler's thread: hand the task to its direction, or keep it until the connection opens. */
    private void fire() {
      if (state.get() != SCHEDULED || stopped) {
        return;
      }
      if (!connection.isOpen()) {
        synchronized (PluginTasks.this) {
          if (!stopped && connection.beforeOpen()) {
            if (waitingForOpen == null) {
              waitingForOpen = new ArrayList<>();
            }
            waitingForOpen.add(this);
            return;
          }
        }
        if (!connection.isOpen()) {
          return;
        }
      }
      // Plugin code may block: it runs on the scheduler's workers, not on its timer thread.
      scheduler.execute(() -> connection.direction(direction).post(this));
    }

    /** In the direction's order of events: runs the plugin's task. */
    void run() {
      boolean once = periodNanos == 0;
      if (stopped || !connection.tasksMayRun()
          || (once ? !state.compareAndSet(SCHEDULED, DONE) : state.get() != SCHEDULED)) {
        return;
      }
      if (once) {
        forget(this);
      }
      connection.reports.taskRunning(slot, direction);
      Reports reports = connection.reports;
      PluginContext ctx = slot.timerContext(direction);
      PluginWatchdog.CallWatch watch = connection.watchdog.watch(direction);
      ctx.active = true;
      long t0 = reports.timing ? System.nanoTime() : 0;
      watch.enterPlugin(slot, Phase.TIMER);
      try {
        body.accept(ctx);
        if (watch.leave()) {
          return; // the plugin timeout ended the connection meanwhile
        }
      } catch (Throwable t) {
        ctx.active = false;
        if (watch.leave()) {
          return;
        }
        reports.pluginFailed(slot, Phase.TIMER, t);
        if (slot.entry.errorPolicy() == ErrorPolicy.CLOSE) {
          connection.endBoth(
              CloseCause.PLUGIN_ERROR,
              "plugin '" + slot.name + "' failed in a timer task: " + t,
              CloseCodes.INTERNAL_ERROR,
              "Internal Error");
          return;
        }
      } finally {
        ctx.active = false;
        if (reports.timing) {
          reports.pluginTime(slot, Phase.TIMER, System.nanoTime() - t0);
        }
      }
      if (!once && state.get() == SCHEDULED && !stopped) {
        // The next run is one period after this one was due; a late run does not pull it closer.
        long now = scheduler.nanoTime();
        due = Math.max(due + periodNanos, now);
        arm(due - now);
      }
    }

    @Override
    public boolean cancel() {
      if (!state.compareAndSet(SCHEDULED, CANCELLED)) {
        return false;
      }
      forget(this);
      ConnectionTimers.cancel(timer);
      return true;
    }

    @Override
    public String toString() {
      return "ScheduledTask[" + slot.name + (periodNanos > 0 ? ", every " + Duration.ofNanos(periodNanos) : "")
          + ", " + (state.get() == SCHEDULED ? "scheduled" : state.get() == DONE ? "done" : "cancelled") + "]";
    }
  }
}
