package dev.framegate.api;

/**
 * WebSocket close codes of RFC 6455 section 7.4 and the check of which ones may be sent.
 *
 * @since 1.0
 */
public final class CloseCodes {

  /** 1000: normal closure. */
  public static final int NORMAL = 1000;
  /** 1001: going away (server shutdown, peer gone). */
  public static final int GOING_AWAY = 1001;
  /** 1002: protocol error. */
  public static final int PROTOCOL_ERROR = 1002;
  /** 1003: unsupported data. */
  public static final int UNSUPPORTED_DATA = 1003;
  /** 1005: no status received; never sent on the wire. */
  public static final int NO_STATUS = 1005;
  /** 1006: abnormal closure; never sent on the wire. */
  public static final int ABNORMAL = 1006;
  /** 1007: invalid payload data, such as bad UTF-8. */
  public static final int INVALID_PAYLOAD = 1007;
  /** 1008: policy violation. */
  public static final int POLICY_VIOLATION = 1008;
  /** 1009: message too big. */
  public static final int MESSAGE_TOO_BIG = 1009;
  /** 1010: mandatory extension missing. */
  public static final int MANDATORY_EXTENSION = 1010;
  /** 1011: internal error. */
  public static final int INTERNAL_ERROR = 1011;
  /** 1015: TLS handshake failure; never sent on the wire. */
  public static final int TLS_HANDSHAKE = 1015;

  private CloseCodes() {}

  /**
   * Whether a code may appear in a close frame on the wire: 1000–1003, 1007–1014 and 3000–4999.
   *
   * @param code the close code
   * @return {@code true} if RFC 6455 allows sending it
   * @since 1.0
   */
  public static boolean isSendable(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }
}
