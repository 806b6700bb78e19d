package dev.framegate.api;

/**
 * The phases a plugin acts in (rule P1): the four phase methods of {@link FramePlugin}, and (since
 * 1.1) the plugin's own timer tasks.
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
  CLOSE("onClose"),
  /**
   * A task the plugin scheduled with {@link WsContext#schedule} or {@link
   * WsContext#scheduleRepeating}. Kong: a timer callback ({@code ngx.timer.at}).
   *
   * @since 1.1
   */
  TIMER("a timer task");

  private final String methodName;

  Phase(String methodName) {
    this.methodName = methodName;
  }

  /**
   * The {@link FramePlugin} method that runs in this phase, for error messages; for {@link #TIMER},
   * {@code "a timer task"}.
   *
   * @return the method name, such as {@code "onClientFrame"}
   * @since 1.0
   */
  public String methodName() {
    return methodName;
  }
}
