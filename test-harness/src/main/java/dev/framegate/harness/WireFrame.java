package dev.framegate.harness;

import dev.framegate.api.FrameType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One WebSocket frame as a simulated side sent or received it: FIN bit, RSV bits, opcode and the
 * unmasked payload. For close frames the payload is the wire payload (two status bytes, then the
 * reason), and {@link #closeCode()} / {@link #closeReason()} decode it.
 */
public final class WireFrame {

  private static final int PREVIEW_CHARS = 48;

  private final boolean fin;
  private final int rsv;
  private final int opcode;
  private final byte[] payload;

  /**
   * Creates a frame.
   *
   * @param fin the FIN bit
   * @param rsv the three RSV bits as an int, 0 to 7
   * @param opcode the RFC 6455 opcode, 0 to 15
   * @param payload the payload; copied
   */
  public WireFrame(boolean fin, int rsv, int opcode, byte[] payload) {
    if (rsv < 0 || rsv > 7) {
      throw new IllegalArgumentException("rsv must be between 0 and 7, was " + rsv);
    }
    if (opcode < 0 || opcode > 15) {
      throw new IllegalArgumentException("opcode must be between 0 and 15, was " + opcode);
    }
    this.fin = fin;
    this.rsv = rsv;
    this.opcode = opcode;
    this.payload = Objects.requireNonNull(payload, "payload").clone();
  }

  /**
   * A whole, unfragmented message or control frame.
   *
   * @param type the frame type
   * @param payload the payload; copied
   * @return the frame
   */
  public static WireFrame of(FrameType type, byte[] payload) {
    return new WireFrame(true, 0, type.opcode(), payload);
  }

  /**
   * A close frame with a status code and a reason.
   *
   * @param code the close code
   * @param reason the reason, possibly empty
   * @return the frame
   */
  public static WireFrame close(int code, String reason) {
    return of(FrameType.CLOSE, closePayload(code, reason));
  }

  /**
   * The wire payload of a close frame: two status bytes, then the UTF-8 reason.
   *
   * @param code the close code
   * @param reason the reason, possibly empty
   * @return the payload
   */
  public static byte[] closePayload(int code, String reason) {
    byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(2 + text.length);
    buffer.putShort((short) code).put(text);
    return buffer.array();
  }

  /**
   * The FIN bit.
   *
   * @return {@code true} for the last frame of a message
   */
  public boolean fin() {
    return fin;
  }

  /**
   * The RSV bits.
   *
   * @return 0 to 7
   */
  public int rsv() {
    return rsv;
  }

  /**
   * The opcode.
   *
   * @return 0 to 15
   */
  public int opcode() {
    return opcode;
  }

  /**
   * The frame type, or {@code null} for continuation frames and reserved opcodes.
   *
   * @return the type or {@code null}
   */
  public FrameType type() {
    for (FrameType type : FrameType.values()) {
      if (type.opcode() == opcode) {
        return type;
      }
    }
    return null;
  }

  /**
   * A copy of the payload.
   *
   * @return the payload bytes
   */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * The payload length in bytes.
   *
   * @return the length
   */
  public int length() {
    return payload.length;
  }

  /**
   * The payload decoded as UTF-8 (for close frames: the reason).
   *
   * @return the text
   */
  public String text() {
    if (opcode == FrameType.CLOSE.opcode()) {
      return closeReason();
    }
    return new String(payload, StandardCharsets.UTF_8);
  }

  /**
   * The status code of a close frame.
   *
   * @return the code; empty for other frames and for a close frame without a code
   */
  public OptionalInt closeCode() {
    if (opcode != FrameType.CLOSE.opcode() || payload.length < 2) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(((payload[0] & 0xff) << 8) | (payload[1] & 0xff));
  }

  /**
   * The reason of a close frame.
   *
   * @return the reason; empty for other frames and for a close frame without one
   */
  public String closeReason() {
    if (opcode != FrameType.CLOSE.opcode() || payload.length <= 2) {
      return "";
    }
    return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
  }

  /**
   * A one-line description for transcripts and failure messages: type, flags, length, close code,
   * and a payload preview.
   *
   * @return the description
   */
  public String describe() {
    FrameType type = type();
    StringBuilder out = new StringBuilder();
    out.append(type == null ? (opcode == 0 ? "CONTINUATION" : "OPCODE-0x" + Integer.toHexString(opcode)) : type.name());
    if (!fin) {
      out.append(" fin=0");
    }
    if (rsv != 0) {
      out.append(" rsv=").append(rsv);
    }
    if (type == FrameType.CLOSE) {
      OptionalInt code = closeCode();
      out.append(code.isPresent() ? " " + code.getAsInt() : payload.length == 1 ? " (1-byte payload)" : " (no code)");
      if (!closeReason().isEmpty()) {
        out.append(' ').append(quote(closeReason()));
      }
      return out.toString();
    }
    out.append(" len=").append(payload.length);
    if (payload.length > 0) {
      out.append(' ').append(type == FrameType.BINARY ? hex() : quote(new String(payload, StandardCharsets.UTF_8)));
    }
    return out.toString();
  }

  /**
   * A one-line description of a frame header alone, for transcripts: type, flags and the announced
   * length (unsigned, as on the wire).
   *
   * @param fin the FIN bit
   * @param rsv the RSV bits
   * @param opcode the opcode
   * @param payloadLength the raw 64-bit length; negative when its top bit is set
   * @return the description
   */
  public static String describeHeader(boolean fin, int rsv, int opcode, long payloadLength) {
    FrameType type = null;
    for (FrameType t : FrameType.values()) {
      if (t.opcode() == opcode) {
        type = t;
      }
    }
    return (type == null ? (opcode == 0 ? "CONTINUATION" : "OPCODE-0x" + Integer.toHexString(opcode)) : type.name())
        + (fin ? "" : " fin=0") + (rsv != 0 ? " rsv=" + rsv : "")
        + " len=" + Long.toUnsignedString(payloadLength) + (payloadLength < 0 ? " (top bit set)" : "");
  }

  private String hex() {
    StringBuilder out = new StringBuilder("0x");
    for (int i = 0; i < Math.min(payload.length, 16); i++) {
      out.append(String.format("%02x", payload[i]));
    }
    return payload.length > 16 ? out + "…" : out.toString();
  }

  private static String quote(String text) {
    String shown = text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "…" : text;
    StringBuilder out = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0xfffd) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WireFrame that
        && fin == that.fin
        && rsv == that.rsv
        && opcode == that.opcode
        && Arrays.equals(payload, that.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fin, rsv, opcode, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return describe();
  }
}
