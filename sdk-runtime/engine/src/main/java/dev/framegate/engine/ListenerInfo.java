package dev.framegate.engine;

import dev.framegate.api.HandshakeRequest;
import java.util.Objects;

/**
 * Where the client connected: the facts behind the {@code X-Forwarded-Proto}, {@code
 * X-Forwarded-Host} and {@code X-Forwarded-Port} headers sent upstream (rule H3).
 *
 * @param secure whether the client connected with TLS (wss); {@code X-Forwarded-Proto} is then
 *     {@code https}, else {@code http}
 * @param host the host name the client addressed, used for {@code X-Forwarded-Host} when the request
 *     has no {@code Host} header
 * @param port the local port the client connected to, sent as {@code X-Forwarded-Port}
 */
public record ListenerInfo(boolean secure, String host, int port) {

  /** Checks the values. */
  public ListenerInfo {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
  }

  /**
   * The listener a request implies when the transport knows nothing better: no TLS, the host and
   * port of its {@code Host} header, port 80 when the header names none, {@code localhost} when there
   * is no header.
   *
   * @param request the client's upgrade request
   * @return the implied listener
   */
  public static ListenerInfo impliedBy(HandshakeRequest request) {
    String hostHeader = request.headers().first("host").orElse("localhost").trim();
    String host = hostHeader;
    int port = 80;
    int colon = hostHeader.lastIndexOf(':');
    int bracket = hostHeader.lastIndexOf(']');
    if (colon > bracket && colon >= 0) {
      host = hostHeader.substring(0, colon);
      try {
        port = Integer.parseInt(hostHeader.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = 80;
      }
      if (port < 0 || port > 65535) {
        port = 80;
      }
    }
    return new ListenerInfo(false, host, port);
  }
}
