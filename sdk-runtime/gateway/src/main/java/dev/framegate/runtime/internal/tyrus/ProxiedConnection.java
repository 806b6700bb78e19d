package dev.framegate.runtime.internal.tyrus;

import dev.framegate.api.FrameType;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.engine.Connection;
import dev.framegate.engine.ListenerInfo;
import dev.framegate.engine.Side;
import dev.framegate.engine.Transport;
import dev.framegate.runtime.Route;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * One proxied connection on the Tyrus transports: the engine's {@link Transport}, and the glue that
 * turns Tyrus frames and network events into {@link Connection} calls.
 *
 * <p>Threading: every call into the engine for a side goes through that side's {@link
 * SerialExecutor} (client: start, client frames, client gone; upstream: connect outcome, upstream
 * frames, upstream gone), so calls per side are serialized and the two directions are independent.
 * Grizzly and Tyrus threads only enqueue.
 *
 * <p>Back-pressure: per direction, the bytes in flight (read from one side but not yet handed to the
 * engine, plus bytes written to the other side but not yet flushed) are bounded by the route's
 * {@code maxInFlightBytes}. Over the bound, the next read from the sending side's socket is held in
 * its Grizzly filter context ({@link ReadGate}: the client's in {@link UpgradedClientReads} (and
 * {@link HandshakeFilter} for bytes that came with the upgrade request), the upstream's in
 * {@link UpgradedUpstreamReads}, or {@link UpstreamReadGate} where Tyrus's chain could not be
 * bypassed) until the backlog falls to half the bound, so TCP flow control pushes back on the
 * sender. No thread waits.
 */
final class ProxiedConnection implements Transport, FrameHook.FrameSink {

  private static final Logger LOG = Logger.getLogger(ProxiedConnection.class.getName());

  /** Internal request header naming the pending connection to the Tyrus upgrade. */
  static final String TOKEN_HEADER = "X-Framegate-Internal-Connection";

  private final GatewayRuntime runtime;
  private final Route route;
  /** The upstream URL for this client's path and query, fixed before the handshake phase starts. */
  private volatile URI upstreamUri;
  private final String token;
  private final SideIo client;
  private final SideIo upstream;
  final FrameHook clientHook = new FrameHook(Side.CLIENT, this);
  final FrameHook upstreamHook = new FrameHook(Side.UPSTREAM, this);
  private volatile Connection engine;

  // Handshake hold: the client's suspended upgrade request until the engine accepts or rejects it.
  private final Object handshakeLock = new Object();
  private FilterChainContext handshakeContext;
  private HttpContent handshakeMessage;
  private volatile String acceptedSubprotocol;
  private volatile Map<String, List<String>> acceptHeaders = Map.of();

  // Read gates: the client's reads wait for the client-to-upstream direction, the upstream's for
  // the upstream-to-client direction.
  private final ReadGate clientReads = new ReadGate(false);
  private final ReadGate upstreamReads = new ReadGate(true);
  private final long maxInFlightBytes;

  private volatile UpstreamAttempt attempt;
  private volatile boolean upgradeHandedOver;
  private final AtomicBoolean finished = new AtomicBoolean();

  ProxiedConnection(GatewayRuntime runtime, Route route, String token) {
    this.runtime = runtime;
    this.route = route;
    this.token = token;
    this.client = new SideIo(Side.CLIENT, false);
    this.upstream = new SideIo(Side.UPSTREAM, true);
    this.maxInFlightBytes = route.settings().maxInFlightBytes();
  }

  void open(Connection connection) {
    this.engine = connection;
  }

  String token() {
    return token;
  }

  Route route() {
    return route;
  }

  Connection engine() {
    return engine;
  }

  private SideIo io(Side side) {
    return side == Side.CLIENT ? client : upstream;
  }

  // ---------------------------------------------------------------- handshake (client side)

  /** Holds the suspended upgrade request and starts the engine's handshake phase off the I/O thread. */
  void beginHandshake(FilterChainContext context, HttpContent message, HandshakeRequest request, ListenerInfo listener,
      URI upstreamUri) {
    this.upstreamUri = upstreamUri;
    synchronized (handshakeLock) {
      handshakeContext = context;
      handshakeMessage = message;
    }
    onSide(Side.CLIENT, () -> engine.start(request, listener));
  }

  private FilterChainContext takeHandshake(HttpContent[] message) {
    synchronized (handshakeLock) {
      FilterChainContext context = handshakeContext;
      message[0] = handshakeMessage;
      handshakeContext = null;
      handshakeMessage = null;
      return context;
    }
  }

  @Override
  public void acceptClient(String subprotocol, Map<String, List<String>> headers) {
    HttpContent[] message = new HttpContent[1];
    FilterChainContext context = takeHandshake(message);
    if (context == null) {
      return;
    }
    acceptedSubprotocol = subprotocol;
    acceptHeaders = headers == null ? Map.of() : headers;
    HttpRequestPacket request = (HttpRequestPacket) message[0].getHttpHeader();
    request.setHeader(TOKEN_HEADER, token);
    request.setRequestURI(GatewayServerContainer.UPGRADE_PATH);
    request.setQueryString(null);
    runtime.awaitUpgrade(this);
    upgradeHandedOver = true;
    // Lets Tyrus's own filter perform the upgrade, which our configurator completes with the
    // upstream's subprotocol and the engine's headers.
    context.resumeNext();
  }

  @Override
  public void rejectClient(int status, Map<String, List<String>> headers, String body) {
    HttpContent[] message = new HttpContent[1];
    FilterChainContext context = takeHandshake(message);
    if (context == null) {
      return;
    }
    HandshakeFilter.respond(context, message[0], status, headers, body);
    context.resume(context.getStopAction());
    client.disconnected.set(true);
    reportGone(Side.CLIENT);
  }

  boolean upgradeHandedOver() {
    return upgradeHandedOver;
  }

  String acceptedSubprotocol() {
    return acceptedSubprotocol;
  }

  Map<String, List<String>> acceptHeaders() {
    return acceptHeaders;
  }

  /** Tyrus finished the client's upgrade: frames may now be written to it. */
  void clientUpgraded(Writer writer) {
    client.attach(writer);
  }

  /** Tyrus refused the upgrade we handed it (it answered the client itself). */
  void clientUpgradeFailed() {
    LOG.fine(() -> "Tyrus refused the upgrade of " + token);
    reportGone(Side.CLIENT);
  }

  /** The client's network connection closed, in the handshake or later. */
  void clientTransportClosed() {
    HttpContent[] message = new HttpContent[1];
    FilterChainContext context = takeHandshake(message);
    if (context != null) {
      context.resume(context.getStopAction());
    }
    releaseHeldRead();
    reportGone(Side.CLIENT);
  }

  // ---------------------------------------------------------------- upstream

  @Override
  public void connectUpstream(Map<String, List<String>> headers, List<String> subprotocols) {
    UpstreamAttempt next = new UpstreamAttempt(this, headers, subprotocols);
    attempt = next;
    runtime.connector().connect(upstreamUri, next);
  }

  /** The upstream accepted the upgrade; called on a Tyrus client thread before any upstream frame. */
  void upstreamUpgraded(Writer writer, String subprotocol) {
    if (!upstream.attach(writer)) {
      return;
    }
    // Reads go straight to the upstream hook, gated there; where this Tyrus version's chain does not
    // allow that, the gate is put around Tyrus's own filter instead.
    if (!UpgradedUpstreamReads.install(writer, this)) {
      UpstreamReadGate.install(writer, this);
    }
    onSide(Side.UPSTREAM, () -> engine.upstreamConnected(subprotocol));
  }

  void upstreamFailed(int status, String detail) {
    if (upstream.disconnected.get()) {
      reportGone(Side.UPSTREAM);
      return;
    }
    onSide(Side.UPSTREAM, () -> engine.upstreamFailed(status, detail));
  }

  // ---------------------------------------------------------------- frames in

  @Override
  public void onFrame(Side from, boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
    SideIo io = io(from);
    io.unprocessedBytes.addAndGet(payload.length);
    io.tasks.execute(new FrameTask(io, fin, rsv, opcode, masked, payload));
    updateReadGate(from);
  }

  /** One incoming frame's trip into the engine: a single object per frame, in the side's order. */
  private final class FrameTask implements Runnable {
    private final SideIo io;
    private final boolean fin;
    private final int rsv;
    private final int opcode;
    private final boolean masked;
    private final byte[] payload;

    FrameTask(SideIo io, boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
      this.io = io;
      this.fin = fin;
      this.rsv = rsv;
      this.opcode = opcode;
      this.masked = masked;
      this.payload = payload;
    }

    @Override
    public void run() {
      try {
        engine.frame(io.side, fin, rsv, opcode, masked, ByteBuffer.wrap(payload));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "engine call for " + io.side + " of " + token + " failed", e);
      } finally {
        io.unprocessedBytes.addAndGet(-payload.length);
        updateReadGate(io.side);
        checkFinished();
      }
    }
  }

  @Override
  public void transportClosed(Side side) {
    if (side == Side.CLIENT) {
      clientTransportClosed();
    } else {
      upstreamReads.release();
      reportGone(Side.UPSTREAM);
    }
  }

  private void reportGone(Side side) {
    SideIo io = io(side);
    if (io.goneReported.compareAndSet(false, true)) {
      onSide(side, () -> engine.gone(side));
    }
  }

  // ---------------------------------------------------------------- frames out

  @Override
  public void send(Side to, FrameType type, ByteBuffer payload) {
    SideIo io = io(to);
    ByteBuffer frame = FrameCodec.encode(type.opcode(), payload, io.masked);
    synchronized (io) {
      if (io.disconnected.get()) {
        LOG.fine(() -> "dropped " + type + " to " + to + " of " + token + ": disconnected");
        return;
      }
      int bytes = frame.remaining();
      io.queuedBytes.addAndGet(bytes);
      io.pushWriteStart(runtime.nanoTime());
      io.armSendTimer();
      if (io.writer == null) {
        // Tyrus writes the 101 before it hands over the connection's writer: keep the frame until then.
        io.early.add(frame);
      } else {
        io.write(frame);
      }
    }
    updateReadGate(to.other());
  }

  @Override
  public void disconnect(Side side) {
    SideIo io = io(side);
    Writer writer;
    synchronized (io) {
      if (!io.disconnected.compareAndSet(false, true)) {
        return;
      }
      writer = io.writer;
    }
    if (side == Side.CLIENT) {
      HttpContent[] message = new HttpContent[1];
      FilterChainContext context = takeHandshake(message);
      if (context != null) {
        context.getConnection().closeSilently();
        context.resume(context.getStopAction());
      }
      releaseHeldRead();
    } else {
      upstreamReads.release();
      UpstreamAttempt pending = attempt;
      if (pending != null) {
        pending.cancel();
      }
    }
    if (writer != null) {
      io.close(writer);
    }
    // The engine counts a disconnected side as gone; reporting it too keeps the bookkeeping simple
    // (the engine ignores the repeat) and covers sides whose transport never opened.
    reportGone(side);
  }

  private static void closeQuietly(Writer writer) {
    try {
      writer.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "close failed", e);
    }
  }

  // ---------------------------------------------------------------- back-pressure

  /**
   * The bytes in flight from a side: read from it and not yet handled by the engine, plus written to
   * the other side and not yet flushed.
   */
  long inFlightFrom(Side from) {
    return io(from).unprocessedBytes.get() + io(from.other()).queuedBytes.get();
  }

  /** Opens or closes the read gate of the side whose direction changed. */
  private void updateReadGate(Side from) {
    ReadGate gate = from == Side.CLIENT ? clientReads : upstreamReads;
    gate.update(inFlightFrom(from), maxInFlightBytes, runtime.pool());
  }

  /**
   * Decides whether a read from the client must wait (called by {@link HandshakeFilter}).
   *
   * @return {@code true} when the read was held
   */
  boolean holdClientRead(FilterChainContext context) {
    return !client.disconnected.get() && clientReads.hold(context);
  }

  /**
   * Decides whether a read from the upstream must wait (called by {@link UpstreamReadGate}).
   *
   * @return {@code true} when the read was held
   */
  boolean holdUpstreamRead(FilterChainContext context) {
    return !upstream.disconnected.get() && upstreamReads.hold(context);
  }

  private void releaseHeldRead() {
    clientReads.release();
  }

  // ---------------------------------------------------------------- plumbing

  /** Runs a task in a side's serial order, then notices when the connection has ended. */
  private void onSide(Side side, Runnable task) {
    io(side).tasks.execute(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "engine call for " + side + " of " + token + " failed", e);
          } finally {
            checkFinished();
          }
        });
  }

  private void checkFinished() {
    Connection connection = engine;
    if (connection != null && connection.isFinished()) {
      finished();
    }
  }

  /** The engine finished the connection, on whichever thread (a timer's included). */
  @Override
  public void finished() {
    if (finished.compareAndSet(false, true)) {
      clientReads.release();
      upstreamReads.release();
      runtime.finished(this);
    }
  }

  boolean isFinished() {
    return finished.get();
  }

  /** The I/O state of one side. */
  private final class SideIo {
    final Side side;
    final boolean masked;
    final SerialExecutor tasks;
    volatile Writer writer;
    final AtomicLong unprocessedBytes = new AtomicLong();
    final AtomicLong queuedBytes = new AtomicLong();
    // When each pending write started, oldest first: a ring of longs under this object's lock, so
    // that timing a write boxes nothing.
    private long[] writeStarts = new long[8];
    private int oldestStart;
    private int pendingStarts;
    final AtomicBoolean sendTimerArmed = new AtomicBoolean();
    final AtomicBoolean timedOutReported = new AtomicBoolean();
    final AtomicBoolean goneReported = new AtomicBoolean();
    final AtomicBoolean disconnected = new AtomicBoolean();

    SideIo(Side side, boolean masked) {
      this.side = side;
      this.masked = masked;
      this.tasks = new SerialExecutor(runtime.pool());
    }

    final java.util.List<ByteBuffer> early = new java.util.ArrayList<>();

    /** Sets the writer once Tyrus has it, writes what came before; {@code false} when already disconnected. */
    boolean attach(Writer attached) {
      synchronized (this) {
        writer = attached;
        for (ByteBuffer frame : early) {
          write(frame);
        }
        early.clear();
        if (!disconnected.get()) {
          return true;
        }
      }
      closeQuietly(attached);
      return false;
    }

    /** Writes one encoded frame; called under this side's lock, so frames keep their order. */
    void write(ByteBuffer frame) {
      int bytes = frame.remaining();
      try {
        writer.write(frame, new WriteDone(this, bytes));
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "write to " + side + " failed", e);
        writeFinished(bytes);
      }
    }

    /** Called under this side's lock. */
    void pushWriteStart(long nanos) {
      if (pendingStarts == writeStarts.length) {
        long[] grown = new long[writeStarts.length * 2];
        for (int i = 0; i < pendingStarts; i++) {
          grown[i] = writeStarts[(oldestStart + i) & (writeStarts.length - 1)];
        }
        writeStarts = grown;
        oldestStart = 0;
      }
      writeStarts[(oldestStart + pendingStarts) & (writeStarts.length - 1)] = nanos;
      pendingStarts++;
    }

    /**
     * Closes the side's connection. Grizzly closes gracefully, after every queued write: fine for a
     * peer that reads (its last close frame goes out), but a peer that does not read would keep its
     * socket and the queued bytes forever. So a side whose writes timed out is cut off at once, and
     * any other side that is still open one send timeout later is cut off then.
     */
    void close(Writer closing) {
      org.glassfish.grizzly.Connection<?> connection = GrizzlyConnections.of(closing);
      if (connection != null && timedOutReported.get()) {
        connection.terminateSilently();
        return;
      }
      closeQuietly(closing);
      if (connection != null) {
        runtime.schedule(route.settings().sendTimeout().toNanos(), () -> {
          if (connection.isOpen()) {
            connection.terminateSilently();
          }
        });
      }
    }

    void writeFinished(int bytes) {
      synchronized (this) {
        if (pendingStarts > 0) {
          oldestStart = (oldestStart + 1) & (writeStarts.length - 1);
          pendingStarts--;
        }
      }
      queuedBytes.addAndGet(-bytes);
      updateReadGate(side.other());
    }

    void armSendTimer() {
      if (sendTimerArmed.compareAndSet(false, true)) {
        runtime.schedule(route.settings().sendTimeout().toNanos(), this::checkSendTimeout);
      }
    }

    private void checkSendTimeout() {
      sendTimerArmed.set(false);
      long oldest;
      synchronized (this) {
        if (pendingStarts == 0 || disconnected.get()) {
          return;
        }
        oldest = writeStarts[oldestStart];
      }
      long timeout = route.settings().sendTimeout().toNanos();
      long waited = runtime.nanoTime() - oldest;
      if (waited >= timeout) {
        if (timedOutReported.compareAndSet(false, true)) {
          LOG.fine(() -> "write to " + side + " of " + token + " pending for "
              + TimeUnit.NANOSECONDS.toMillis(waited) + " ms");
          onSide(side, () -> engine.sendTimedOut(side));
        }
      } else if (sendTimerArmed.compareAndSet(false, true)) {
        runtime.schedule(timeout - waited, this::checkSendTimeout);
      }
    }
  }

  private static final class WriteDone extends CompletionHandler<ByteBuffer> {
    private final SideIo io;
    private final int bytes;
    private static final AtomicIntegerFieldUpdater<WriteDone> DONE =
        AtomicIntegerFieldUpdater.newUpdater(WriteDone.class, "done");
    private volatile int done;

    WriteDone(SideIo io, int bytes) {
      this.io = io;
      this.bytes = bytes;
    }

    private void finish() {
      if (DONE.compareAndSet(this, 0, 1)) {
        io.writeFinished(bytes);
      }
    }

    @Override
    public void completed(ByteBuffer result) {
      finish();
    }

    @Override
    public void failed(Throwable throwable) {
      LOG.log(Level.FINE, "write to " + io.side + " failed", throwable);
      finish();
    }

    @Override
    public void cancelled() {
      finish();
    }
  }
}
