package dev.framegate.runtime.internal.transport;

import dev.framegate.api.FrameType;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.engine.Connection;
import dev.framegate.engine.ListenerInfo;
import dev.framegate.engine.Side;
import dev.framegate.engine.Transport;
import dev.framegate.runtime.Route;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.filterchain.FilterChainContext;

/**
 * One proxied connection: the engine's {@link Transport}, and the glue between the engine's {@link
 * Connection} and the two {@link Peer}s on the wire.
 *
 * <p>Handshake: the client's upgrade head is read by {@link ClientFilter}, which starts the engine
 * on the client's I/O thread; the engine asks for the upstream ({@link #connectUpstream}), which
 * {@link UpstreamConnector} opens on Grizzly and {@link UpstreamFilter} upgrades. Meanwhile the
 * client's read context (and any bytes that came after its head) waits, suspended. The engine then
 * accepts the client ({@link #acceptClient}: the 101 is written, the suspended read resumes and its
 * bytes are decoded as the first frames) or rejects it with an HTTP status ({@link #rejectClient}).
 */
final class ProxiedConnection implements Transport {

  private final GatewayRuntime runtime;
  private final Route route;
  /** Where the upstream is; released once the attempt to reach it is made. */
  private volatile URI upstreamUri;
  private final Peer client;
  private final Peer upstream;
  private final long maxInFlightBytes;
  private final long sendTimeoutNanos;
  private volatile Connection engine;
  private final AtomicBoolean finished = new AtomicBoolean();

  // The client's read while the handshake waits for the upstream, under handshakeLock.
  private final Object handshakeLock = new Object();
  private FilterChainContext handshakeRead;
  private boolean clientDecided;
  private volatile boolean clientAccepted;
  /** The client's 101 or rejection; released once written. */
  private volatile String clientKey;

  private volatile UpstreamConnector.Attempt attempt;

  ProxiedConnection(GatewayRuntime runtime, Route route, URI upstreamUri, org.glassfish.grizzly.Connection<?> clientConnection,
      String clientKey) {
    this.runtime = runtime;
    this.route = route;
    this.upstreamUri = upstreamUri;
    this.clientKey = clientKey;
    this.client = new Peer(this, Side.CLIENT);
    this.upstream = new Peer(this, Side.UPSTREAM);
    this.client.connection = clientConnection;
    this.client.contiguousWrites = runtime.secure();
    this.upstream.contiguousWrites = "wss".equalsIgnoreCase(upstreamUri.getScheme());
    this.maxInFlightBytes = route.settings().maxInFlightBytes();
    this.sendTimeoutNanos = route.settings().sendTimeout().toNanos();
  }

  void open(Connection connection) {
    this.engine = connection;
  }

  String id() {
    Connection connection = engine;
    return connection == null ? "(opening)" : connection.id();
  }

  Connection engine() {
    return engine;
  }

  GatewayRuntime runtime() {
    return runtime;
  }

  StallWatchdog watchdog() {
    return runtime.watchdog();
  }

  Route route() {
    return route;
  }

  Peer peer(Side side) {
    return side == Side.CLIENT ? client : upstream;
  }

  long maxInFlightBytes() {
    return maxInFlightBytes;
  }

  long sendTimeoutNanos() {
    return sendTimeoutNanos;
  }

  // ---------------------------------------------------------------- handshake (client side)

  /** Runs the engine's handshake phase on the client's I/O thread. */
  void start(HandshakeRequest request, ListenerInfo listener) {
    client.call(() -> engine.start(request, listener));
  }

  /**
   * Keeps the client's read until the engine accepted or rejected it.
   *
   * @return {@code true} when held (the filter suspends); {@code false} when the engine has already
   *     decided: accepted, the caller decodes the rest of the read now; rejected, it stops
   */
  boolean holdClientRead(FilterChainContext ctx) {
    synchronized (handshakeLock) {
      if (clientDecided) {
        return false;
      }
      ctx.suspend();
      handshakeRead = ctx;
      return true;
    }
  }

  boolean clientAccepted() {
    return clientAccepted;
  }

  private FilterChainContext decideClient(boolean accepted) {
    synchronized (handshakeLock) {
      if (clientDecided) {
        return null;
      }
      clientDecided = true;
      clientAccepted = accepted;
      FilterChainContext held = handshakeRead;
      handshakeRead = null;
      return held;
    }
  }

  @Override
  public void acceptClient(String subprotocol, Map<String, List<String>> headers) {
    String key = clientKey;
    clientKey = null;
    client.writeRaw(HttpResponses.switchingProtocols(key, subprotocol, headers));
    FilterChainContext held = decideClient(true);
    if (held != null) {
      // Off this thread: the held read runs the client's frames through the engine, which must not
      // happen inside the engine call (of the upstream's side) that accepted the client.
      runtime.events().execute(held::resume);
    }
  }

  @Override
  public void rejectClient(int status, Map<String, List<String>> headers, String body) {
    clientKey = null;
    client.writeRaw(HttpResponses.status(status, headers, body));
    FilterChainContext held = decideClient(false);
    client.disconnect();
    if (held != null) {
      held.resume(held.getStopAction());
    }
    reportGone(Side.CLIENT);
  }

  // ---------------------------------------------------------------- upstream

  @Override
  public void connectUpstream(Map<String, List<String>> headers, List<String> subprotocols) {
    UpstreamConnector.Attempt next = new UpstreamConnector.Attempt(this, upstreamUri, headers, subprotocols);
    upstreamUri = null;
    attempt = next;
    runtime.connector().connect(next);
  }

  /** The upstream's TCP (and TLS) connection is open: frames may be written to it once upgraded. */
  void upstreamConnection(org.glassfish.grizzly.Connection<?> connection) {
    upstream.connection = connection;
  }

  /** The upstream answered 101; called on its I/O thread before any of its frames. */
  void upstreamUpgraded(String subprotocol) {
    attempt = null;
    upstream.call(() -> engine.upstreamConnected(subprotocol));
  }

  /** The upstream could not be upgraded; called from any thread. */
  void upstreamFailed(int status, String detail) {
    attempt = null;
    if (upstream.disconnected.get()) {
      reportGone(Side.UPSTREAM);
      return;
    }
    runtime.events().execute(() -> upstream.call(() -> engine.upstreamFailed(status, detail)));
  }

  // ---------------------------------------------------------------- frames out, ends

  @Override
  public void send(Side to, FrameType type, ByteBuffer payload) {
    peer(to).send(type.opcode(), payload);
  }

  @Override
  public void disconnect(Side side) {
    Peer peer = peer(side);
    if (side == Side.CLIENT) {
      FilterChainContext held = decideClient(false);
      peer.disconnect();
      if (held != null) {
        held.resume(held.getStopAction());
      }
    } else {
      UpstreamConnector.Attempt pending = attempt;
      if (pending != null) {
        pending.cancel();
      }
      peer.disconnect();
    }
    // The engine counts a disconnected side as gone; reporting it too covers sides whose transport
    // never opened (the engine ignores the repeat).
    reportGone(side);
  }

  /** A side's network connection closed (the peer left, or the gateway closed it). */
  void transportClosed(Side side) {
    Peer peer = peer(side);
    peer.releaseHeldRead(true);
    if (side == Side.CLIENT) {
      FilterChainContext held = decideClient(false);
      if (held != null) {
        held.resume(held.getStopAction());
      }
    }
    reportGone(side);
  }

  private void reportGone(Side side) {
    Peer peer = peer(side);
    if (peer.goneReported.compareAndSet(false, true)) {
      // Off the closing thread, which may be inside an engine call of the other side.
      runtime.events().execute(() -> peer.call(() -> engine.gone(side)));
    }
  }

  void checkFinished() {
    Connection connection = engine;
    if (connection != null && connection.isFinished()) {
      finished();
    }
  }

  @Override
  public void finished() {
    if (finished.compareAndSet(false, true)) {
      client.releaseHeldRead(true);
      upstream.releaseHeldRead(true);
      runtime.finished(this);
    }
  }

  boolean isFinished() {
    return finished.get();
  }

  // ---------------------------------------------------------------- accounting

  /**
   * The bytes in flight from a side: held for its direction (a frame being read, the unfinished
   * message the engine reassembles) plus those queued for the other side's socket.
   */
  long inFlightFrom(Side from) {
    return peer(from).heldBytes() + peer(from.other()).queuedBytes.get();
  }
}
