package dev.framegate.runtime.internal.transport;

import dev.framegate.engine.Connection;
import dev.framegate.engine.Side;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.BuffersBuffer;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * One side of a proxied connection on the wire: its Grizzly connection, the frames read from it and
 * the frames written to it.
 *
 * <p><b>Reads</b> run on the I/O thread of the side's connection: {@link #read} decodes the bytes
 * and calls the engine at once, for each frame header and each frame, so a frame is read, run
 * through the plugins and written on one thread. Every engine call for this side goes through
 * {@link #call}, under this side's call lock (calls per side stay serialized whichever thread
 * makes them) and marked for the {@link StallWatchdog}.
 *
 * <p><b>Writes</b>: frames the engine sends while a read of any connection is being processed on
 * the same thread are collected ({@link WriteBatch}) and written together when the read is done,
 * one gathering write per socket; other sends are written at once. Order is kept under this side's
 * write lock (the object itself).
 *
 * <p><b>Back-pressure</b>: when the other side has more bytes queued for its socket than the
 * route's bound after a read, the next read from this side waits in its suspended filter-chain
 * context (no thread waits, Grizzly stops reading the socket) until half of them are written.
 */
final class Peer implements FrameDecoder.Sink {

  private static final Logger LOG = Logger.getLogger(Peer.class.getName());
  /** Frames smaller than this are copied into one array with their header rather than wrapped. */
  private static final int COPY_BELOW = 4096;

  final ProxiedConnection owner;
  final Side side;
  /** Whether frames written to this side are masked (the upstream: the gateway is its client). */
  private final boolean masksWrites;
  private final FrameDecoder decoder;
  /**
   * Whether writes must be one contiguous buffer: Grizzly's TLS filter wraps a composite buffer by
   * copying what remains of it for every record, so TLS connections get copies instead.
   */
  volatile boolean contiguousWrites;
  final Object callLock = new Object();
  volatile org.glassfish.grizzly.Connection<?> connection;

  // reads (on the side's I/O thread, under callLock)
  /** Payload bytes of the unfinished message handed to the engine, which holds them until its end. */
  private volatile int messageBytes;

  // writes, under this object's lock
  private ArrayList<Buffer> pending;
  private int pendingBytes;
  private int pendingFrames;
  private WriteBatch enlistedBy;
  final AtomicLong queuedBytes = new AtomicLong();
  private long[] writeStarts = new long[4];
  private int oldestStart;
  private int pendingStarts;
  private final AtomicBoolean sendTimerArmed = new AtomicBoolean();
  final AtomicBoolean timedOut = new AtomicBoolean();
  final AtomicBoolean goneReported = new AtomicBoolean();
  final AtomicBoolean disconnected = new AtomicBoolean();

  // back-pressure
  private final Object pauseLock = new Object();
  private FilterChainContext heldRead;
  private boolean released;

  Peer(ProxiedConnection owner, Side side) {
    this.owner = owner;
    this.side = side;
    this.masksWrites = side == Side.UPSTREAM;
    this.decoder = new FrameDecoder(this, side == Side.CLIENT);
  }

  Connection engine() {
    return owner.engine();
  }

  Peer other() {
    return owner.peer(side.other());
  }

  // ------------------------------------------------------------------------------------ reads

  /**
   * Decodes the bytes of one read and hands each frame to the engine; then decides whether the next
   * read must wait.
   *
   * @return the action for the filter chain: stop, or suspend while the read is held
   */
  NextAction read(FilterChainContext ctx, Buffer buffer) {
    WriteBatch batch = WriteBatch.open();
    try {
      // A thread that waits for the lock (another thread runs an engine call of this side) is as
      // stuck as one inside a plugin; decoding itself is not watched, the engine calls are.
      StallWatchdog.Lane waiting = owner.watchdog().enter();
      synchronized (callLock) {
        owner.watchdog().exit(waiting);
        decode(buffer);
      }
    } finally {
      batch.close();
    }
    owner.checkFinished();
    return holdIfBacklogged(ctx) ? ctx.getSuspendAction() : ctx.getStopAction();
  }

  /** Decodes bytes already taken from the connection (those that came with the upgrade head). */
  void decode(Buffer buffer) {
    if (!buffer.hasRemaining()) {
      return;
    }
    try {
      if (!buffer.isComposite()) {
        decoder.decode(buffer.toByteBuffer());
        buffer.position(buffer.limit());
        return;
      }
      org.glassfish.grizzly.memory.ByteBufferArray array = buffer.toByteBufferArray();
      ByteBuffer[] parts = array.getArray();
      for (int i = 0; i < array.size(); i++) {
        decoder.decode(parts[i]);
      }
      array.restore();
      array.recycle();
      buffer.position(buffer.limit());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "bytes from " + side + " of " + owner.id() + " could not be decoded", e);
    }
  }

  @Override
  public boolean header(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
    StallWatchdog.Lane lane = owner.watchdog().enter();
    try {
      return engine().frameHeader(side, fin, rsv, opcode, masked, payloadLength);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "engine refused a frame header of " + side + " of " + owner.id() + " with an error", e);
      return false;
    } finally {
      owner.watchdog().exit(lane);
    }
  }

  @Override
  public void frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
    boolean data = opcode <= 2;
    if (data && !fin) {
      messageBytes += payload.length;
    }
    StallWatchdog.Lane lane = owner.watchdog().enter();
    try {
      engine().frame(side, fin, rsv, opcode, masked, ByteBuffer.wrap(payload));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "engine call for a frame of " + side + " of " + owner.id() + " failed", e);
    } finally {
      owner.watchdog().exit(lane);
      if (data && fin) {
        messageBytes = 0;
      }
    }
  }

  /** Runs an engine call for this side, serialized with its frames and watched for stalls. */
  void call(Runnable task) {
    StallWatchdog.Lane lane = owner.watchdog().enter();
    try {
      synchronized (callLock) {
        task.run();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "engine call for " + side + " of " + owner.id() + " failed", e);
    } finally {
      owner.watchdog().exit(lane);
    }
    owner.checkFinished();
  }

  /** The bytes held for this side's direction that are not yet queued to the other side. */
  long heldBytes() {
    return decoder.bufferedBytes() + messageBytes;
  }

  // ------------------------------------------------------------------------------------ writes

  /** Writes one frame to this side (the engine's {@code Transport.send}). */
  void send(int opcode, ByteBuffer payload) {
    Buffer frame = encode(opcode, payload);
    boolean flushNow;
    synchronized (this) {
      if (disconnected.get()) {
        LOG.fine(() -> "dropped a frame to " + side + " of " + owner.id() + ": disconnected");
        return;
      }
      int bytes = frame.remaining();
      queuedBytes.addAndGet(bytes);
      pushWriteStart(System.nanoTime());
      queue(frame, bytes);
      WriteBatch batch = WriteBatch.current();
      // Frames another thread's batch holds go out now too: a batch never delays other threads.
      flushNow = batch == null || connection == null || (enlistedBy != null && enlistedBy != batch);
      if (!flushNow && enlistedBy == null) {
        enlistedBy = batch;
        batch.enlist(this);
      }
      if (flushNow) {
        flushLocked();
      }
    }
    armSendTimer();
  }

  /** Writes bytes that are not a frame (an HTTP head) ahead of anything sent later. */
  void writeRaw(byte[] bytes) {
    synchronized (this) {
      queuedBytes.addAndGet(bytes.length);
      pushWriteStart(System.nanoTime());
      queue(Buffers.wrap(memory(), bytes), bytes.length);
      flushLocked();
    }
  }

  private void queue(Buffer frame, int bytes) {
    if (pending == null) {
      pending = new ArrayList<>(4);
    }
    pending.add(frame);
    pendingBytes += bytes;
    pendingFrames++;
  }

  /** Writes what a batch collected for this side. */
  void flush() {
    synchronized (this) {
      enlistedBy = null;
      flushLocked();
    }
  }

  private void flushLocked() {
    org.glassfish.grizzly.Connection<?> target = connection;
    if (pending == null || pending.isEmpty() || target == null) {
      return;
    }
    Buffer out;
    if (pending.size() == 1) {
      out = pending.get(0);
    } else if (!contiguousWrites) {
      out = BuffersBuffer.create(memory(), pending.toArray(new Buffer[0]), false);
    } else {
      byte[] joined = new byte[pendingBytes];
      int at = 0;
      for (Buffer part : pending) {
        int n = part.remaining();
        part.get(joined, at, n);
        at += n;
      }
      out = Buffers.wrap(memory(), joined);
    }
    WriteDone done = new WriteDone(this, pendingBytes, pendingFrames);
    pending.clear();
    pendingBytes = 0;
    pendingFrames = 0;
    try {
      write(target, out, done);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "write to " + side + " failed", e);
      done.failed(e);
    }
  }

  private MemoryManager<?> memory() {
    org.glassfish.grizzly.Connection<?> target = connection;
    return target != null ? target.getMemoryManager() : MemoryManager.DEFAULT_MEMORY_MANAGER;
  }

  private Buffer encode(int opcode, ByteBuffer payload) {
    int length = payload.remaining();
    if (length < COPY_BELOW || masksWrites || contiguousWrites) {
      // Masked frames are copied as they are masked: the payload may be shared with the engine.
      return Buffers.wrap(memory(), FrameCodec.encode(opcode, payload, masksWrites));
    }
    // Large unmasked payloads are not copied: the header goes in front as a buffer of its own.
    MemoryManager<?> memory = memory();
    ByteBuffer header = FrameCodec.header(opcode, length, false);
    return BuffersBuffer.create(memory, new Buffer[] {Buffers.wrap(memory, header), Buffers.wrap(memory, payload)}, false);
  }

  /** Called under this object's lock. */
  private void pushWriteStart(long nanos) {
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

  void writeFinished(int bytes, int frames) {
    synchronized (this) {
      int n = Math.min(frames, pendingStarts);
      oldestStart = (oldestStart + n) & (writeStarts.length - 1);
      pendingStarts -= n;
      if (pendingStarts == 0 && writeStarts.length > 4) {
        writeStarts = new long[4];
        oldestStart = 0;
      }
    }
    long left = queuedBytes.addAndGet(-bytes);
    if (left <= owner.maxInFlightBytes() / 2) {
      other().releaseHeldRead(false);
    }
  }

  private void armSendTimer() {
    if (sendTimerArmed.compareAndSet(false, true)) {
      owner.runtime().schedule(owner.sendTimeoutNanos(), this::checkSendTimeout);
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
    long timeout = owner.sendTimeoutNanos();
    long waited = System.nanoTime() - oldest;
    if (waited >= timeout) {
      if (timedOut.compareAndSet(false, true)) {
        LOG.fine(() -> "write to " + side + " of " + owner.id() + " pending for "
            + TimeUnit.NANOSECONDS.toMillis(waited) + " ms");
        owner.runtime().events().execute(() -> call(() -> engine().sendTimedOut(side)));
      }
    } else if (sendTimerArmed.compareAndSet(false, true)) {
      owner.runtime().schedule(timeout - waited, this::checkSendTimeout);
    }
  }

  /**
   * Closes this side's connection after what is queued for it (the engine's {@code
   * Transport.disconnect}). Grizzly closes gracefully, after every queued write: fine for a peer that
   * reads, but one that does not would keep its socket and the queued bytes forever. So a side whose
   * writes timed out is cut off at once, and any other side still open one send timeout later is
   * cut off then.
   */
  void disconnect() {
    org.glassfish.grizzly.Connection<?> target;
    synchronized (this) {
      if (!disconnected.compareAndSet(false, true)) {
        return;
      }
      flushLocked();
      target = connection;
    }
    releaseHeldRead(true);
    if (target == null) {
      return;
    }
    if (timedOut.get()) {
      target.terminateSilently();
      return;
    }
    target.closeSilently();
    owner.runtime().schedule(owner.sendTimeoutNanos(), () -> {
      if (target.isOpen()) {
        target.terminateSilently();
      }
    });
  }

  // ------------------------------------------------------------------------------------ back-pressure

  /** After a read: holds the connection's next read while the other side's queue is over the bound. */
  private boolean holdIfBacklogged(FilterChainContext ctx) {
    Peer receiver = other();
    if (receiver.queuedBytes.get() <= owner.maxInFlightBytes()) {
      return false;
    }
    synchronized (pauseLock) {
      if (released || receiver.queuedBytes.get() <= owner.maxInFlightBytes() / 2) {
        return false;
      }
      ctx.suspend();
      heldRead = ctx;
      return true;
    }
  }

  /**
   * Lets a held read go on: the other side's queue drained, or this side is gone.
   *
   * @param forever {@code true} when this side is done: no read is held again
   */
  void releaseHeldRead(boolean forever) {
    FilterChainContext held;
    synchronized (pauseLock) {
      if (forever) {
        released = true;
      }
      held = heldRead;
      heldRead = null;
    }
    if (held != null) {
      // The bytes of the held read were handled already: completing it turns reading back on.
      held.resume(held.getStopAction());
    }
  }

  /** Grizzly's write, whose generic signature wants the connection's address type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void write(org.glassfish.grizzly.Connection<?> target, Buffer bytes, CompletionHandler<WriteResult> done) {
    ((org.glassfish.grizzly.Connection) target).write(bytes, (CompletionHandler) done);
  }

  /** A completion handler per write: its bytes leave the in-flight count whatever the outcome. */
  private static final class WriteDone implements CompletionHandler<WriteResult> {
    private final Peer peer;
    private final int bytes;
    private final int frames;
    private final AtomicBoolean done = new AtomicBoolean();

    WriteDone(Peer peer, int bytes, int frames) {
      this.peer = peer;
      this.bytes = bytes;
      this.frames = frames;
    }

    private void finish() {
      if (done.compareAndSet(false, true)) {
        peer.writeFinished(bytes, frames);
      }
    }

    @Override
    public void cancelled() {
      finish();
    }

    @Override
    public void failed(Throwable throwable) {
      LOG.log(Level.FINE, "write to " + peer.side + " failed", throwable);
      finish();
    }

    @Override
    public void completed(WriteResult result) {
      finish();
    }

    @Override
    public void updated(WriteResult result) {}
  }
}
