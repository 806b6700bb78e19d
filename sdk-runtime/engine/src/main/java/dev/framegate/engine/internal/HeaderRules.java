package dev.framegate.engine.internal;

import dev.framegate.api.HandshakeRequest;
import dev.framegate.engine.ListenerInfo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which handshake headers cross the proxy (rule H3). */
public final class HeaderRules {

  /** Hop-by-hop headers (RFC 7230 section 6.1 and the classic proxy list). */
  static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  /** Headers of the WebSocket handshake itself, negotiated separately on each side. */
  static final Set<String> WEBSOCKET =
      Set.of(
          "sec-websocket-key",
          "sec-websocket-version",
          "sec-websocket-extensions",
          "sec-websocket-accept",
          "sec-websocket-protocol");

  /**
   * Headers the upstream connection sets itself: {@code Host} names the upstream (the client's
   * value travels as {@code X-Forwarded-Host}), {@code Content-Length} describes no body.
   */
  static final Set<String> CONNECTION_OWN = Set.of("host", "content-length");

  private HeaderRules() {}

  /**
   * Whether a plugin may not set this header, with the reason, or {@code null} when it may.
   *
   * @param name the header name
   * @return why the header is refused, or {@code null}
   */
  static String refusal(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (HOP_BY_HOP.contains(lower)) {
      return "'" + name + "' is a hop-by-hop header, managed by each connection: it cannot be set";
    }
    if (WEBSOCKET.contains(lower)) {
      return "'" + name + "' is a WebSocket handshake header, negotiated by the runtime: it cannot be set";
    }
    return null;
  }

  /**
   * Checks a header name and value given by a plugin.
   *
   * @param name the name
   * @param value the value
   * @return the lower-cased name
   */
  static String checkSettable(String name, String value) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a header name must not be empty");
    }
    if (value == null) {
      throw new IllegalArgumentException("header '" + name + "' needs a value (use removeHeader to drop it)");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7F || c == ':') {
        throw new IllegalArgumentException("'" + name + "' is not a valid header name");
      }
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("the value of header '" + name + "' must not contain line breaks");
    }
    String refusal = refusal(name);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * The headers to send upstream: the client's, without hop-by-hop, WebSocket-handshake and
   * connection-own headers (and those the client's {@code Connection} header names), plus {@code
   * X-Forwarded-For} (appended), {@code -Proto}, {@code -Host} and {@code -Port} (replaced).
   *
   * @param request the client's request
   * @param listener where the client connected
   * @return a mutable map with lower-case names
   */
  static Map<String, List<String>> upstreamHeaders(HandshakeRequest request, ListenerInfo listener) {
    Set<String> namedByConnection = new java.util.HashSet<>();
    for (String value : request.headers().all("connection")) {
      for (String token : value.split(",")) {
        namedByConnection.add(token.trim().toLowerCase(Locale.ROOT));
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : request.headers().names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (HOP_BY_HOP.contains(lower)
          || WEBSOCKET.contains(lower)
          || CONNECTION_OWN.contains(lower)
          || namedByConnection.contains(lower)) {
        continue;
      }
      headers.put(lower, new ArrayList<>(request.headers().all(name)));
    }
    String clientIp = clientIp(request.remoteAddress());
    List<String> forwardedFor = headers.remove("x-forwarded-for");
    String chain =
        forwardedFor == null || forwardedFor.isEmpty()
            ? clientIp
            : String.join(", ", forwardedFor) + ", " + clientIp;
    headers.put("x-forwarded-for", new ArrayList<>(List.of(chain)));
    headers.put("x-forwarded-proto", new ArrayList<>(List.of(listener.secure() ? "https" : "http")));
    headers.put("x-forwarded-host", new ArrayList<>(List.of(forwardedHost(request, listener))));
    headers.put("x-forwarded-port", new ArrayList<>(List.of(Integer.toString(listener.port()))));
    return headers;
  }

  private static String clientIp(InetSocketAddress remote) {
    if (remote.getAddress() != null) {
      return remote.getAddress().getHostAddress();
    }
    return remote.getHostString();
  }

  private static String forwardedHost(HandshakeRequest request, ListenerInfo listener) {
    String host = request.headers().first("host").map(String::trim).orElse("");
    if (host.isEmpty()) {
      return listener.host();
    }
    int colon = host.lastIndexOf(':');
    int bracket = host.lastIndexOf(']');
    return colon > bracket ? host.substring(0, colon) : host;
  }
}
