package dev.framegate.api;

/**
 * The type of a message as plugins see it. Continuation frames never reach plugins: fragmented
 * messages are reassembled first (rule A1).
 *
 * @since 1.0
 */
public enum FrameType {
  /** A UTF-8 text message (opcode 0x1). */
  TEXT(0x1),
  /** A binary message (opcode 0x2). */
  BINARY(0x2),
  /** A close frame (opcode 0x8). */
  CLOSE(0x8),
  /** A ping (opcode 0x9). */
  PING(0x9),
  /** A pong (opcode 0xA). */
  PONG(0xA);

  private final int opcode;

  FrameType(int opcode) {
    this.opcode = opcode;
  }

  /**
   * The RFC 6455 opcode of this type.
   *
   * @return the opcode
   * @since 1.0
   */
  public int opcode() {
    return opcode;
  }

  /**
   * Whether this is a control frame (close, ping, pong), whose payload is at most 125 bytes.
   *
   * @return {@code true} for close, ping and pong
   * @since 1.0
   */
  public boolean isControl() {
    return opcode >= 0x8;
  }

  /**
   * The name Kong's {@code get_frame()} returns for this type: {@code "text"}, {@code "binary"},
   * {@code "close"}, {@code "ping"} or {@code "pong"}.
   *
   * @return the lower-case name
   * @since 1.0
   */
  public String kongName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
