package dev.framegate.engine.internal;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseCodes;
import dev.framegate.api.Phase;
import dev.framegate.engine.Scheduler;
import dev.framegate.engine.Side;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugin timeout of one connection (rule C3): ends the connection when a plugin call runs
 * longer than {@code pluginTimeout}. Each direction has a {@link CallWatch} that its own thread
 * marks as it enters and leaves plugin calls; one timer per connection checks them, armed when a
 * call starts and none is armed, and re-armed for the remaining time while calls run, so nothing
 * is scheduled per frame.
 */
final class PluginWatchdog {

  private static final int IDLE = 0;
  private static final int IN_CALL = 1;
  private static final int TIMED_OUT = 2;
  private static final VarHandle CALL_SLOT;

  static {
    try {
      CALL_SLOT = MethodHandles.lookup().findVarHandle(CallWatch.class, "callSlot", PluginSlot.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ProxyConnection connection;
  private final Scheduler scheduler;
  private final long timeoutNanos;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final CallWatch[] watches = {new CallWatch(), new CallWatch()};

  PluginWatchdog(ProxyConnection connection, Scheduler scheduler, long timeoutNanos) {
    this.connection = connection;
    this.scheduler = scheduler;
    this.timeoutNanos = timeoutNanos;
  }

  /**
   * The watch of one direction's plugin calls; the handshake and close phases use the client's,
   * which is free then.
   */
  CallWatch watch(Side side) {
    return watches[side.ordinal()];
  }

  private void arm(long delayNanos) {
    if (!armed.get() && armed.compareAndSet(false, true)) {
      scheduler.schedule(delayNanos, this::check);
    }
  }

  /** Ends calls that ran past the plugin timeout; re-arms itself while calls are running. */
  private void check() {
    armed.set(false);
    long now = scheduler.nanoTime();
    long next = Long.MAX_VALUE;
    for (CallWatch w : watches) {
      if (w.callState.get() != IN_CALL) {
        continue;
      }
      long elapsed = now - w.callStarted;
      if (elapsed >= timeoutNanos) {
        w.timedOut();
      } else {
        next = Math.min(next, timeoutNanos - elapsed);
      }
    }
    if (next != Long.MAX_VALUE) {
      arm(next);
    }
  }

  /** A plugin call ran past the plugin timeout: the connection ends as a failure would. */
  private void endConnection(PluginSlot slot, Phase phase) {
    String text =
        "plugin '" + slot.name + "' did not return from " + phase.methodName() + " within "
            + Texts.human(connection.settings.pluginTimeout());
    connection.reports.pluginFailed(slot, phase, new TimeoutException(text));
    switch (phase) {
      case HANDSHAKE -> connection.refuseDuringHandshake(text);
      case CLIENT_FRAME, UPSTREAM_FRAME, TIMER ->
          connection.endBoth(CloseCause.PLUGIN_ERROR, text, CloseCodes.INTERNAL_ERROR, "Internal Error");
      default -> { } // the close phase: the connection has ended already
    }
  }

  /**
   * The plugin call in progress on one direction. Written by the direction's own thread before
   * {@code callState} is set to {@code IN_CALL} (a release store), read by the watchdog after it
   * reads {@code IN_CALL}: no fence per call. {@code callSlot} changes within a chain run, so it is
   * written and read with release/acquire access.
   */
  final class CallWatch {
    private final AtomicInteger callState = new AtomicInteger(IDLE);
    private long callStarted;
    private Thread callThread;
    @SuppressWarnings("unused") // accessed through CALL_SLOT
    private PluginSlot callSlot;
    private Phase callPhase;

    /** Starts watching one plugin call (handshake and close phases). */
    void enterPlugin(PluginSlot slot, Phase phase) {
      if (timeoutNanos == 0) {
        return;
      }
      CALL_SLOT.setRelease(this, slot);
      enterChain(phase);
    }

    /**
     * Starts watching the plugin calls of one message: one clock read and no fence per message, one
     * release store per plugin ({@link #watchCall}). The plugins handling one message share the
     * plugin timeout; the one in its call when the time runs out is named.
     */
    void enterChain(Phase phase) {
      if (timeoutNanos == 0) {
        return;
      }
      callPhase = phase;
      callThread = Thread.currentThread();
      callStarted = scheduler.nanoTime();
      callState.lazySet(IN_CALL);
      arm(timeoutNanos);
    }

    /** Names the plugin now in its call. */
    void watchCall(PluginSlot slot) {
      if (timeoutNanos != 0) {
        CALL_SLOT.setRelease(this, slot);
      }
    }

    /** Whether the watchdog has ended the connection because of the call in progress. */
    boolean timedOutAlready() {
      return timeoutNanos != 0 && callState.get() == TIMED_OUT;
    }

    /**
     * Ends the watch of the current plugin call.
     *
     * @return {@code true} when the call ran past the plugin timeout and was already dealt with
     */
    boolean leave() {
      if (timeoutNanos == 0 || callState.compareAndSet(IN_CALL, IDLE)) {
        return false;
      }
      synchronized (this) {
        // The watchdog interrupted this thread under the same lock: clear the flag so that it
        // does not reach the next task the thread runs.
        callState.set(IDLE);
        Thread.interrupted();
      }
      return true;
    }

    /**
     * The current call ran past the plugin timeout. The connection is ended under this watch's
     * lock, so that the plugin's thread, should the call return meanwhile, sees the outcome when it
     * leaves the call (a handshake must not go on to the upstream).
     */
    private void timedOut() {
      synchronized (this) {
        if (!callState.compareAndSet(IN_CALL, TIMED_OUT)) {
          return;
        }
        endConnection((PluginSlot) CALL_SLOT.getAcquire(this), callPhase);
        // Frees a plugin that waits (sleep, lock, queue, blocking I/O); a busy loop goes on, on
        // its own thread, while the connection is closed around it.
        callThread.interrupt();
      }
    }
  }
}
