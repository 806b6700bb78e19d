package dev.framegate.runtime.internal.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.nio.SelectorRunner;

/**
 * Keeps a plugin that blocks or loops from stalling the other connections of its I/O thread.
 *
 * <p>Frames are decoded, run through the plugins and written on the I/O thread that read them
 * ({@link InlineIOStrategy}). Each I/O thread has a {@link Lane} that records when its current
 * engine call started. Every {@link #PERIOD_MILLIS} ms the watchdog looks at the lanes; a call that
 * has run for longer than {@link #STALL_MILLIS} ms keeps its thread, and the watchdog moves the
 * thread's selector — every other connection the thread served — to a fresh thread: it postpones
 * the {@link SelectorRunner} (Grizzly's own leader-follower hand-over) and runs it on a thread of its
 * own pool, which goes on from the next ready key. The stuck call's connection stays off the
 * selector (its read interest is disabled while an event is processed) until the call returns; the
 * stuck thread then finishes that one event and leaves the selector loop.
 *
 * <p>The hand-over is safe because the stuck thread cannot leave its engine call without seeing it:
 * a lane goes BUSY → FREE when a call returns, and the watchdog only takes a lane BUSY → TAKEN, and
 * marks it HANDED once the runner runs elsewhere; a thread that finds its lane taken waits for HANDED
 * and from then on is not a selector thread.
 */
final class StallWatchdog implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StallWatchdog.class.getName());

  /** A call longer than this moves the other connections of its thread elsewhere. */
  static final long STALL_MILLIS = 20;
  static final long PERIOD_MILLIS = 5;

  private static final int FREE = 0;
  private static final int BUSY = 1;
  private static final int TAKEN = 2;
  private static final int HANDED = 3;

  private final ThreadLocal<Lane> lanes = new ThreadLocal<>();
  private final Set<Lane> all = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor replacements;
  private final int maxStuck;
  private final long stallNanos;
  private final ScheduledFuture<?> checks;

  /**
   * Starts watching.
   *
   * @param timer runs the periodic check
   * @param maxStuck the most I/O threads that may be stuck in calls at once and replaced; past it a
   *     stuck thread's connections wait for it
   * @param stallMillis how long a call may run before its thread's other connections move
   */
  StallWatchdog(ScheduledExecutorService timer, int maxStuck, long stallMillis) {
    this.maxStuck = maxStuck;
    this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
    AtomicInteger count = new AtomicInteger();
    this.replacements = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "framegate-io-replacement-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    this.checks = timer.scheduleWithFixedDelay(this::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The state of one I/O thread. */
  static final class Lane {
    final Thread thread;
    final AtomicInteger state = new AtomicInteger(FREE);
    volatile long since;
    /** The selector this thread runs; set at each I/O event. */
    SelectorRunner runner;
    /** The runner moved to another thread during this event: this thread is no selector thread now. */
    boolean handedOver;
    /** Nested marks: only the outermost one is watched. */
    int depth;

    Lane(Thread thread) {
      this.thread = thread;
    }
  }

  /** Called by the I/O strategy at the start of an event on a selector thread. */
  Lane beginEvent(SelectorRunner runner) {
    Lane lane = lanes.get();
    if (lane == null) {
      lane = new Lane(Thread.currentThread());
      lanes.set(lane);
      all.add(lane);
    }
    lane.runner = runner;
    lane.handedOver = false;
    return lane;
  }

  /**
   * Called by the I/O strategy when the event is done.
   *
   * @return {@code true} when the thread still runs the selector, {@code false} when it must leave
   */
  boolean endEvent(Lane lane) {
    lane.runner = null;
    return !lane.handedOver;
  }

  /**
   * Marks the start of an engine call (plugins may run). Does nothing off the selector threads and on
   * a thread whose selector already moved.
   *
   * @return the token for {@link #exit}, or {@code null}
   */
  Lane enter() {
    Lane lane = lanes.get();
    if (lane == null || lane.runner == null || lane.handedOver) {
      return null;
    }
    if (lane.depth++ == 0) {
      lane.since = System.nanoTime();
      lane.state.set(BUSY);
    }
    return lane;
  }

  /** Marks the end of an engine call. */
  void exit(Lane lane) {
    if (lane == null || --lane.depth > 0) {
      return;
    }
    if (!lane.state.compareAndSet(BUSY, FREE)) {
      // The watchdog took the selector while the call ran: wait until it runs elsewhere.
      while (lane.state.get() != HANDED) {
        Thread.onSpinWait();
      }
      lane.handedOver = true;
      lane.state.set(FREE);
    }
    lane.since = 0;
  }

  /** How many threads are stuck in a call and were replaced. */
  int stuckThreads() {
    int stuck = 0;
    for (Lane lane : all) {
      int state = lane.state.get();
      if (state == TAKEN || state == HANDED) {
        stuck++;
      }
    }
    return stuck;
  }

  private void check() {
    try {
      long now = System.nanoTime();
      for (Lane lane : all) {
        if (lane.state.get() != BUSY) {
          continue;
        }
        long since = lane.since;
        if (since == 0 || now - since < stallNanos) {
          continue;
        }
        if (stuckThreads() >= maxStuck) {
          LOG.warning(() -> maxStuck + " I/O threads are stuck in plugin calls: " + lane.thread.getName()
              + " is not replaced, its other connections wait for it");
          return;
        }
        SelectorRunner runner = lane.runner;
        if (runner == null || !lane.state.compareAndSet(BUSY, TAKEN)) {
          continue;
        }
        // The stuck thread cannot leave its call before HANDED, so it does not touch the runner now.
        runner.postpone();
        Runnable moved = () -> {
          try {
            runner.run();
          } finally {
            Lane mine = lanes.get();
            if (mine != null) {
              all.remove(mine);
              lanes.remove();
            }
          }
        };
        try {
          replacements.execute(moved);
        } catch (RejectedExecutionException e) {
          Thread thread = new Thread(moved, "framegate-io-replacement");
          thread.setDaemon(true);
          thread.start();
        }
        lane.state.set(HANDED);
        LOG.fine(() -> lane.thread.getName() + " stuck in a plugin call: its selector moved to another thread");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "stall check failed", e);
    }
  }

  @Override
  public void close() {
    checks.cancel(false);
    replacements.shutdown();
  }
}
