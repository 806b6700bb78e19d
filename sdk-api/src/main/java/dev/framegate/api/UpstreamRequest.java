package dev.framegate.api;

/**
 * The upgrade request the runtime sends upstream, changeable in the handshake phase. Kong: {@code
 * kong.service.request}.
 *
 * @since 1.0
 */
public interface UpstreamRequest {

  /**
   * Sets a header, replacing any value forwarded from the client.
   *
   * @param name the header name; hop-by-hop and WebSocket-handshake headers are refused
   * @param value the value
   * @throws IllegalArgumentException for a hop-by-hop or WebSocket-handshake header
   * @since 1.0
   */
  void setHeader(String name, String value);

  /**
   * Removes a header that would otherwise be forwarded from the client.
   *
   * @param name the header name
   * @since 1.0
   */
  void removeHeader(String name);
}
