package dev.framegate.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client's upgrade request, readable in every phase (rule P5).
 *
 * @since 1.0
 */
public interface HandshakeRequest {

  /**
   * The request path, without the query; for example {@code "/chat/room-1"}.
   *
   * @return the path
   * @since 1.0
   */
  String path();

  /**
   * The raw query string, without the leading {@code '?'}.
   *
   * @return the query, or an empty string
   * @since 1.0
   */
  String rawQuery();

  /**
   * The decoded query parameters.
   *
   * @return parameter names to their values, in order of appearance
   * @since 1.0
   */
  Map<String, List<String>> queryParameters();

  /**
   * The first value of one query parameter.
   *
   * @param name the parameter name
   * @return the decoded value, or empty if absent
   * @since 1.0
   */
  Optional<String> queryParameter(String name);

  /**
   * The request headers as the client sent them.
   *
   * @return the headers
   * @since 1.0
   */
  Headers headers();

  /**
   * The client's address as seen by the runtime.
   *
   * @return the remote address
   * @since 1.0
   */
  InetSocketAddress remoteAddress();

  /**
   * The subprotocols the client offered in {@code Sec-WebSocket-Protocol}, in order.
   *
   * @return the offered subprotocols, possibly empty
   * @since 1.0
   */
  List<String> offeredSubprotocols();

  /**
   * The subprotocol the upstream chose. Empty in the handshake phase (the upstream has not answered
   * yet) and when none was chosen.
   *
   * @return the chosen subprotocol
   * @since 1.0
   */
  Optional<String> selectedSubprotocol();
}
