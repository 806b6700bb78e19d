package dev.framegate.engine.internal;

import dev.framegate.api.CloseCause;
import dev.framegate.api.Phase;
import dev.framegate.engine.Side;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

/**
 * The end of one connection (rule P1, C2): once both sides are disconnected and no direction is
 * inside a plugin call, the plugins' {@code onClose} runs exactly once, on whichever thread gets
 * there last, and the observer and the transport learn that the connection finished.
 */
final class ClosePhase {

  private final ProxyConnection connection;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final AtomicReference<CloseCause> cause = new AtomicReference<>();
  private volatile String detail = "";
  private volatile boolean requested;
  private volatile boolean finished;
  private volatile CloseSummary summary;

  ClosePhase(ProxyConnection connection) {
    this.connection = connection;
  }

  /**
   * Records why the connection ends: the first cause wins (a close the client started stays {@code
   * CLIENT_CLOSE} even if the close linger ends it).
   */
  void setCause(CloseCause why, String text) {
    if (cause.compareAndSet(null, why)) {
      detail = text == null ? "" : text;
    }
  }

  /** Whether both sides are disconnected: the connection is finishing. */
  boolean requested() {
    return requested;
  }

  /** Whether the close phase has run. */
  boolean finished() {
    return finished;
  }

  /** What the close phase reports, once it runs. */
  CloseSummary summary() {
    return summary;
  }

  /** Both sides are disconnected: timers stop, and the close phase runs once no plugin call is left. */
  void request() {
    if (requested) {
      return;
    }
    requested = true;
    connection.timers.cancelAll();
    tryRun();
  }

  /** A direction's thread leaves the engine: it runs the close phase if that waited for it. */
  void tryRun() {
    if (!requested || connection.anyDirectionBusy()) {
      return; // a busy direction runs the close phase when it leaves its plugin calls
    }
    if (claimed.compareAndSet(false, true)) {
      run();
    }
  }

  private void run() {
    Outbound outbound = connection.outbound;
    CloseCause why = cause.get();
    CloseSummary closing =
        new CloseSummary(
            why == null ? CloseCause.CLIENT_GONE : why,
            CloseSummary.code(outbound.statusSentTo(Side.CLIENT)),
            CloseSummary.code(outbound.statusSentTo(Side.UPSTREAM)),
            detail);
    summary = closing;
    Reports reports = connection.reports;
    // No direction is inside a plugin call any more: the client direction's watch is free.
    PluginWatchdog.CallWatch watch = connection.watchdog.watch(Side.CLIENT);
    for (PluginSlot slot : connection.slots) {
      PluginContext ctx = slot.handshakeAndClose;
      ctx.phase = Phase.CLOSE;
      ctx.active = true;
      long t0 = reports.timing ? System.nanoTime() : 0;
      watch.enterPlugin(slot, Phase.CLOSE);
      try {
        slot.plugin.onClose(ctx, slot.config);
        watch.leave();
      } catch (Throwable t) {
        if (!watch.leave()) {
          reports.pluginFailed(slot, Phase.CLOSE, t);
        }
      } finally {
        ctx.active = false;
        if (reports.timing) {
          reports.pluginTime(slot, Phase.CLOSE, System.nanoTime() - t0);
        }
      }
    }
    finished = true;
    reports.finished(closing);
    try {
      connection.transport.finished();
    } catch (RuntimeException e) {
      Reports.LOG.log(Level.WARNING, "transport failed to record the end of " + connection.id(), e);
    }
  }
}
