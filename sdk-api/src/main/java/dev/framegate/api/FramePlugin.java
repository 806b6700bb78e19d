package dev.framegate.api;

/**
 * A WebSocket frame plugin: code that sees every message crossing the proxy and may read, rewrite,
 * drop or close on it.
 *
 * <p>The runtime creates one instance per configured plugin entry (per route) and shares it across
 * all connections of that route, so fields must be thread-safe; per-connection data goes in
 * {@link WsContext#pluginState()} (Kong's {@code kong.ctx.plugin}) or {@link WsContext#sharedState()}
 * ({@code kong.ctx.shared}). Every method has an empty default: override the phases you need.
 *
 * <p>A method that throws ends its connection with close code 1011 on both sides (rule C3), unless the
 * plugin's error policy says otherwise; other connections are untouched.
 *
 * @param <C> the configuration type declared by {@link FramegatePlugin#config()}
 * @since 1.0
 */
public interface FramePlugin<C> {

  /**
   * Handshake phase: runs once per connection, before the upstream is contacted and before the
   * client receives its 101 reply. The plugin may inspect {@link WsContext#request()}, reject the
   * connection with {@link HandshakeResponse#reject(int, String)}, add reply headers, change the
   * headers sent upstream, and set payload limits with {@link Peer#setMaxPayloadSize(int)}.
   *
   * @param ws the connection context
   * @param config this plugin entry's bound configuration
   * @throws Exception any failure; the connection is refused with HTTP 500
   * @since 1.0
   */
  default void onHandshake(WsContext ws, C config) throws Exception {}

  /**
   * Client-frame phase: runs for each whole message (and each control frame) the client sends, in
   * arrival order. Use {@code ws.client()} to get, rewrite, drop or close on it.
   *
   * @param ws the connection context
   * @param config this plugin entry's bound configuration
   * @throws Exception any failure; the connection is closed with 1011 on both sides
   * @since 1.0
   */
  default void onClientFrame(WsContext ws, C config) throws Exception {}

  /**
   * Upstream-frame phase: runs for each whole message (and each control frame) the upstream sends,
   * in arrival order. Use {@code ws.upstream()} to get, rewrite, drop or close on it.
   *
   * @param ws the connection context
   * @param config this plugin entry's bound configuration
   * @throws Exception any failure; the connection is closed with 1011 on both sides
   * @since 1.0
   */
  default void onUpstreamFrame(WsContext ws, C config) throws Exception {}

  /**
   * Close phase: runs once after the connection ended, whatever the cause (normal close, abort,
   * plugin close, error, shutdown, rejected handshake). {@link WsContext#closeInfo()} tells how it
   * ended. Nothing can be sent any more.
   *
   * @param ws the connection context
   * @param config this plugin entry's bound configuration
   * @throws Exception any failure; logged, the other plugins' close phases still run
   * @since 1.0
   */
  default void onClose(WsContext ws, C config) throws Exception {}
}
