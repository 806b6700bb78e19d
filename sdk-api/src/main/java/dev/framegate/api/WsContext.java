package dev.framegate.api;

import java.util.Map;

/**
 * Everything a plugin can see and do on one connection, in every phase: the Java counterpart of
 * Kong's {@code kong.websocket}, {@code kong.request}, {@code kong.response} and {@code kong.ctx}.
 *
 * <p>A context belongs to one connection and one plugin entry; it must not be kept beyond the phase
 * call it was passed to, nor used from another thread.
 *
 * @since 1.0
 */
public interface WsContext {

  /**
   * The phase being run.
   *
   * @return the current phase
   * @since 1.0
   */
  Phase phase();

  /**
   * A short identifier of the connection, unique within the runtime, as it appears in logs.
   *
   * @return the connection id
   * @since 1.0
   */
  String connectionId();

  /**
   * The client side: Kong's {@code kong.websocket.client}.
   *
   * @return the client operations
   * @since 1.0
   */
  Peer client();

  /**
   * The upstream side: Kong's {@code kong.websocket.upstream}.
   *
   * @return the upstream operations
   * @since 1.0
   */
  Peer upstream();

  /**
   * The client's handshake request, readable in every phase (rule P5). Kong: {@code kong.request}.
   *
   * @return the handshake request
   * @since 1.0
   */
  HandshakeRequest request();

  /**
   * The reply to the client's handshake: reject it, or add headers to the 101 (rule P6). Kong:
   * {@code kong.response}.
   *
   * @return the handshake response actions
   * @throws PdkMisuseException outside the handshake phase
   * @since 1.0
   */
  HandshakeResponse response();

  /**
   * The handshake request that will be sent upstream: change its headers. Kong: {@code
   * kong.service.request}.
   *
   * @return the upstream request actions
   * @throws PdkMisuseException outside the handshake phase
   * @since 1.0
   */
  UpstreamRequest upstreamRequest();

  /**
   * State private to this plugin entry on this connection, from handshake to close (rule P5). Kong:
   * {@code kong.ctx.plugin}.
   *
   * @return a mutable map, created on first use
   * @since 1.0
   */
  Map<String, Object> pluginState();

  /**
   * State shared by all plugins of this connection, from handshake to close (rule P5). Kong: {@code
   * kong.ctx.shared}.
   *
   * @return a mutable map, created on first use
   * @since 1.0
   */
  Map<String, Object> sharedState();

  /**
   * How the connection ended.
   *
   * @return the close summary
   * @throws PdkMisuseException outside the close phase
   * @since 1.0
   */
  CloseInfo closeInfo();

  /**
   * A logger whose lines carry the plugin name and the connection id. Kong: {@code kong.log}.
   *
   * @return the logger
   * @since 1.0
   */
  PluginLog log();
}
