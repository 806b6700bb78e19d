package dev.framegate.engine.internal;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseCodes;
import dev.framegate.api.CloseInfo;
import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.HandshakeResponse;
import dev.framegate.api.PdkMisuseException;
import dev.framegate.api.Phase;
import dev.framegate.api.UpstreamRequest;
import dev.framegate.engine.Connection;
import dev.framegate.engine.EngineObserver;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.ListenerInfo;
import dev.framegate.engine.PluginChain;
import dev.framegate.engine.Scheduler;
import dev.framegate.engine.Side;
import dev.framegate.engine.Transport;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's connection: every frame rule of the SPEC in one transport-free state machine.
 *
 * <p>Threading: each direction (frames from one side) is driven by its side's serialized calls and
 * keeps its own state; what the two directions (and timers, and shutdown) share is the per-side
 * outbound state, guarded by one small lock per side that is never held while a plugin runs, and a
 * few atomics. The close phase runs once, when both sides are disconnected and no direction is
 * inside a plugin call, on whichever thread gets there last.
 */
public final class ProxyConnection implements Connection {

  static final Logger LOG = Logger.getLogger("dev.framegate.engine");

  private static final int NEW = 0;
  private static final int HANDSHAKE = 1;
  private static final int CONNECTING = 2;
  private static final int OPEN = 3;
  private static final int ENDED = 4;

  private static final int NONE = FrameView.NO_STATUS;
  private static final byte[] KEEPALIVE = "framegate-keepalive".getBytes(StandardCharsets.US_ASCII);
  private static final long SECOND = 1_000_000_000L;

  // Plugin call states of a direction, for the plugin timeout.
  private static final int IDLE = 0;
  private static final int IN_CALL = 1;
  private static final int TIMED_OUT = 2;
  private static final VarHandle CALL_SLOT;

  static {
    try {
      CALL_SLOT = MethodHandles.lookup().findVarHandle(Direction.class, "callSlot", PluginSlot.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String id;
  private final EngineSettings settings;
  private final Transport transport;
  private final Scheduler scheduler;
  private final EngineObserver observer;
  private final boolean timing;
  private final boolean idleEnabled;
  private final PluginSlot[] slots;
  private final Outbound[] out = {new Outbound(), new Outbound()};
  private final Direction[] directions;
  private final AtomicInteger state = new AtomicInteger(NEW);
  private final AtomicReference<CloseCause> cause = new AtomicReference<>();
  private final AtomicBoolean closePhaseClaimed = new AtomicBoolean();
  private final AtomicBoolean lingerStarted = new AtomicBoolean();
  private final AtomicBoolean watchdogArmed = new AtomicBoolean();
  private final long pluginTimeoutNanos;
  private volatile String detail = "";
  private volatile boolean finishRequested;
  private volatile boolean finished;
  private volatile boolean shutdownRequested;
  private volatile long lastActivity;
  private volatile Scheduler.Cancellable connectTimer;
  private volatile Scheduler.Cancellable lingerTimer;
  private volatile Scheduler.Cancellable idleTimer;
  private volatile Scheduler.Cancellable keepaliveTimer;
  private volatile Map<String, Object> sharedState;
  private volatile CloseSummary closeSummary;

  // Handshake phase state: written on the starting thread before the upstream is contacted.
  private EngineRequest request;
  private Map<String, List<String>> upstreamHeaders;
  private final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
  private Rejection rejection;
  private final HandshakeActions handshakeActions = new HandshakeActions();
  private final UpstreamActions upstreamActions = new UpstreamActions();

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
    this.observer = observer;
    this.timing = measuresTime(observer);
    this.idleEnabled = !settings.idleTimeout().isZero();
    this.pluginTimeoutNanos = settings.pluginTimeout().toNanos();
    List<PluginChain.Entry> entries = chain.entries();
    this.slots = new PluginSlot[entries.size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new PluginSlot(this, i, entries.get(i));
      if (timing) {
        slots[i].timers = timers(observer, slots[i].name);
      }
    }
    this.directions =
        new Direction[] {
          new Direction(Side.CLIENT, settings.clientMaxPayload()),
          new Direction(Side.UPSTREAM, settings.upstreamMaxPayload())
        };
  }

  private static EngineObserver.PluginTimer[] timers(EngineObserver observer, String pluginName) {
    Phase[] phases = Phase.values();
    EngineObserver.PluginTimer[] timers = new EngineObserver.PluginTimer[phases.length];
    for (Phase phase : phases) {
      EngineObserver.PluginTimer timer;
      try {
        timer = observer.pluginTimer(pluginName, phase);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "engine observer failed", e);
        timer = null;
      }
      timers[phase.ordinal()] = timer == null ? nanos -> {} : timer;
    }
    return timers;
  }

  private static boolean measuresTime(EngineObserver observer) {
    try {
      return observer.measuresPluginTime();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "engine observer failed", e);
      return false;
    }
  }

  // ---------------------------------------------------------------- Connection

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean isFinished() {
    return finished;
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
    this.request = new EngineRequest(clientRequest);
    notifyOpened();
    if (shutdownRequested) {
      endBeforeOpen(503, Map.of(), "the server is shutting down", CloseCause.SHUTDOWN, null);
      return;
    }
    this.upstreamHeaders = HeaderRules.upstreamHeaders(clientRequest, listener);
    Direction handshakeThread = directions[Side.CLIENT.ordinal()];
    handshakeThread.busy = true;
    try {
      runHandshakePhase();
    } finally {
      handshakeThread.busy = false;
    }
    if (state.get() != HANDSHAKE) {
      // A handshake plugin ran past the plugin timeout: the client was refused meanwhile.
      if (finishRequested) {
        tryClosePhase();
      }
      return;
    }
    if (rejection != null) {
      Map<String, List<String>> headers = new LinkedHashMap<>(responseHeaders);
      rejection.headers.forEach((k, v) -> headers.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      endBeforeOpen(rejection.status, headers, rejection.body, rejection.cause, rejection.detail);
      return;
    }
    if (shutdownRequested) {
      endBeforeOpen(503, Map.of(), "the server is shutting down", CloseCause.SHUTDOWN, null);
      return;
    }
    if (!state.compareAndSet(HANDSHAKE, CONNECTING)) {
      return;
    }
    connectTimer = scheduler.schedule(settings.connectTimeout().toNanos(), this::connectTimedOut);
    transport.connectUpstream(copy(upstreamHeaders), request.offeredSubprotocols());
    if (shutdownRequested) {
      shutdown();
    }
  }

  @Override
  public void upstreamConnected(String subprotocol) {
    if (subprotocol != null
        && !subprotocol.isEmpty()
        && !request.offeredSubprotocols().contains(subprotocol)) {
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
    cancel(connectTimer);
    String chosen = subprotocol == null || subprotocol.isEmpty() ? null : subprotocol;
    request.select(chosen);
    long now = scheduler.nanoTime();
    lastActivity = now;
    for (Direction d : directions) {
      d.rateWindowStart = now;
    }
    if (!settings.idleTimeout().isZero()) {
      idleTimer = scheduler.schedule(settings.idleTimeout().toNanos(), this::idleCheck);
    }
    if (!settings.keepaliveInterval().isZero()) {
      keepaliveTimer = scheduler.schedule(settings.keepaliveInterval().toNanos(), this::keepalive);
    }
    transport.acceptClient(chosen, copy(responseHeaders));
    if (shutdownRequested) {
      shutdown();
    }
  }

  @Override
  public void upstreamFailed(int httpStatus, String failure) {
    if (!state.compareAndSet(CONNECTING, ENDED)) {
      return;
    }
    cancel(connectTimer);
    String body = failure == null ? "" : failure;
    finishBeforeOpen(httpStatus, Map.of(), body, CloseCause.UPSTREAM_FAILED, body);
  }

  private void connectTimedOut() {
    if (!state.compareAndSet(CONNECTING, ENDED)) {
      return;
    }
    String body =
        "the upstream did not accept the WebSocket upgrade within " + human(settings.connectTimeout());
    finishBeforeOpen(504, Map.of(), body, CloseCause.UPSTREAM_FAILED, body);
    transport.disconnect(Side.UPSTREAM);
  }

  @Override
  public void frame(Side from, boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload) {
    Direction d = directions[from.ordinal()];
    if (d.busy) {
      // Only a call made from inside this direction's own processing (a synchronous transport)
      // gets here, since a side's calls are serialized: handle it right after the current frame.
      d.pending().add(new PendingFrame(fin, rsv, opcode, masked, payload));
      return;
    }
    d.busy = true;
    try {
      d.receive(fin, rsv, opcode, masked, payload);
      ArrayDeque<PendingFrame> queue = d.pending;
      while (queue != null && !queue.isEmpty()) {
        PendingFrame p = queue.poll();
        if (p.payload == null) {
          d.admitHeader(p.fin, p.rsv, p.opcode, p.masked, -1);
        } else {
          d.receive(p.fin, p.rsv, p.opcode, p.masked, p.payload);
        }
      }
    } finally {
      d.busy = false;
      if (finishRequested) {
        tryClosePhase();
      }
    }
  }

  @Override
  public boolean frameHeader(
      Side from, boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
    Direction d = directions[from.ordinal()];
    if (d.busy) {
      // A synchronous transport calling from inside this direction's own processing: the frames
      // queued before this one are not handled yet, so only the header itself can be judged now.
      if (payloadLength < 0) {
        d.pending().add(new PendingFrame(fin, rsv, opcode, masked, null));
        return false;
      }
      return true;
    }
    d.busy = true;
    try {
      return d.admitHeader(fin, rsv, opcode, masked, payloadLength);
    } finally {
      d.busy = false;
      if (finishRequested) {
        tryClosePhase();
      }
    }
  }

  @Override
  public void gone(Side side) {
    int s = state.get();
    if (s == NEW || s == HANDSHAKE || s == CONNECTING) {
      if (side == Side.UPSTREAM) {
        upstreamFailed(502, "the upstream closed the connection during the handshake");
        return;
      }
      if (state.compareAndSet(CONNECTING, ENDED)) {
        cancel(connectTimer);
        transport.disconnect(Side.UPSTREAM);
        setCause(CloseCause.CLIENT_GONE, "the client went away before the handshake completed");
        markDisconnected(Side.CLIENT);
        markDisconnected(Side.UPSTREAM);
        return;
      }
      if (state.compareAndSet(NEW, ENDED) || state.compareAndSet(HANDSHAKE, ENDED)) {
        setCause(CloseCause.CLIENT_GONE, "the client went away before the handshake completed");
        markDisconnected(Side.CLIENT);
        markDisconnected(Side.UPSTREAM);
      }
      return;
    }
    if (s != OPEN) {
      return;
    }
    Outbound gone = out[side.ordinal()];
    if (gone.disconnected) {
      return;
    }
    setCause(
        side == Side.CLIENT ? CloseCause.CLIENT_GONE : CloseCause.UPSTREAM_GONE,
        sideName(side) + " disconnected without completing a close handshake");
    markDisconnected(side);
    writeClose(side.other(), CloseCodes.GOING_AWAY, "");
  }

  @Override
  public void sendTimedOut(Side side) {
    if (state.get() != OPEN) {
      return;
    }
    setCause(
        CloseCause.TIMEOUT,
        "a write to " + sideName(side) + " stayed pending longer than " + human(settings.sendTimeout()));
    disconnect(side);
    writeClose(side.other(), CloseCodes.GOING_AWAY, "");
  }

  @Override
  public void shutdown() {
    shutdownRequested = true;
    int s = state.get();
    if (s == CONNECTING && state.compareAndSet(CONNECTING, ENDED)) {
      cancel(connectTimer);
      finishBeforeOpen(503, Map.of(), "the server is shutting down", CloseCause.SHUTDOWN, null);
      transport.disconnect(Side.UPSTREAM);
    } else if (s == OPEN) {
      endBoth(
          CloseCause.SHUTDOWN,
          "the server is shutting down",
          CloseCodes.GOING_AWAY,
          "Server Shutting Down",
          CloseCodes.GOING_AWAY,
          "Server Shutting Down");
    }
    // NEW and HANDSHAKE: start() sees the flag and refuses the client with 503.
  }

  // ---------------------------------------------------------------- handshake phase

  private void runHandshakePhase() {
    Direction watched = directions[Side.CLIENT.ordinal()];
    for (PluginSlot slot : slots) {
      PluginContext ctx = slot.handshakeAndClose;
      handshakeActions.current = slot;
      ctx.active = true;
      long t0 = timing ? System.nanoTime() : 0;
      watched.enterPlugin(slot, Phase.HANDSHAKE);
      try {
        slot.plugin.onHandshake(ctx, slot.config);
        if (watched.leavePlugin()) {
          return;
        }
      } catch (Throwable t) {
        ctx.active = false;
        if (watched.leavePlugin()) {
          return;
        }
        pluginFailed(slot, Phase.HANDSHAKE, t);
        rejection =
            new Rejection(
                500,
                Map.of(),
                "Internal Server Error",
                CloseCause.PLUGIN_ERROR,
                "plugin '" + slot.name + "' failed in onHandshake: " + t);
        return;
      } finally {
        ctx.active = false;
        if (timing) {
          reportTime(slot, Phase.HANDSHAKE, System.nanoTime() - t0);
        }
      }
      if (rejection != null) {
        return;
      }
    }
  }

  HandshakeResponse handshakeResponse(PluginSlot slot) {
    return handshakeActions;
  }

  UpstreamRequest upstreamRequestActions() {
    return upstreamActions;
  }

  void setMaxPayloadSize(Side side, int bytes) {
    if (bytes < 0 || bytes > EngineSettings.MAX_PAYLOAD_CEILING) {
      throw new IllegalArgumentException(
          "the payload limit must be between 0 (the default) and "
              + EngineSettings.MAX_PAYLOAD_CEILING
              + " bytes (32 MiB), got "
              + bytes);
    }
    int limit =
        bytes != 0
            ? bytes
            : side == Side.CLIENT ? settings.clientMaxPayload() : settings.upstreamMaxPayload();
    directions[side.ordinal()].limit = limit;
  }

  private final class HandshakeActions implements HandshakeResponse {
    PluginSlot current;

    @Override
    public void reject(int status, String body) {
      reject(status, body, Map.of());
    }

    @Override
    public void reject(int status, String body, Map<String, String> headers) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException(
            "a rejection status must be an HTTP error status from 400 to 599, got " + status);
      }
      Map<String, List<String>> extra = new LinkedHashMap<>();
      if (headers != null) {
        headers.forEach(
            (name, value) ->
                extra
                    .computeIfAbsent(HeaderRules.checkSettable(name, value), k -> new ArrayList<>())
                    .add(value));
      }
      String text = body == null ? "" : body;
      rejection =
          new Rejection(
              status,
              extra,
              text,
              CloseCause.REJECTED,
              "plugin '" + current.name + "' rejected the handshake with " + status
                  + (text.isEmpty() ? "" : ": " + text));
    }

    @Override
    public void addHeader(String name, String value) {
      responseHeaders
          .computeIfAbsent(HeaderRules.checkSettable(name, value), k -> new ArrayList<>())
          .add(value);
    }
  }

  private final class UpstreamActions implements UpstreamRequest {
    @Override
    public void setHeader(String name, String value) {
      upstreamHeaders.put(HeaderRules.checkSettable(name, value), new ArrayList<>(List.of(value)));
    }

    @Override
    public void removeHeader(String name) {
      if (name != null) {
        upstreamHeaders.remove(name.toLowerCase(Locale.ROOT));
      }
    }
  }

  private record Rejection(
      int status, Map<String, List<String>> headers, String body, CloseCause cause, String detail) {}

  private void endBeforeOpen(
      int status, Map<String, List<String>> headers, String body, CloseCause why, String text) {
    state.set(ENDED);
    finishBeforeOpen(status, headers, body, why, text);
  }

  private void finishBeforeOpen(
      int status, Map<String, List<String>> headers, String body, CloseCause why, String text) {
    setCause(why, text == null ? body : text);
    transport.rejectClient(status, copy(headers), body);
    markDisconnected(Side.CLIENT);
    markDisconnected(Side.UPSTREAM);
  }

  // ---------------------------------------------------------------- output and close state

  /** What the engine has sent to one side and received from it; guarded by the instance. */
  private static final class Outbound {
    volatile boolean closeSent;
    volatile boolean closeReceived;
    volatile boolean disconnected;
    int sentStatus = NONE;

    boolean closed() {
      return closeSent || disconnected;
    }
  }

  /** Writes a message unless a close frame already went to the side; {@code false} if not written. */
  boolean write(Side to, FrameType type, ByteBuffer payload) {
    Outbound o = out[to.ordinal()];
    synchronized (o) {
      if (o.closeSent || o.disconnected) {
        return false;
      }
      transport.send(to, type, payload);
      return true;
    }
  }

  boolean writeClose(Side to, int status, String reason) {
    return writeClose(to, status, FrameView.closePayload(status, reason));
  }

  /** Sends a side its close frame, once; completes its close handshake if it already sent one. */
  boolean writeClose(Side to, int status, ByteBuffer wirePayload) {
    Outbound o = out[to.ordinal()];
    boolean handshakeDone;
    synchronized (o) {
      if (o.closeSent || o.disconnected) {
        return false;
      }
      o.closeSent = true;
      o.sentStatus = status;
      transport.send(to, FrameType.CLOSE, wirePayload);
      handshakeDone = o.closeReceived;
      if (handshakeDone) {
        o.disconnected = true;
        transport.disconnect(to);
      }
    }
    if (handshakeDone) {
      afterDisconnect(to);
    } else {
      startLinger();
    }
    return true;
  }

  /** A side sent its close frame; completes its close handshake if it already got ours. */
  void closeReceived(Side from) {
    Outbound o = out[from.ordinal()];
    boolean handshakeDone;
    synchronized (o) {
      if (o.closeReceived || o.disconnected) {
        return;
      }
      o.closeReceived = true;
      handshakeDone = o.closeSent;
      if (handshakeDone) {
        o.disconnected = true;
        transport.disconnect(from);
      }
    }
    if (handshakeDone) {
      afterDisconnect(from);
    }
  }

  private void disconnect(Side side) {
    Outbound o = out[side.ordinal()];
    synchronized (o) {
      if (o.disconnected) {
        return;
      }
      o.disconnected = true;
      transport.disconnect(side);
    }
    afterDisconnect(side);
  }

  /** Records that a side is gone without asking the transport to disconnect it. */
  private void markDisconnected(Side side) {
    Outbound o = out[side.ordinal()];
    synchronized (o) {
      if (o.disconnected) {
        return;
      }
      o.disconnected = true;
    }
    afterDisconnect(side);
  }

  private void afterDisconnect(Side side) {
    if (out[side.other().ordinal()].disconnected) {
      requestFinish();
    }
  }

  /** Closes both sides (each at most once) with the given codes; the first cause wins. */
  private void endBoth(
      CloseCause why, String text, int clientCode, String clientReason, int upstreamCode, String upstreamReason) {
    setCause(why, text);
    writeClose(Side.CLIENT, clientCode, clientReason);
    writeClose(Side.UPSTREAM, upstreamCode, upstreamReason);
  }

  /** One side broke a rule (protocol, limit): it gets the code, the other side 1001. */
  private void endBecauseOf(Side culprit, CloseCause why, int code, String reason, String text) {
    setCause(why, sideName(culprit) + ": " + text);
    writeClose(culprit, code, reason);
    writeClose(culprit.other(), CloseCodes.GOING_AWAY, "");
  }

  private void setCause(CloseCause why, String text) {
    if (cause.compareAndSet(null, why)) {
      detail = text == null ? "" : text;
    }
  }

  private void startLinger() {
    if (lingerStarted.compareAndSet(false, true)) {
      lingerTimer = scheduler.schedule(settings.closeLinger().toNanos(), this::lingerExpired);
      if (finishRequested) {
        cancel(lingerTimer);
      }
    }
  }

  private void lingerExpired() {
    if (finishRequested) {
      return;
    }
    LOG.fine(() -> "[" + id + "] close handshake not completed within " + settings.closeLinger());
    disconnect(Side.CLIENT);
    disconnect(Side.UPSTREAM);
  }

  private void idleCheck() {
    if (finishRequested || state.get() != OPEN) {
      return;
    }
    long idle = settings.idleTimeout().toNanos();
    long quiet = scheduler.nanoTime() - lastActivity;
    if (quiet >= idle) {
      endBoth(
          CloseCause.TIMEOUT,
          "no frame for " + human(settings.idleTimeout()),
          CloseCodes.GOING_AWAY,
          "Idle Timeout",
          CloseCodes.GOING_AWAY,
          "Idle Timeout");
    } else {
      idleTimer = scheduler.schedule(idle - quiet, this::idleCheck);
      if (finishRequested) {
        cancel(idleTimer);
      }
    }
  }

  private void keepalive() {
    if (finishRequested || state.get() != OPEN) {
      return;
    }
    write(Side.CLIENT, FrameType.PING, ByteBuffer.wrap(KEEPALIVE));
    write(Side.UPSTREAM, FrameType.PING, ByteBuffer.wrap(KEEPALIVE));
    keepaliveTimer = scheduler.schedule(settings.keepaliveInterval().toNanos(), this::keepalive);
    if (finishRequested) {
      cancel(keepaliveTimer);
    }
  }

  void pluginSend(Phase callerPhase, Side to, FrameType type, ByteBuffer payload, String operation) {
    Direction caller = directions[callerPhase == Phase.CLIENT_FRAME ? 0 : 1];
    if (out[to.ordinal()].closed() || (caller.closeRequested && !caller.closeAfterForward)) {
      throw new PdkMisuseException(
          operation + " cannot send: " + sideName(to)
              + " is closing and takes no more messages (onClose runs once the connection has ended)");
    }
    write(to, type, payload);
  }

  // ---------------------------------------------------------------- finishing

  private void requestFinish() {
    if (finishRequested) {
      return;
    }
    finishRequested = true;
    cancel(connectTimer);
    cancel(lingerTimer);
    cancel(idleTimer);
    cancel(keepaliveTimer);
    tryClosePhase();
  }

  private void tryClosePhase() {
    if (!finishRequested) {
      return;
    }
    for (Direction d : directions) {
      if (d.busy) {
        return; // that direction runs the close phase when it leaves its plugin calls
      }
    }
    if (closePhaseClaimed.compareAndSet(false, true)) {
      runClosePhase();
    }
  }

  private void runClosePhase() {
    CloseCause why = cause.get();
    CloseSummary summary =
        new CloseSummary(
            why == null ? CloseCause.CLIENT_GONE : why,
            CloseSummary.code(statusSentTo(Side.CLIENT)),
            CloseSummary.code(statusSentTo(Side.UPSTREAM)),
            detail);
    closeSummary = summary;
    // No direction is inside a plugin call any more: the client direction's watch is free.
    Direction watched = directions[Side.CLIENT.ordinal()];
    for (PluginSlot slot : slots) {
      PluginContext ctx = slot.handshakeAndClose;
      ctx.phase = Phase.CLOSE;
      ctx.active = true;
      long t0 = timing ? System.nanoTime() : 0;
      watched.enterPlugin(slot, Phase.CLOSE);
      try {
        slot.plugin.onClose(ctx, slot.config);
        watched.leavePlugin();
      } catch (Throwable t) {
        if (!watched.leavePlugin()) {
          pluginFailed(slot, Phase.CLOSE, t);
        }
      } finally {
        ctx.active = false;
        if (timing) {
          reportTime(slot, Phase.CLOSE, System.nanoTime() - t0);
        }
      }
    }
    finished = true;
    try {
      observer.connectionFinished(id, summary);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "engine observer failed", e);
    }
    try {
      transport.finished();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "transport failed to record the end of " + id, e);
    }
  }

  // ---------------------------------------------------------------- plugin call time-out

  private void armWatchdog(long delayNanos) {
    if (!watchdogArmed.get() && watchdogArmed.compareAndSet(false, true)) {
      scheduler.schedule(delayNanos, this::watchdog);
    }
  }

  /** Ends calls that ran past the plugin timeout; re-arms itself while calls are running. */
  private void watchdog() {
    watchdogArmed.set(false);
    long now = scheduler.nanoTime();
    long next = Long.MAX_VALUE;
    for (Direction d : directions) {
      if (d.callState.get() != IN_CALL) {
        continue;
      }
      long elapsed = now - d.callStarted;
      if (elapsed >= pluginTimeoutNanos) {
        d.callTimedOut();
      } else {
        next = Math.min(next, pluginTimeoutNanos - elapsed);
      }
    }
    if (next != Long.MAX_VALUE) {
      armWatchdog(next);
    }
  }

  private void pluginTimedOut(PluginSlot slot, Phase phase) {
    String text =
        "plugin '" + slot.name + "' did not return from " + phase.methodName() + " within "
            + human(settings.pluginTimeout());
    pluginFailed(slot, phase, new java.util.concurrent.TimeoutException(text));
    switch (phase) {
      case HANDSHAKE -> {
        if (state.compareAndSet(HANDSHAKE, ENDED)) {
          finishBeforeOpen(500, Map.of(), "Internal Server Error", CloseCause.PLUGIN_ERROR, text);
        }
      }
      case CLIENT_FRAME, UPSTREAM_FRAME ->
          endBoth(
              CloseCause.PLUGIN_ERROR,
              text,
              CloseCodes.INTERNAL_ERROR,
              "Internal Error",
              CloseCodes.INTERNAL_ERROR,
              "Internal Error");
      default -> { } // the close phase: the connection has ended already
    }
  }

  private int statusSentTo(Side side) {
    Outbound o = out[side.ordinal()];
    synchronized (o) {
      return o.closeSent ? o.sentStatus : NONE;
    }
  }

  CloseInfo closeInfo() {
    return closeSummary;
  }

  // ---------------------------------------------------------------- shared helpers

  HandshakeRequest request() {
    return request;
  }

  Direction direction(Side side) {
    return directions[side.ordinal()];
  }

  Map<String, Object> sharedState() {
    Map<String, Object> s = sharedState;
    if (s == null) {
      synchronized (slots) {
        s = sharedState;
        if (s == null) {
          s = new ConcurrentHashMap<>();
          sharedState = s;
        }
      }
    }
    return s;
  }

  private void pluginFailed(PluginSlot slot, Phase phase, Throwable t) {
    LOG.log(
        Level.WARNING,
        "[" + id + "] plugin '" + slot.name + "' failed in " + phase.methodName() + ": " + t,
        t);
    try {
      observer.pluginError(id, slot.name, phase, t);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "engine observer failed", e);
    }
  }

  private void reportTime(PluginSlot slot, Phase phase, long nanos) {
    try {
      slot.timers[phase.ordinal()].record(nanos);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "engine observer failed", e);
    }
  }

  private void notifyOpened() {
    try {
      observer.connectionOpened(id, request);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "engine observer failed", e);
    }
  }

  private static void cancel(Scheduler.Cancellable timer) {
    if (timer != null) {
      timer.cancel();
    }
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  static String sideName(Side side) {
    return side == Side.CLIENT ? "the client" : "the upstream";
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }

  /** A frame a synchronous transport handed in while its side was busy; no payload: a refused header. */
  private record PendingFrame(boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload) {}

  // ---------------------------------------------------------------- one direction

  /**
   * The frames from one side: reassembly, limits, validation and the plugin chain. Only the thread
   * driving that side touches its fields (except {@link #busy} and {@link #closeRequested}).
   */
  final class Direction {
    final Side from;
    final Side to;
    final boolean fromClient;
    final FrameView view = new FrameView();
    final PluginContext[] contexts;
    volatile boolean busy;
    int limit;
    ArrayDeque<PendingFrame> pending;

    // reassembly
    boolean messageOpen;
    FrameType openType;
    final ArrayList<ByteBuffer> fragments = new ArrayList<>();
    long accumulated;
    int fragmentCount;
    int utf8State;

    // rate limit
    long rateWindowStart;
    int rateCount;

    // The plugin call in progress, for the plugin timeout. Written by the direction's own thread
    // before callState is set to IN_CALL (a release store), read by the watchdog after it reads
    // IN_CALL: no fence per call. callSlot changes within a chain run, so it is written and read
    // with release/acquire access.
    final AtomicInteger callState = new AtomicInteger(IDLE);
    long callStarted;
    Thread callThread;
    PluginSlot callSlot;
    Phase callPhase;

    // what the plugins asked for the current message
    PluginSlot current;
    boolean dropRequested;
    PluginSlot dropper;
    boolean closeRequested;
    boolean closeAfterForward;
    PluginSlot closer;
    int closeStatus;
    String closeReason;
    int peerCloseStatus;
    String peerCloseReason;

    Direction(Side from, int limit) {
      this.from = from;
      this.to = from.other();
      this.fromClient = from == Side.CLIENT;
      this.limit = limit;
      this.contexts = new PluginContext[slots.length];
      for (int i = 0; i < slots.length; i++) {
        contexts[i] = fromClient ? slots[i].clientFrame : slots[i].upstreamFrame;
      }
    }

    /** Starts watching one plugin call (handshake and close phases). */
    void enterPlugin(PluginSlot slot, Phase phase) {
      if (pluginTimeoutNanos == 0) {
        return;
      }
      CALL_SLOT.setRelease(this, slot);
      callPhase = phase;
      callThread = Thread.currentThread();
      callStarted = scheduler.nanoTime();
      callState.lazySet(IN_CALL);
      armWatchdog(pluginTimeoutNanos);
    }

    /**
     * Starts watching the plugin calls of one message: one clock read and no fence per message, one
     * release store per plugin ({@link #watchCall}). The plugins handling one message share the
     * plugin timeout; the one in its call when the time runs out is named.
     */
    void enterChain(Phase phase) {
      if (pluginTimeoutNanos == 0) {
        return;
      }
      callPhase = phase;
      callThread = Thread.currentThread();
      callStarted = scheduler.nanoTime();
      callState.lazySet(IN_CALL);
      armWatchdog(pluginTimeoutNanos);
    }

    /** Names the plugin now in its call, for the watchdog. */
    void watchCall(PluginSlot slot) {
      if (pluginTimeoutNanos != 0) {
        CALL_SLOT.setRelease(this, slot);
      }
    }

    /** Whether the watchdog has ended the connection because of the call in progress. */
    boolean callTimedOutAlready() {
      return pluginTimeoutNanos != 0 && callState.get() == TIMED_OUT;
    }

    /**
     * Ends the watch of the current plugin call.
     *
     * @return {@code true} when the call ran past the plugin timeout and was already dealt with
     */
    boolean leavePlugin() {
      if (pluginTimeoutNanos == 0 || callState.compareAndSet(IN_CALL, IDLE)) {
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
     * Called by the watchdog: the current call ran past the plugin timeout. The connection is ended
     * under this direction's lock, so that the plugin's thread, should the call return meanwhile,
     * sees the outcome when it leaves the call (a handshake must not go on to the upstream).
     */
    void callTimedOut() {
      synchronized (this) {
        if (!callState.compareAndSet(IN_CALL, TIMED_OUT)) {
          return;
        }
        pluginTimedOut((PluginSlot) CALL_SLOT.getAcquire(this), callPhase);
        // Frees a plugin that waits (sleep, lock, queue, blocking I/O); a busy loop goes on, on
        // its own thread, while the connection is closed around it.
        callThread.interrupt();
      }
    }

    ArrayDeque<PendingFrame> pending() {
      if (pending == null) {
        pending = new ArrayDeque<>();
      }
      return pending;
    }

    /**
     * Judges a frame by its header alone, with the answers {@link #receive} gives to the whole
     * frame, in the same order; see {@link Connection#frameHeader}.
     */
    boolean admitHeader(boolean fin, int rsv, int opcode, boolean masked, long length) {
      if (state.get() != OPEN || finishRequested) {
        return false;
      }
      Outbound source = out[from.ordinal()];
      if (source.closeReceived || source.disconnected) {
        return false;
      }
      if (out[to.ordinal()].closed()) {
        if (opcode != 0x8) {
          return false;
        }
        if (length >= 0 && length <= 125) {
          return true; // the sender's close answer: read it, so the close handshake completes
        }
        closeReceived(from);
        return false;
      }
      if (length < 0) {
        protocolError(
            "a frame header whose 64-bit payload length has its most significant bit set"
                + " (RFC 6455 5.2: it must be 0)",
            opcode);
        return false;
      }
      if (rsv != 0) {
        protocolError("a frame with RSV bits " + rsv + " set, but no extension was negotiated", opcode);
        return false;
      }
      if (masked != fromClient) {
        protocolError(fromClient
            ? "an unmasked frame from the client (RFC 6455 5.1: a client masks every frame)"
            : "a masked frame from the upstream (RFC 6455 5.1: a server masks no frame)", opcode);
        return false;
      }
      switch (opcode) {
        case 0x0 -> {
          if (!messageOpen) {
            protocolError("a continuation frame without a message to continue", 0);
            return false;
          }
          // accumulated never exceeds the limit, so this cannot overflow
          if (length > limit - accumulated) {
            return checkSize(Long.MAX_VALUE);
          }
          int max = settings.maxFragments();
          if (max > 0 && fragmentCount + 1 > max) {
            fragmentCount++;
            return checkFragments();
          }
          return true;
        }
        case 0x1, 0x2 -> {
          if (messageOpen) {
            protocolError("a new message started before the fragmented message was finished", 1);
            return false;
          }
          return length <= limit || checkSize(length);
        }
        case 0x8, 0x9, 0xA -> {
          if (!fin) {
            protocolError("a fragmented control frame", opcode);
            return false;
          }
          if (length > 125) {
            protocolError("a control frame with more than 125 bytes of payload", opcode);
            return false;
          }
          if (opcode == 0x8 && length == 1) {
            protocolError("a close frame with a 1-byte payload", 0x8);
            return false;
          }
          return true;
        }
        default -> {
          protocolError("a frame with reserved opcode 0x" + Integer.toHexString(opcode), opcode);
          return false;
        }
      }
    }

    void receive(boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload) {
      if (state.get() != OPEN || finishRequested) {
        return;
      }
      Outbound source = out[from.ordinal()];
      if (source.closeReceived || source.disconnected) {
        return; // RFC 6455 5.5.1: nothing follows a close frame
      }
      if (out[to.ordinal()].closed()) {
        // Nothing can reach the other side any more: only the sender's close answer matters.
        if (opcode == 0x8) {
          closeReceived(from);
        }
        return;
      }
      if (idleEnabled) {
        lastActivity = scheduler.nanoTime();
      }
      if (rsv != 0) {
        protocolError("a frame with RSV bits " + rsv + " set, but no extension was negotiated", opcode);
        return;
      }
      if (masked != (from == Side.CLIENT)) {
        protocolError(from == Side.CLIENT
            ? "an unmasked frame from the client (RFC 6455 5.1: a client masks every frame)"
            : "a masked frame from the upstream (RFC 6455 5.1: a server masks no frame)", opcode);
        return;
      }
      switch (opcode) {
        case 0x0 -> continuation(fin, payload);
        case 0x1 -> dataFrame(FrameType.TEXT, fin, payload);
        case 0x2 -> dataFrame(FrameType.BINARY, fin, payload);
        case 0x8 -> closeFrame(fin, payload);
        case 0x9 -> ping(fin, payload);
        case 0xA -> pong(fin, payload);
        default -> protocolError("a frame with reserved opcode 0x" + Integer.toHexString(opcode), opcode);
      }
    }

    private void protocolError(String text, int opcode) {
      protocolError(CloseCodes.PROTOCOL_ERROR, "Protocol Error", text, opcode);
    }

    private void protocolError(int code, String reason, String text, int opcode) {
      resetMessage();
      endBecauseOf(from, CloseCause.PROTOCOL_ERROR, code, reason, text);
      if (opcode == 0x8) {
        closeReceived(from);
      }
    }

    private void resetMessage() {
      messageOpen = false;
      fragments.clear();
      accumulated = 0;
      fragmentCount = 0;
      utf8State = Utf8.COMPLETE;
    }

    private void overLimit(int code, String reason, String text) {
      resetMessage();
      endBecauseOf(from, CloseCause.LIMIT_EXCEEDED, code, reason, text);
    }

    private boolean checkSize(long size) {
      if (size > limit) {
        overLimit(
            CloseCodes.MESSAGE_TOO_BIG,
            "Payload Too Large",
            "a message of more than " + limit + " bytes (the limit is " + limit + ")");
        return false;
      }
      return true;
    }

    private boolean checkFragments() {
      int max = settings.maxFragments();
      if (max > 0 && fragmentCount > max) {
        overLimit(
            CloseCodes.MESSAGE_TOO_BIG,
            "Too Many Fragments",
            "a message of more than " + max + " fragments");
        return false;
      }
      return true;
    }

    private boolean checkRate() {
      int max = settings.maxMessagesPerSecond();
      if (max == 0) {
        return true;
      }
      long now = scheduler.nanoTime();
      if (now - rateWindowStart >= SECOND) {
        rateWindowStart = now;
        rateCount = 0;
      }
      if (++rateCount > max) {
        overLimit(
            CloseCodes.POLICY_VIOLATION,
            "Rate Limit Exceeded",
            "more than " + max + " messages in one second");
        return false;
      }
      return true;
    }

    private void dataFrame(FrameType type, boolean fin, ByteBuffer payload) {
      if (messageOpen) {
        protocolError("a new message started before the fragmented message was finished", 1);
        return;
      }
      int length = payload.remaining();
      if (!checkSize(length)) {
        return;
      }
      if (fin) {
        if (type == FrameType.TEXT && !Utf8.isValid(payload)) {
          protocolError(
              CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8", "a text message that is not valid UTF-8", 1);
          return;
        }
        if (checkRate()) {
          view.reset(type, payload);
          runChain();
        }
        return;
      }
      messageOpen = true;
      openType = type;
      fragmentCount = 1;
      accumulated = length;
      if (!checkFragments()) {
        return;
      }
      if (type == FrameType.TEXT) {
        utf8State = Utf8.scan(Utf8.COMPLETE, payload);
        if (utf8State == Utf8.INVALID) {
          protocolError(
              CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8", "a text message that is not valid UTF-8", 1);
          return;
        }
      }
      fragments.add(payload);
    }

    private void continuation(boolean fin, ByteBuffer payload) {
      if (!messageOpen) {
        protocolError("a continuation frame without a message to continue", 0);
        return;
      }
      fragmentCount++;
      accumulated += payload.remaining();
      if (!checkSize(accumulated) || !checkFragments()) {
        return;
      }
      if (openType == FrameType.TEXT) {
        utf8State = Utf8.scan(utf8State, payload);
        if (utf8State == Utf8.INVALID || (fin && utf8State != Utf8.COMPLETE)) {
          protocolError(
              CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8", "a text message that is not valid UTF-8", 0);
          return;
        }
      }
      fragments.add(payload);
      if (!fin) {
        return;
      }
      byte[] whole = new byte[(int) accumulated];
      int at = 0;
      for (ByteBuffer part : fragments) {
        int n = part.remaining();
        part.get(part.position(), whole, at, n);
        at += n;
      }
      FrameType type = openType;
      resetMessage();
      if (checkRate()) {
        view.reset(type, ByteBuffer.wrap(whole));
        runChain();
      }
    }

    private boolean checkControl(boolean fin, ByteBuffer payload, int opcode) {
      if (!fin) {
        protocolError("a fragmented control frame", opcode);
        return false;
      }
      if (payload.remaining() > 125) {
        protocolError("a control frame with more than 125 bytes of payload", opcode);
        return false;
      }
      return true;
    }

    private void ping(boolean fin, ByteBuffer payload) {
      if (!checkControl(fin, payload, 0x9)) {
        return;
      }
      if (settings.autoPong()) {
        write(from, FrameType.PONG, payload);
        return;
      }
      view.reset(FrameType.PING, payload);
      runChain();
    }

    private void pong(boolean fin, ByteBuffer payload) {
      if (!checkControl(fin, payload, 0xA)) {
        return;
      }
      if (!settings.keepaliveInterval().isZero() && isKeepalive(payload)) {
        return; // the answer to the engine's own keepalive ping
      }
      view.reset(FrameType.PONG, payload);
      runChain();
    }

    private boolean isKeepalive(ByteBuffer payload) {
      return payload.remaining() == KEEPALIVE.length
          && payload.equals(ByteBuffer.wrap(KEEPALIVE));
    }

    private void closeFrame(boolean fin, ByteBuffer payload) {
      if (!checkControl(fin, payload, 0x8)) {
        return;
      }
      int length = payload.remaining();
      if (length == 1) {
        protocolError("a close frame with a 1-byte payload", 0x8);
        return;
      }
      int status = NONE;
      if (length >= 2) {
        status = payload.getShort(payload.position()) & 0xFFFF;
        if (!CloseCodes.isSendable(status)) {
          protocolError("a close frame with the invalid close code " + status, 0x8);
          return;
        }
        ByteBuffer reason = payload.duplicate();
        reason.position(reason.position() + 2);
        if (!Utf8.isValid(reason)) {
          protocolError(
              CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8", "a close reason that is not valid UTF-8", 0x8);
          return;
        }
      }
      // A message cut short by a close is never completed.
      resetMessage();
      view.resetClose(payload, status);
      runChain();
      closeReceived(from);
    }

    // ---------------------------------------------------------------- the plugin chain

    private void runChain() {
      try {
        runChainOnce();
      } finally {
        view.release();
      }
    }

    private void runChainOnce() {
      dropRequested = false;
      closeRequested = false;
      closeAfterForward = false;
      PluginContext[] ctxs = contexts;
      if (ctxs.length > 0) {
        boolean completed;
        enterChain(ctxs[0].phase);
        try {
          completed = runPlugins(ctxs);
        } finally {
          if (leavePlugin()) {
            completed = false; // the watchdog closed the connection (1011) meanwhile
          }
        }
        if (!completed) {
          dropRequested = true;
          return;
        }
      }
      current = null;
      if (!dropRequested && !(closeRequested && !closeAfterForward)) {
        forward();
      } else if (dropRequested) {
        frameDroppedBy(dropper);
      }
      if (closeRequested) {
        setCause(CloseCause.PLUGIN_CLOSE, "plugin '" + closer.name + "' closed the connection");
        writeClose(from, closeStatus, closeReason);
        writeClose(to, peerCloseStatus, peerCloseReason);
      }
    }

    /**
     * Runs the plugins on the current message.
     *
     * @return {@code false} when the message ended the connection (a plugin failure that closes, or
     *     the plugin timeout), {@code true} when it goes on to be forwarded, dropped or closed on
     */
    private boolean runPlugins(PluginContext[] ctxs) {
      // One clock read per plugin call: each call's end is the next call's start.
      long t0 = timing ? System.nanoTime() : 0;
      for (int i = 0; i < ctxs.length; i++) {
        PluginContext ctx = ctxs[i];
        PluginSlot slot = ctx.slot;
        current = slot;
        ctx.active = true;
        watchCall(slot);
        try {
          if (timing) {
            try {
              callPlugin(slot.plugin, ctx, slot.config);
            } finally {
              long t1 = System.nanoTime();
              reportTime(slot, ctx.phase, t1 - t0);
              t0 = t1;
            }
          } else {
            callPlugin(slot.plugin, ctx, slot.config);
          }
          if (callTimedOutAlready()) {
            return false;
          }
        } catch (Throwable t) {
          ctx.active = false;
          if (callTimedOutAlready()) {
            return false;
          }
          pluginFailed(slot, ctx.phase, t);
          ErrorPolicy policy = slot.entry.errorPolicy();
          if (policy == ErrorPolicy.SKIP) {
            if (timing) {
              t0 = System.nanoTime(); // the failure's logging is no plugin's time
            }
            continue;
          }
          if (policy == ErrorPolicy.DROP && view.type != FrameType.CLOSE) {
            dropRequested = true;
            dropper = slot;
            break;
          }
          closeRequested = false;
          dropRequested = true;
          endBoth(
              CloseCause.PLUGIN_ERROR,
              "plugin '" + slot.name + "' failed in " + ctx.phase.methodName() + ": " + t,
              CloseCodes.INTERNAL_ERROR,
              "Internal Error",
              CloseCodes.INTERNAL_ERROR,
              "Internal Error");
          return false;
        } finally {
          ctx.active = false;
        }
        if (dropRequested || (closeRequested && !closeAfterForward)) {
          break;
        }
      }
      return true;
    }

    private void callPlugin(FramePlugin<Object> plugin, PluginContext ctx, Object config)
        throws Exception {
      if (fromClient) {
        plugin.onClientFrame(ctx, config);
      } else {
        plugin.onUpstreamFrame(ctx, config);
      }
    }

    private void forward() {
      FrameView v = view;
      ByteBuffer payload = v.outgoing();
      int bytes = payload.remaining();
      boolean written;
      if (v.type == FrameType.CLOSE) {
        setCause(
            fromClient ? CloseCause.CLIENT_CLOSE : CloseCause.UPSTREAM_CLOSE,
            sideName(from) + " closed"
                + (v.status == NONE ? " without a code" : " with " + v.status)
                + (v.length() == 0 ? "" : " '" + v.reasonText() + "'"));
        written = writeClose(to, v.status, payload);
      } else {
        written = write(to, v.type, payload);
      }
      if (written) {
        try {
          observer.messageForwarded(id, from, v.type, bytes);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "engine observer failed", e);
        }
      }
    }

    private void frameDroppedBy(PluginSlot slot) {
      try {
        observer.frameDropped(id, from, view.type, slot == null ? "" : slot.name);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "engine observer failed", e);
      }
    }

    // ---------------------------------------------------------------- PDK operations

    void setFrameData(byte[] data) {
      FrameType type = view.type;
      if (type == FrameType.CLOSE) {
        if (data.length > 123) {
          throw new IllegalArgumentException(
              "a close reason is at most 123 bytes, got " + data.length);
        }
        if (data.length > 0 && view.status == NONE) {
          throw new IllegalArgumentException(
              "this close frame has no status code, and a close reason needs one: call"
                  + " setStatus(...) before setFrameData(...)");
        }
      } else if (type.isControl()) {
        if (data.length > 125) {
          throw new IllegalArgumentException(
              "a " + type.kongName() + " payload is at most 125 bytes, got " + data.length);
        }
      } else if (data.length > limit) {
        throw new IllegalArgumentException(
            "the new payload of " + data.length + " bytes exceeds the limit of " + limit
                + " bytes for messages from " + sideName(from)
                + " (raise it with setMaxPayloadSize in onHandshake)");
      }
      if ((type == FrameType.TEXT || type == FrameType.CLOSE) && !Utf8.isValid(data)) {
        throw new IllegalArgumentException(
            "the new payload of a " + type.kongName() + " frame must be valid UTF-8");
      }
      view.replacePayload(ByteBuffer.wrap(data));
    }

    void setStatus(int status) {
      if (view.type != FrameType.CLOSE) {
        throw new PdkMisuseException(
            "setStatus() is only allowed on a close frame, and this is a " + view.type.kongName()
                + " frame: use close(status, reason) to end the connection with a code");
      }
      checkCode(status, "status");
      view.replaceStatus(status);
    }

    void drop(PluginSlot slot) {
      if (view.type == FrameType.CLOSE) {
        throw new PdkMisuseException(
            "a close frame cannot be dropped: use " + (fromClient ? "ws.client()" : "ws.upstream()")
                + ".close(...) to end the connection, or setStatus/setFrameData to rewrite it");
      }
      if (!dropRequested) {
        dropRequested = true;
        dropper = slot;
      }
    }

    void close(
        PluginSlot slot,
        Integer status,
        String reason,
        Integer peerStatus,
        String peerReason,
        boolean afterForward) {
      String op = afterForward ? "forwardAndClose" : "close";
      if (afterForward && view.type == FrameType.CLOSE) {
        throw new PdkMisuseException(
            "forwardAndClose() is not allowed on a close frame, which ends the connection once"
                + " forwarded: let it pass, or use close(...) to answer it yourself");
      }
      int code = status == null ? NONE : checkCode(status, "status");
      String text = reason;
      if (!afterForward && status == null && view.type == FrameType.CLOSE) {
        code = view.status;
        if (text == null && code != NONE) {
          text = view.reasonText();
        }
      }
      checkReason(text, code, "reason", "status");
      int peerCode = peerStatus == null ? NONE : checkCode(peerStatus, "peerStatus");
      checkReason(peerReason, peerCode, "peerReason", "peerStatus");
      if (closeRequested && !closeAfterForward) {
        return; // the first close of this message stands
      }
      closeRequested = true;
      closeAfterForward = afterForward;
      closer = slot;
      closeStatus = code;
      closeReason = text;
      peerCloseStatus = peerCode;
      peerCloseReason = peerReason;
      if (LOG.isLoggable(Level.FINE)) {
        LOG.fine("[" + id + "] plugin '" + slot.name + "' called " + op);
      }
    }

    private int checkCode(int code, String what) {
      if (!CloseCodes.isSendable(code)) {
        throw new IllegalArgumentException(
            what + " " + code + " may not be sent in a close frame (RFC 6455 section 7.4): use"
                + " 1000-1003, 1007-1014 or 3000-4999");
      }
      return code;
    }

    private void checkReason(String reason, int code, String what, String codeName) {
      if (reason == null || reason.isEmpty()) {
        return;
      }
      if (code == NONE) {
        throw new IllegalArgumentException(
            "a close " + what + " needs a status code: pass " + codeName + " as well (e.g. 1000)");
      }
      int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > 123) {
        throw new IllegalArgumentException(
            "a close " + what + " is at most 123 bytes of UTF-8, got " + bytes);
      }
    }
  }
}
