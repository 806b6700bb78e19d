package dev.framegate.engine;

import dev.framegate.api.HandshakeRequest;
import java.nio.ByteBuffer;

/**
 * One proxied connection, as a transport drives it. Calls for one side must be serialized (one at a
 * time, in arrival order); the two sides may call concurrently (SPEC P3). {@link #start}, {@link
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
   * passed {@link UpgradeValidator} (SPEC H1).
   *
   * @param request the client's upgrade request
   * @param listener where the client connected, for the {@code X-Forwarded-*} headers (SPEC H3)
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
   * A frame's header from a side is complete, and none of its payload has been buffered yet: the
   * engine admits the frame or refuses it before the transport holds one payload byte. Part of the
   * sender's sequence of calls, like {@link #frame}.
   *
   * <p>The engine applies, in this order, every rule that the header alone decides, with the answer
   * {@link #frame} would give to the whole frame (docs/engine-behaviour.md, "Frame headers"):
   *
   * <ol>
   *   <li>frames the engine would ignore: nothing from a side after its close frame, and only the
   *       sender's close frame once the other side is closed (a close frame of at most 125 bytes is
   *       admitted, so that the close handshake completes; anything else is refused silently);
   *   <li>a length with its top bit set (RFC 6455 section 5.2): 1002 to the sender, 1001 to the
   *       other side;
   *   <li>RSV bits, the mask bit, a reserved opcode, a fragmented control frame or one over 125
   *       bytes, a one-byte close payload, a continuation without a message, a new message inside a
   *       fragmented one: 1002, as {@link #frame} answers them;
   *   <li>a data frame that takes the direction's message (the bytes of the fragmented message
   *       already held plus this length) over the sender's current max payload: 1009 "Payload Too
   *       Large" to the sender and 1001 to the other side; then the fragment limit.
   * </ol>
   *
   * <p>When it returns {@code false} the frame is refused and the sender has been closed (or is
   * already closing): the transport buffers none of the frame's payload and from then on only looks
   * for the sender's close frame, which it hands to {@link #frame} so that the close handshake
   * completes. When it returns {@code true} the transport reads the payload and calls {@link
   * #frame}, which checks the rest (UTF-8, close codes, the rate limit). A transport that never
   * calls this method gets the same answers from {@link #frame}, only after buffering the payload.
   *
   * @param from the side that sent it
   * @param fin the FIN bit
   * @param rsv the three RSV bits as an int
   * @param opcode the RFC 6455 opcode, including 0 for continuation and reserved values
   * @param masked whether the frame carries a masking key
   * @param payloadLength the raw 64-bit payload length of the header, negative when its top bit is
   *     set
   * @return {@code true} to read the payload and call {@link #frame}; {@code false} when the frame
   *     is refused
   */
  boolean frameHeader(
      Side from, boolean fin, int rsv, int opcode, boolean masked, long payloadLength);

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
   * A side's network connection ended without a close handshake (SPEC C2), or after it.
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

  /** The runtime is shutting down: close both sides with 1001 (SPEC C6). */
  void shutdown();

  /**
   * Whether the connection has ended and its close phase has run.
   *
   * @return {@code true} once finished
   */
  boolean isFinished();
}
