package dev.framegate.api;

import java.util.Map;

/**
 * What a handshake-phase plugin can do to the client's reply (rule P6). Kong: {@code kong.response}.
 *
 * @since 1.0
 */
public interface HandshakeResponse {

  /**
   * Rejects the connection with an HTTP status and a plain-text body. The upstream is never
   * contacted and later plugins' handshake phases do not run. Kong: {@code kong.response.exit}.
   *
   * @param status an HTTP status from 400 to 599
   * @param body the response body, or {@code null} for none
   * @throws IllegalArgumentException for a status outside 400–599
   * @since 1.0
   */
  void reject(int status, String body);

  /**
   * Rejects the connection with an HTTP status, a body and extra response headers.
   *
   * @param status an HTTP status from 400 to 599
   * @param body the response body, or {@code null} for none
   * @param headers extra headers, such as {@code WWW-Authenticate}
   * @throws IllegalArgumentException for a status outside 400–599 or a WebSocket-handshake header
   * @since 1.0
   */
  void reject(int status, String body, Map<String, String> headers);

  /**
   * Adds a header to the client's 101 reply (or to the rejection, if one follows).
   *
   * @param name the header name; WebSocket-handshake headers are refused
   * @param value the value
   * @throws IllegalArgumentException for a hop-by-hop or WebSocket-handshake header
   * @since 1.0
   */
  void addHeader(String name, String value);
}
