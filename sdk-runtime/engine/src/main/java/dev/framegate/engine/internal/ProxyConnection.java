package dev.framegate.engine.internal;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseCodes;
import dev.framegate.api.CloseInfo;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.Phase;
import dev.framegate.api.PluginClock;
import dev.framegate.engine.Connection;
import dev.framegate.engine.EngineObserver;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.ListenerInfo;
import dev.framegate.engine.PluginChain;
import dev.framegate.engine.Scheduler;
import dev.framegate.engine.Side;
import dev.framegate.engine.Transport;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's connection: the life of one proxied connection, from the upgrade request to the
 * close phase, as a transport-free state machine (new, handshake, connecting, open, ended). Each
 * job has its own part:
 *
 * <ul>
 *   <li>{@link HandshakePhase}: the handshake-phase plugins and what they ask of the handshakes;
 *   <li>{@link Direction}, one per side: that side's frames and their rules, and its {@link
 *       MessageChain}, the plugins on each message;
 *   <li>{@link Outbound}: what is written to each side, and each side's close handshake;
 *   <li>{@link ConnectionTimers}: connect timeout, close linger, idle timeout, keepalive;
 *   <li>{@link PluginWatchdog}: the plugin timeout.
 * </ul>
 *
 * <p>This class decides how the connection ends (the close codes and the cause) and runs the close
 * phase.
 *
 * <p>Threading: each direction is driven by its side's serialized calls and keeps its own state;
 * what the two directions (and timers, and shutdown) share is the per-side outbound state, guarded
 * by one small lock per side that is never held while a plugin runs, and a few atomics. The close
 * phase runs once, when both sides are disconnected and no direction is inside a plugin call, on
 * whichever thread gets there last.
 */
public final class ProxyConnection implements Connection {

  private static final int NEW = 0;
  private static final int HANDSHAKE = 1;
  private static final int CONNECTING = 2;
  private static final int OPEN = 3;
  private static final int ENDED = 4;

  private final String id;
  final EngineSettings settings;
  final Transport transport;
  final Scheduler scheduler;
  final Reports reports;
  final PluginSlot[] slots;
  final Outbound outbound;
  final ConnectionTimers timers;
  final PluginWatchdog watchdog;
  private final Direction[] directions;
  private final AtomicInteger state = new AtomicInteger(NEW);
  private final ClosePhase closePhase = new ClosePhase(this);
  private volatile boolean shutdownRequested;
  private final SharedState shared = new SharedState();
  final PluginTasks tasks;
  private final PluginClock clock;
  // Set once by start(), before any other thread can see the connection in a later state.
  private HandshakePhase handshake;

  /**
   * Creates a connection; {@link dev.framegate.engine.Engine#open} is the public way.
   *
   * @param id the connection id
   * @param chain the plugins
   * @param settings limits and timeouts
   * @param transport where output goes
   * @param scheduler clock and timers
   * @param observer metrics and logs
   */
  public ProxyConnection(
      String id,
      PluginChain chain,
      EngineSettings settings,
      Transport transport,
      Scheduler scheduler,
      EngineObserver observer) {
    this.id = id;
    this.settings = settings;
    this.transport = transport;
    this.scheduler = scheduler;
    this.reports = new Reports(id, observer);
    this.clock = new SchedulerClock(scheduler);
    this.tasks = new PluginTasks(this, scheduler);
    List<PluginChain.Entry> entries = chain.entries();
    this.slots = new PluginSlot[entries.size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new PluginSlot(this, i, entries.get(i));
      slots[i].timers = reports.pluginTimers(slots[i].name);
    }
    this.outbound = new Outbound(this, transport);
    this.timers = new ConnectionTimers(this, scheduler, settings);
    this.watchdog = new PluginWatchdog(this, scheduler, settings.pluginTimeout().toNanos());
    this.directions =
        new Direction[] {
          new Direction(this, Side.CLIENT, settings.clientMaxPayload()),
          new Direction(this, Side.UPSTREAM, settings.upstreamMaxPayload())
        };
  }

  // ---------------------------------------------------------------- Connection

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean isFinished() {
    return closePhase.finished();
  }

  @Override
  public void start(HandshakeRequest request) {
    start(request, ListenerInfo.impliedBy(request));
  }

  @Override
  public void start(HandshakeRequest clientRequest, ListenerInfo listener) {
    if (!state.compareAndSet(NEW, HANDSHAKE)) {
      throw new IllegalStateException("connection " + id + " was already started");
    }
    this.handshake = new HandshakePhase(this, new EngineRequest(clientRequest), listener);
    reports.opened(handshake.request());
    if (shutdownRequested) {
      endBeforeOpen(503, Map.of(), "the server is shutting down", CloseCause.SHUTDOWN, null);
      return;
    }
    // The handshake phase runs in the client's order of events, so that the close phase waits for it.
    EventOrder handshakeOrder = directions[Side.CLIENT.ordinal()].order;
    handshakeOrder.enter();
    try {
      handshake.run();
    } finally {
      handshakeOrder.leave();
    }
    if (state.get() != HANDSHAKE) {
      return; // a handshake plugin ran past the plugin timeout: the client was refused meanwhile
    }
    HandshakePhase.Rejection rejection = handshake.rejection();
    if (rejection != null) {
      endBeforeOpen(
          rejection.status(), handshake.rejectionHeaders(), rejection.body(), rejection.cause(), rejection.detail());
      return;
    }
    if (shutdownRequested) {
      endBeforeOpen(503, Map.of(), "the server is shutting down", CloseCause.SHUTDOWN, null);
      return;
    }
    if (!state.compareAndSet(HANDSHAKE, CONNECTING)) {
      return;
    }
    timers.startConnect();
    reports.tapUpstreamRequested(handshake.upstreamHeaders(), handshake.request().offeredSubprotocols());
    transport.connectUpstream(handshake.upstreamHeaders(), handshake.request().offeredSubprotocols());
    if (shutdownRequested) {
      shutdown();
    }
  }

  @Override
  public void upstreamConnected(String subprotocol) {
    reports.tapUpstreamConnected(subprotocol);
    if (subprotocol != null
        && !subprotocol.isEmpty()
        && !handshake.request().offeredSubprotocols().contains(subprotocol)) {
      if (state.get() == CONNECTING) {
        transport.disconnect(Side.UPSTREAM);
      }
      upstreamFailed(
          502, "the upstream chose subprotocol '" + subprotocol + "', which the client did not offer");
      return;
    }
    if (!state.compareAndSet(CONNECTING, OPEN)) {
      if (state.get() == ENDED) {
        // The client went away, or a time-out fired, while the upstream was connecting.
        transport.disconnect(Side.UPSTREAM);
      }
      return;
    }
    timers.cancelConnect();
    String chosen = subprotocol == null || subprotocol.isEmpty() ? null : subprotocol;
    handshake.request().select(chosen);
    long now = scheduler.nanoTime();
    for (Direction d : directions) {
      d.opened(now);
    }
    timers.opened(now);
    reports.tapClientAccepted(chosen, handshake.responseHeaders());
    transport.acceptClient(chosen, handshake.responseHeaders());
    tasks.opened(); // timer tasks that fell due during the handshake
    if (shutdownRequested) {
      shutdown();
    }
  }

  @Override
  public void upstreamFailed(int httpStatus, String failure) {
    reports.tapUpstreamFailed(httpStatus, failure);
    if (!state.compareAndSet(CONNECTING, ENDED)) {
      return;
    }
    timers.cancelConnect();
    String body = failure == null ? "" : failure;
    finishBeforeOpen(httpStatus, Map.of(), body, CloseCause.UPSTREAM_FAILED, body);
  }

  void connectTimedOut() {
    if (!state.compareAndSet(CONNECTING, ENDED)) {
      return;
    }
    String body =
        "the upstream did not accept the WebSocket upgrade within " + Texts.human(settings.connectTimeout());
    finishBeforeOpen(504, Map.of(), body, CloseCause.UPSTREAM_FAILED, body);
    transport.disconnect(Side.UPSTREAM);
  }

  @Override
  public boolean frameHeader(
      Side from, boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
    boolean admitted = directions[from.ordinal()].header(fin, rsv, opcode, masked, payloadLength);
    if (!admitted) {
      reports.tapFrameRefused(from, fin, rsv, opcode, masked, payloadLength);
    }
    return admitted;
  }

  @Override
  public void frame(Side from, boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload) {
    reports.tapFrameReceived(from, fin, rsv, opcode, masked, payload);
    directions[from.ordinal()].frame(fin, rsv, opcode, masked, payload);
  }

  @Override
  public void gone(Side side) {
    reports.tapGone(side);
    int s = state.get();
    if (s == NEW || s == HANDSHAKE || s == CONNECTING) {
      if (side == Side.UPSTREAM) {
        upstreamFailed(502, "the upstream closed the connection during the handshake");
        return;
      }
      if (state.compareAndSet(CONNECTING, ENDED)) {
        timers.cancelConnect();
        transport.disconnect(Side.UPSTREAM);
        endedBeforeOpenBecauseClientLeft();
        return;
      }
      if (state.compareAndSet(NEW, ENDED) || state.compareAndSet(HANDSHAKE, ENDED)) {
        endedBeforeOpenBecauseClientLeft();
      }
      return;
    }
    if (s != OPEN || outbound.disconnected(side)) {
      return;
    }
    setCause(
        side == Side.CLIENT ? CloseCause.CLIENT_GONE : CloseCause.UPSTREAM_GONE,
        Texts.sideName(side) + " disconnected without completing a close handshake");
    outbound.markDisconnected(side);
    outbound.writeClose(side.other(), CloseCodes.GOING_AWAY, "");
  }

  private void endedBeforeOpenBecauseClientLeft() {
    setCause(CloseCause.CLIENT_GONE, "the client went away before the handshake completed");
    outbound.markDisconnected(Side.CLIENT);
    outbound.markDisconnected(Side.UPSTREAM);
  }

  @Override
  public void sendTimedOut(Side side) {
    if (state.get() != OPEN) {
      return;
    }
    setCause(
        CloseCause.TIMEOUT,
        "a write to " + Texts.sideName(side) + " stayed pending longer than " + Texts.human(settings.sendTimeout()));
    outbound.disconnect(side);
    outbound.writeClose(side.other(), CloseCodes.GOING_AWAY, "");
  }

  @Override
  public void shutdown() {
    reports.tapShutdown();
    shutdownRequested = true;
    int s = state.get();
    if (s == CONNECTING && state.compareAndSet(CONNECTING, ENDED)) {
      timers.cancelConnect();
      finishBeforeOpen(503, Map.of(), "the server is shutting down", CloseCause.SHUTDOWN, null);
      transport.disconnect(Side.UPSTREAM);
    } else if (s == OPEN) {
      endBoth(CloseCause.SHUTDOWN, "the server is shutting down", CloseCodes.GOING_AWAY, "Server Shutting Down");
    }
    // NEW and HANDSHAKE: start() sees the flag and refuses the client with 503.
  }

  // ---------------------------------------------------------------- how the connection ends

  /** Whether frames are being proxied: open, and not finishing. */
  boolean isOpen() {
    return !closePhase.requested() && state.get() == OPEN;
  }

  /** Whether the connection has not opened yet, nor ended. */
  boolean beforeOpen() {
    int s = state.get();
    return s == NEW || s == HANDSHAKE || s == CONNECTING;
  }

  /** Whether plugins' timer tasks may run: the connection is open and has not started closing. */
  boolean tasksMayRun() {
    return isOpen() && !outbound.closed(Side.CLIENT) && !outbound.closed(Side.UPSTREAM);
  }

  /** Whether both sides are disconnected, so that the connection is finishing. */
  boolean finishing() {
    return closePhase.requested();
  }

  private void endBeforeOpen(
      int status, Map<String, List<String>> headers, String body, CloseCause why, String text) {
    state.set(ENDED);
    finishBeforeOpen(status, headers, body, why, text);
  }

  private void finishBeforeOpen(
      int status, Map<String, List<String>> headers, String body, CloseCause why, String text) {
    setCause(why, text == null ? body : text);
    Map<String, List<String>> responseHeaders = Texts.copy(headers);
    reports.tapClientRejected(status, responseHeaders, body);
    transport.rejectClient(status, responseHeaders, body);
    outbound.markDisconnected(Side.CLIENT);
    outbound.markDisconnected(Side.UPSTREAM);
  }

  /** Closes both sides (each at most once) with the same code; the first cause wins. */
  void endBoth(CloseCause why, String text, int code, String reason) {
    setCause(why, text);
    outbound.writeClose(Side.CLIENT, code, reason);
    outbound.writeClose(Side.UPSTREAM, code, reason);
  }

  /** One side broke a rule (protocol, limit): it gets the code, the other side 1001. */
  void endBecauseOf(Side culprit, CloseCause why, int code, String reason, String text) {
    setCause(why, Texts.sideName(culprit) + ": " + text);
    outbound.writeClose(culprit, code, reason);
    outbound.writeClose(culprit.other(), CloseCodes.GOING_AWAY, "");
  }

  /** Records why the connection ends; the first cause wins. */
  void setCause(CloseCause why, String text) {
    closePhase.setCause(why, text);
  }

  /** A handshake plugin failed after the fact (the plugin timeout): the client gets 500, once. */
  void refuseDuringHandshake(String text) {
    if (state.compareAndSet(HANDSHAKE, ENDED)) {
      finishBeforeOpen(500, Map.of(), "Internal Server Error", CloseCause.PLUGIN_ERROR, text);
    }
  }

  // ---------------------------------------------------------------- finishing

  /** Both sides are disconnected. */
  void requestFinish() {
    closePhase.request();
  }

  /** A direction's thread leaves the engine: it runs the close phase if that waited for it. */
  void leftEngine() {
    if (closePhase.requested()) {
      closePhase.tryRun();
    }
  }

  boolean anyDirectionBusy() {
    for (Direction d : directions) {
      if (d.order.busy()) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- what plugin contexts reach

  /** The handshake phase, or {@code null} before {@link #start}. */
  HandshakePhase handshake() {
    return handshake;
  }

  Direction direction(Side side) {
    return directions[side.ordinal()];
  }

  CloseInfo closeInfo() {
    return closePhase.summary();
  }

  /** The state the connection's plugins share. */
  SharedState shared() {
    return shared;
  }

  PluginClock clock() {
    return clock;
  }
}
