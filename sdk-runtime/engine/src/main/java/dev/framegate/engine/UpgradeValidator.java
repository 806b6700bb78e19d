package dev.framegate.engine;

import dev.framegate.api.Headers;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a client's upgrade request before a transport starts a connection (rule H1). A transport
 * calls it first and, when it reports a problem, answers HTTP 400 with the reason as the body instead
 * of calling {@link Connection#start}.
 */
public final class UpgradeValidator {

  private UpgradeValidator() {}

  /**
   * Checks the method and the WebSocket headers of an upgrade request.
   *
   * @param method the HTTP method
   * @param headers the request headers
   * @return why the request is malformed, for a 400 body; empty when it is a valid upgrade
   */
  public static Optional<String> check(String method, Headers headers) {
    if (!"GET".equals(method)) {
      return Optional.of("a WebSocket upgrade must use GET, not " + method);
    }
    if (!hasToken(headers.all("upgrade"), "websocket")) {
      return Optional.of("the request must carry 'Upgrade: websocket'");
    }
    if (!hasToken(headers.all("connection"), "upgrade")) {
      return Optional.of("the request must carry 'Connection: Upgrade'");
    }
    List<String> keys = headers.all("sec-websocket-key");
    if (keys.isEmpty()) {
      return Optional.of("the request must carry a Sec-WebSocket-Key header");
    }
    if (keys.size() > 1 || keys.get(0).indexOf(',') >= 0) {
      return Optional.of("the request must carry exactly one Sec-WebSocket-Key header, it has several");
    }
    if (!isBase64Of16Bytes(keys.get(0).trim())) {
      return Optional.of("Sec-WebSocket-Key must be the base64 encoding of 16 bytes");
    }
    List<String> versions = headers.all("sec-websocket-version");
    if (versions.isEmpty()) {
      return Optional.of("the request must carry 'Sec-WebSocket-Version: 13'");
    }
    if (versions.size() > 1 || !"13".equals(versions.get(0).trim())) {
      return Optional.of(
          "unsupported Sec-WebSocket-Version '" + String.join(", ", versions) + "': only 13 is supported");
    }
    return Optional.empty();
  }

  /**
   * Checks an upgrade request whose headers are a map (names in any case).
   *
   * @param method the HTTP method
   * @param headers the request headers
   * @return why the request is malformed, for a 400 body; empty when it is a valid upgrade
   */
  public static Optional<String> check(String method, Map<String, List<String>> headers) {
    return check(method, HandshakeRequests.headers(headers));
  }

  private static boolean hasToken(List<String> values, String token) {
    for (String value : values) {
      for (String part : value.split(",")) {
        if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isBase64Of16Bytes(String key) {
    try {
      return Base64.getDecoder().decode(key).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
