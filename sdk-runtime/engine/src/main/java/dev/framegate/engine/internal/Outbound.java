package dev.framegate.engine.internal;

import dev.framegate.api.FrameType;
import dev.framegate.engine.Side;
import dev.framegate.engine.Transport;
import java.nio.ByteBuffer;

/**
 * What the engine writes to the two sides, and where each side's close handshake stands. Each side
 * has one small lock, held while its frames go to the transport (so that nothing follows a close
 * frame on the wire) and never while a plugin runs; the two directions, the timers and shutdown
 * share it.
 */
final class Outbound {

  private static final int NONE = FrameView.NO_STATUS;

  /** One side's state; fields written under the instance's lock. */
  private static final class SideState {
    volatile boolean closeSent;
    volatile boolean closeReceived;
    volatile boolean disconnected;
    int sentStatus = NONE;
  }

  private final ProxyConnection connection;
  private final Transport transport;
  private final SideState[] sides = {new SideState(), new SideState()};

  Outbound(ProxyConnection connection, Transport transport) {
    this.connection = connection;
    this.transport = transport;
  }

  /** Whether nothing more can be written to a side: it was sent a close frame, or is gone. */
  boolean closed(Side side) {
    SideState s = sides[side.ordinal()];
    return s.closeSent || s.disconnected;
  }

  /** Whether a side has sent its close frame or is gone: nothing it sends counts any more. */
  boolean doneSending(Side side) {
    SideState s = sides[side.ordinal()];
    return s.closeReceived || s.disconnected;
  }

  boolean disconnected(Side side) {
    return sides[side.ordinal()].disconnected;
  }

  /** Writes a message unless a close frame already went to the side; {@code false} if not written. */
  boolean write(Side to, FrameType type, ByteBuffer payload) {
    SideState o = sides[to.ordinal()];
    synchronized (o) {
      if (o.closeSent || o.disconnected) {
        return false;
      }
      connection.reports.tapFrameSent(to, type, payload);
      transport.send(to, type, payload);
      return true;
    }
  }

  boolean writeClose(Side to, int status, String reason) {
    return writeClose(to, status, FrameView.closePayload(status, reason));
  }

  /** Sends a side its close frame, once; completes its close handshake if it already sent one. */
  boolean writeClose(Side to, int status, ByteBuffer wirePayload) {
    SideState o = sides[to.ordinal()];
    boolean handshakeDone;
    synchronized (o) {
      if (o.closeSent || o.disconnected) {
        return false;
      }
      o.closeSent = true;
      o.sentStatus = status;
      connection.reports.tapFrameSent(to, FrameType.CLOSE, wirePayload);
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
      connection.timers.startLinger();
    }
    return true;
  }

  /** A side sent its close frame; completes its close handshake if it already got ours. */
  void closeReceived(Side from) {
    SideState o = sides[from.ordinal()];
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

  /** Asks the transport to disconnect a side, once. */
  void disconnect(Side side) {
    SideState o = sides[side.ordinal()];
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
  void markDisconnected(Side side) {
    SideState o = sides[side.ordinal()];
    synchronized (o) {
      if (o.disconnected) {
        return;
      }
      o.disconnected = true;
    }
    afterDisconnect(side);
  }

  private void afterDisconnect(Side side) {
    if (sides[side.other().ordinal()].disconnected) {
      connection.requestFinish();
    }
  }

  /** The code of the close frame sent to a side, or {@link FrameView#NO_STATUS}. */
  int statusSentTo(Side side) {
    SideState o = sides[side.ordinal()];
    synchronized (o) {
      return o.closeSent ? o.sentStatus : NONE;
    }
  }
}
