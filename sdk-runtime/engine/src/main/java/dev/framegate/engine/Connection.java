package dev.framegate.engine;

import dev.framegate.api.HandshakeRequest;
import java.nio.ByteBuffer;

/**
 * One proxied connection, as a transport drives it. Calls for one side must be serialized (one at a
 * time, in arrival order); the two sides may call concurrently (rule P3). {@link #start}, {@link
 * #frame}, {@link #gone} and {@link #sendTimedOut} for the client side belong to the client's
 * sequence; {@link #upstreamConnected}, {@link #upstreamFailed} and the upstream's frames to the
 * upstream's. {@link #shutdown} may be called from any thread at any time.
 *
 * <p>Plugins run on the calling thread, so a call returns once the frame is handled. A call made
 * from inside a {@link Transport} method on the same thread (a synchronous test transport) is
 * accepted: a frame of a side whose previous frame is still being handled is queued and handled
 * right after it.
 */
public interface Connection {

  /**
   * A short identifier, unique within the engine.
   *
   * @return the connection id
   */
  String id();

  /**
   * Starts the connection with the client's upgrade request, with the listener implied by its
   * {@code Host} header ({@link ListenerInfo#impliedBy}). See {@link #start(HandshakeRequest,
   * ListenerInfo)}.
   *
   * @param request the client's upgrade request
   */
  void start(HandshakeRequest request);

  /**
   * Starts the connection with the client's upgrade request: runs the handshake phase, then asks
   * the transport to reject the client or to connect upstream. The request should already have
   * passed {@link UpgradeValidator} (rule H1).
   *
   * @param request the client's upgrade request
   * @param listener where the client connected, for the {@code X-Forwarded-*} headers (rule H3)
   */
  void start(HandshakeRequest request, ListenerInfo listener);

  /**
   * The upstream accepted the upgrade. The engine then accepts the client.
   *
   * @param subprotocol the subprotocol the upstream chose, or {@code null}
   */
  void upstreamConnected(String subprotocol);

  /**
   * The upstream could not be connected. The engine rejects the client with the given status.
   *
   * @param httpStatus 502 when unreachable, 504 on time-out, or the upstream's own non-101 status
   * @param detail what went wrong, for the body and the logs
   */
  void upstreamFailed(int httpStatus, String detail);

  /**
   * One raw frame arrived from a side, already unmasked, with the mask bit RFC 6455 requires of that
   * side (transports that see the wire call the overload with the real bit).
   *
   * @param from the side that sent it
   * @param fin the FIN bit
   * @param rsv the three RSV bits as an int (0 when no extension is negotiated)
   * @param opcode the RFC 6455 opcode, including 0 for continuation and reserved values
   * @param payload the unmasked payload; the engine may keep it, the transport must not reuse it
   */
  default void frame(Side from, boolean fin, int rsv, int opcode, ByteBuffer payload) {
    frame(from, fin, rsv, opcode, from == Side.CLIENT, payload);
  }

  /**
   * One raw frame arrived from a side, with the mask bit it had on the wire. RFC 6455 section 5.1:
   * a client masks every frame and a server masks none; a frame that breaks this is a protocol
   * error, and the engine closes its sender with 1002.
   *
   * @param from the side that sent it
   * @param fin the FIN bit
   * @param rsv the three RSV bits as an int (0 when no extension is negotiated)
   * @param opcode the RFC 6455 opcode, including 0 for continuation and reserved values
   * @param masked whether the frame carried a masking key
   * @param payload the unmasked payload; the engine may keep it, the transport must not reuse it
   */
  void frame(Side from, boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload);

  /**
   * A side's network connection ended without a close handshake (rule C2), or after it.
   *
   * @param side the side that is gone
   */
  void gone(Side side);

  /**
   * A write to a side stayed pending longer than {@link EngineSettings#sendTimeout()}: the side is
   * disconnected, the other side gets close 1001, and the connection ends with cause {@code
   * TIMEOUT}.
   *
   * @param side the side whose write is stuck
   */
  void sendTimedOut(Side side);

  /** The runtime is shutting down: close both sides with 1001 (rule C6). */
  void shutdown();

  /**
   * Whether the connection has ended and its close phase has run.
   *
   * @return {@code true} once finished
   */
  boolean isFinished();
}
