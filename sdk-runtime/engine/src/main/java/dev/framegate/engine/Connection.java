package dev.framegate.engine;

import dev.framegate.api.HandshakeRequest;
import java.nio.ByteBuffer;

/**
 * One proxied connection, as a transport drives it. Calls for one side must be serialized (one at a
 * time, in arrival order); the two sides may call concurrently (SPEC P3).
 */
public interface Connection {

  /**
   * A short identifier, unique within the engine.
   *
   * @return the connection id
   */
  String id();

  /**
   * Starts the connection with the client's upgrade request: runs the handshake phase, then asks
   * the transport to reject the client or to connect upstream.
   *
   * @param request the client's upgrade request
   */
  void start(HandshakeRequest request);

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
   * One raw frame arrived from a side, already unmasked.
   *
   * @param from the side that sent it
   * @param fin the FIN bit
   * @param rsv the three RSV bits as an int (0 when no extension is negotiated)
   * @param opcode the RFC 6455 opcode, including 0 for continuation and reserved values
   * @param payload the unmasked payload; the engine may keep it, the transport must not reuse it
   */
  void frame(Side from, boolean fin, int rsv, int opcode, ByteBuffer payload);

  /**
   * A side's network connection ended without a close handshake (SPEC C2), or after it.
   *
   * @param side the side that is gone
   */
  void gone(Side side);

  /** The runtime is shutting down: close both sides with 1001 (SPEC C6). */
  void shutdown();

  /**
   * Whether the connection has ended and its close phase has run.
   *
   * @return {@code true} once finished
   */
  boolean isFinished();
}
