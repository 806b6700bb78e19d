package dev.framegate.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What one side is sent when a plugin closes the connection: a close code and a reason, no code at
 * all, or the code and reason of the close frame being handled. A value type, so that a close reads
 * without positional {@code null}s:
 *
 * <pre>{@code
 * ws.client().close(CloseStatus.of(1008, "rate limited"), CloseStatus.of(1001));
 * }</pre>
 *
 * @since 1.1
 */
public final class CloseStatus {

  private static final int NO_CODE = -1;
  private static final int AS_RECEIVED = -2;
  private static final CloseStatus NONE = new CloseStatus(NO_CODE, "");
  private static final CloseStatus RECEIVED = new CloseStatus(AS_RECEIVED, "");

  private final int code;
  private final String reason;

  private CloseStatus(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  /**
   * A close frame with a code and no reason.
   *
   * @param code a code allowed on the wire (1000–1003, 1007–1014, 3000–4999)
   * @return the status
   * @throws IllegalArgumentException for a code RFC 6455 section 7.4 forbids on the wire
   * @since 1.1
   */
  public static CloseStatus of(int code) {
    return of(code, "");
  }

  /**
   * A close frame with a code and a reason.
   *
   * @param code a code allowed on the wire (1000–1003, 1007–1014, 3000–4999)
   * @param reason the reason, at most 123 bytes of UTF-8; empty for none
   * @return the status
   * @throws IllegalArgumentException for a code not allowed on the wire or a reason over 123 bytes
   * @since 1.1
   */
  public static CloseStatus of(int code, String reason) {
    Objects.requireNonNull(reason, "reason (use \"\" for none)");
    if (!CloseCodes.isSendable(code)) {
      throw new IllegalArgumentException(
          "close code " + code + " may not be sent in a close frame (RFC 6455 section 7.4): use"
              + " 1000-1003, 1007-1014 or 3000-4999");
    }
    int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > 123) {
      throw new IllegalArgumentException("a close reason is at most 123 bytes of UTF-8, got " + bytes);
    }
    return new CloseStatus(code, reason);
  }

  /**
   * A close frame without a code (and so without a reason).
   *
   * @return the status
   * @since 1.1
   */
  public static CloseStatus withoutCode() {
    return NONE;
  }

  /**
   * The code and reason of the close frame being handled, sent back to its sender; a close frame
   * without a code when the current frame is not a close frame (or in a timer task).
   *
   * @return the status
   * @since 1.1
   */
  public static CloseStatus asReceived() {
    return RECEIVED;
  }

  /**
   * The code, if this status has one of its own.
   *
   * @return the code; empty for {@link #withoutCode()} and {@link #asReceived()}
   * @since 1.1
   */
  public OptionalInt code() {
    return code < 0 ? OptionalInt.empty() : OptionalInt.of(code);
  }

  /**
   * The reason; empty when there is none.
   *
   * @return the reason
   * @since 1.1
   */
  public String reason() {
    return reason;
  }

  /**
   * Whether this is {@link #asReceived()}.
   *
   * @return {@code true} for the status that echoes the current close frame
   * @since 1.1
   */
  public boolean isAsReceived() {
    return code == AS_RECEIVED;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CloseStatus that && code == that.code && reason.equals(that.reason);
  }

  @Override
  public int hashCode() {
    return 31 * code + reason.hashCode();
  }

  @Override
  public String toString() {
    return code == NO_CODE ? "CloseStatus[no code]"
        : code == AS_RECEIVED ? "CloseStatus[as received]"
        : "CloseStatus[" + code + (reason.isEmpty() ? "" : " '" + reason + "'") + "]";
  }
}
