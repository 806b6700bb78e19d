package dev.framegate.engine.internal;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.FrameType;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.Phase;
import dev.framegate.engine.ConnectionTap;
import dev.framegate.engine.EngineObserver;
import dev.framegate.engine.Side;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * A connection's tap behind a guard: a tap that throws is logged once and not called again, so that
 * recording can never break the connection it records.
 */
final class SafeTap {

  private final String connectionId;
  private volatile ConnectionTap tap;

  private SafeTap(String connectionId, ConnectionTap tap) {
    this.connectionId = connectionId;
    this.tap = tap;
  }

  /** The observer's tap for a connection, or {@code null} when it has none. */
  static SafeTap of(EngineObserver observer, String connectionId, HandshakeRequest request) {
    ConnectionTap tap;
    try {
      tap = observer.tap(connectionId, request);
    } catch (RuntimeException e) {
      Reports.LOG.log(Level.WARNING, "[" + connectionId + "] engine observer failed to give a tap", e);
      return null;
    }
    return tap == null ? null : new SafeTap(connectionId, tap);
  }

  private interface Call {
    void on(ConnectionTap tap);
  }

  private void call(Call call) {
    ConnectionTap t = tap;
    if (t == null) {
      return;
    }
    try {
      call.on(t);
    } catch (RuntimeException e) {
      tap = null;
      Reports.LOG.log(Level.WARNING, "[" + connectionId + "] connection tap failed and is detached", e);
    }
  }

  void upstreamRequested(Map<String, List<String>> headers, List<String> subprotocols) {
    call(t -> t.upstreamRequested(headers, subprotocols));
  }

  void upstreamConnected(String subprotocol) {
    call(t -> t.upstreamConnected(subprotocol));
  }

  void upstreamFailed(int status, String detail) {
    call(t -> t.upstreamFailed(status, detail));
  }

  void clientAccepted(String subprotocol, Map<String, List<String>> headers) {
    call(t -> t.clientAccepted(subprotocol, headers));
  }

  void clientRejected(int status, Map<String, List<String>> headers, String body) {
    call(t -> t.clientRejected(status, headers, body));
  }

  void frameReceived(Side from, boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload) {
    call(t -> t.frameReceived(from, fin, rsv, opcode, masked, payload.duplicate()));
  }

  void frameRefused(Side from, boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
    call(t -> t.frameRefused(from, fin, rsv, opcode, masked, payloadLength));
  }

  void frameSent(Side to, FrameType type, ByteBuffer payload) {
    call(t -> t.frameSent(to, type, payload.duplicate()));
  }

  void gone(Side side) {
    call(t -> t.gone(side));
  }

  void shutdown() {
    call(ConnectionTap::shutdown);
  }

  void messageRewritten(Side from, FrameType type, String pluginName) {
    call(t -> t.messageRewritten(from, type, pluginName));
  }

  void messageDropped(Side from, FrameType type, String pluginName) {
    call(t -> t.messageDropped(from, type, pluginName));
  }

  void pluginClosed(Side from, String pluginName) {
    call(t -> t.pluginClosed(from, pluginName));
  }

  void pluginSent(String pluginName, Side to, FrameType type) {
    call(t -> t.pluginSent(pluginName, to, type));
  }

  void pluginFailed(String pluginName, Phase phase, Throwable error) {
    call(t -> t.pluginFailed(pluginName, phase, error));
  }

  void finished(CloseInfo info) {
    call(t -> t.finished(info));
  }
}
