package dev.framegate.api;

/**
 * The four phases a plugin can act in (rule P1).
 *
 * @since 1.0
 */
public enum Phase {
  /** Once per connection, before the upgrade completes. Kong: {@code ws_handshake}. */
  HANDSHAKE("onHandshake"),
  /** Each message from the client. Kong: {@code ws_client_frame}. */
  CLIENT_FRAME("onClientFrame"),
  /** Each message from the upstream. Kong: {@code ws_upstream_frame}. */
  UPSTREAM_FRAME("onUpstreamFrame"),
  /** Once, after the connection ended. Kong: {@code ws_close}. */
  CLOSE("onClose");

  private final String methodName;

  Phase(String methodName) {
    this.methodName = methodName;
  }

  /**
   * The {@link FramePlugin} method that runs in this phase, for error messages.
   *
   * @return the method name, such as {@code "onClientFrame"}
   * @since 1.0
   */
  public String methodName() {
    return methodName;
  }
}
