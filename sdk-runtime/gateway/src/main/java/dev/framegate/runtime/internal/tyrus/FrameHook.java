package dev.framegate.runtime.internal.tyrus;

import dev.framegate.engine.Side;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.tyrus.spi.ReadHandler;

/**
 * The frame-level hook on every Tyrus connection, client-facing and upstream: it takes the place of
 * Tyrus's read handler once the upgrade is done, decodes the bytes with {@link FrameDecoder} and
 * hands every raw frame to the connection. Tyrus's frame parser therefore never runs: Tyrus never
 * answers pings, never echoes close frames, never reassembles messages, and never rejects a frame
 * itself (fragmented or oversized control frames, bad close codes, invalid UTF-8): the engine sees
 * every frame and applies every rule. Tyrus still performs the upgrade and writes the bytes. Once a
 * connection is upgraded, {@link UpgradedClientReads} and {@link UpgradedUpstreamReads} hand its
 * bytes to {@link #read} directly, without Grizzly's HTTP filter or Tyrus's filters.
 */
final class FrameHook {

  private static final Logger LOG = Logger.getLogger(FrameHook.class.getName());

  /** Receives the raw frames of one side of one connection. */
  interface FrameSink {
    void onFrame(Side from, boolean fin, int rsv, int opcode, boolean masked, byte[] payload);

    void transportClosed(Side side);
  }

  private final Side side;
  private final FrameSink sink;
  private final FrameDecoder decoder;

  FrameHook(Side side, FrameSink sink) {
    this.side = side;
    this.sink = sink;
    this.decoder = new FrameDecoder(this::frame);
  }

  /** What Tyrus's container calls with the connection's bytes, one call at a time, in order. */
  ReadHandler readHandler() {
    return this::read;
  }

  /** Decodes bytes of this side; called with one connection's bytes at a time, in order. */
  void read(ByteBuffer data) {
    try {
      decoder.decode(data);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "bytes from " + side + " could not be decoded", e);
    }
  }

  /** Decodes the bytes of one Grizzly read, composite or not. */
  void read(Buffer buffer) {
    if (!buffer.hasRemaining()) {
      return;
    }
    if (!buffer.isComposite()) {
      read(buffer.toByteBuffer());
      return;
    }
    ByteBufferArray array = buffer.toByteBufferArray();
    ByteBuffer[] parts = array.getArray();
    for (int i = 0; i < array.size(); i++) {
      read(parts[i]);
    }
    array.recycle();
  }

  private void frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
    sink.onFrame(side, fin, rsv, opcode, masked, payload);
  }

  /** The Tyrus connection this hook serves has closed. */
  void transportClosed() {
    sink.transportClosed(side);
  }
}
