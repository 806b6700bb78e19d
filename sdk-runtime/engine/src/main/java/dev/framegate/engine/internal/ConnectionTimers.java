package dev.framegate.engine.internal;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseCodes;
import dev.framegate.api.FrameType;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.Scheduler;
import dev.framegate.engine.Side;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's own timers of one connection (rule C4, C5): the connect timeout, the close linger,
 * the idle timeout and the keepalive ping. All of them run on the {@link Scheduler} and are
 * cancelled when the connection finishes; one that fires meanwhile sees that and does nothing.
 */
final class ConnectionTimers {

  /** The payload of the engine's keepalive pings, by which their pongs are recognised. */
  static final byte[] KEEPALIVE = "framegate-keepalive".getBytes(StandardCharsets.US_ASCII);

  private final ProxyConnection connection;
  private final Scheduler scheduler;
  private final EngineSettings settings;
  private final boolean idleEnabled;
  private final AtomicBoolean lingerStarted = new AtomicBoolean();
  private volatile long lastActivity;
  private volatile Scheduler.Cancellable connectTimer;
  private volatile Scheduler.Cancellable lingerTimer;
  private volatile Scheduler.Cancellable idleTimer;
  private volatile Scheduler.Cancellable keepaliveTimer;

  ConnectionTimers(ProxyConnection connection, Scheduler scheduler, EngineSettings settings) {
    this.connection = connection;
    this.scheduler = scheduler;
    this.settings = settings;
    this.idleEnabled = !settings.idleTimeout().isZero();
  }

  /** The upstream is being contacted: it has {@code connectTimeout} to accept. */
  void startConnect() {
    connectTimer = scheduler.schedule(settings.connectTimeout().toNanos(), connection::connectTimedOut);
  }

  void cancelConnect() {
    cancel(connectTimer);
  }

  /** The connection is open: the idle and keepalive timers start. */
  void opened(long now) {
    lastActivity = now;
    if (idleEnabled) {
      idleTimer = scheduler.schedule(settings.idleTimeout().toNanos(), this::idleCheck);
    }
    if (!settings.keepaliveInterval().isZero()) {
      keepaliveTimer = scheduler.schedule(settings.keepaliveInterval().toNanos(), this::keepalive);
    }
  }

  /** A frame arrived: the connection is not idle. */
  void activity() {
    if (idleEnabled) {
      lastActivity = scheduler.nanoTime();
    }
  }

  /** The first close frame went out: the close handshake has {@code closeLinger} to complete. */
  void startLinger() {
    if (lingerStarted.compareAndSet(false, true)) {
      connection.tasks.stopAll();
      lingerTimer = scheduler.schedule(settings.closeLinger().toNanos(), this::lingerExpired);
      if (connection.finishing()) {
        cancel(lingerTimer);
      }
    }
  }

  /** The connection is finishing: no timer of it runs any more. */
  void cancelAll() {
    connection.tasks.stopAll();
    cancel(connectTimer);
    cancel(lingerTimer);
    cancel(idleTimer);
    cancel(keepaliveTimer);
  }

  private void lingerExpired() {
    if (connection.finishing()) {
      return;
    }
    Reports.LOG.fine(
        () -> "[" + connection.id() + "] close handshake not completed within " + settings.closeLinger());
    connection.outbound.disconnect(Side.CLIENT);
    connection.outbound.disconnect(Side.UPSTREAM);
  }

  private void idleCheck() {
    if (!connection.isOpen()) {
      return;
    }
    long idle = settings.idleTimeout().toNanos();
    long quiet = scheduler.nanoTime() - lastActivity;
    if (quiet >= idle) {
      connection.endBoth(
          CloseCause.TIMEOUT,
          "no frame for " + Texts.human(settings.idleTimeout()),
          CloseCodes.GOING_AWAY,
          "Idle Timeout");
    } else {
      idleTimer = scheduler.schedule(idle - quiet, this::idleCheck);
      if (connection.finishing()) {
        cancel(idleTimer);
      }
    }
  }

  private void keepalive() {
    if (!connection.isOpen()) {
      return;
    }
    connection.outbound.write(Side.CLIENT, FrameType.PING, ByteBuffer.wrap(KEEPALIVE));
    connection.outbound.write(Side.UPSTREAM, FrameType.PING, ByteBuffer.wrap(KEEPALIVE));
    keepaliveTimer = scheduler.schedule(settings.keepaliveInterval().toNanos(), this::keepalive);
    if (connection.finishing()) {
      cancel(keepaliveTimer);
    }
  }

  static void cancel(Scheduler.Cancellable timer) {
    if (timer != null) {
      timer.cancel();
    }
  }
}
