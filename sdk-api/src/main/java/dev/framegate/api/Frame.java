package dev.framegate.api;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * The message being handled in a frame phase: Kong's {@code get_frame()} result (data, type,
 * status). A frame is only valid during the phase call that obtained it.
 *
 * <p>For a close frame the payload is the close <em>reason</em> (without the two status bytes) and
 * {@link #status()} is the close code, as in Kong.
 *
 * @since 1.0
 */
public interface Frame {

  /**
   * The message type; never continuation.
   *
   * @return the type
   * @since 1.0
   */
  FrameType type();

  /**
   * The payload length in bytes (for close frames: the reason's length).
   *
   * @return the length
   * @since 1.0
   */
  int length();

  /**
   * A read-only view of the payload, without copying it. The view's position is 0 and its limit the
   * payload length.
   *
   * @return a read-only buffer
   * @since 1.0
   */
  ByteBuffer payloadBuffer();

  /**
   * A copy of the payload.
   *
   * @return a new array holding the payload
   * @since 1.0
   */
  byte[] payload();

  /**
   * The payload decoded as UTF-8 (for close frames: the reason). Text payloads are validated UTF-8
   * before plugins see them; binary payloads are decoded with replacement characters.
   *
   * @return the payload as text
   * @since 1.0
   */
  String text();

  /**
   * The close status code of a close frame.
   *
   * @return the code; empty for other types and for a close frame that carried no code
   * @since 1.0
   */
  OptionalInt status();
}
