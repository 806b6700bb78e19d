package dev.framegate.engine;

import dev.framegate.api.Headers;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a client's upgrade request before a transport starts a connection (rule H1, RFC 6455
 * section 4). A transport calls {@link #validate} first and, when it returns a rejection, answers
 * with the rejection's status, headers and reason (as the body) instead of calling {@link
 * Connection#start}:
 *
 * <ul>
 *   <li>400 for a request below HTTP/1.1 (RFC 6455 section 4.1) and for a malformed upgrade (not
 *       GET, no {@code Upgrade: websocket}, no {@code Connection: Upgrade}, no or several or a bad
 *       {@code Sec-WebSocket-Key}, no {@code Sec-WebSocket-Version});
 *   <li>426 Upgrade Required with {@code Sec-WebSocket-Version: 13} for any version other than 13
 *       (RFC 6455 section 4.2.2: the server lists the versions it supports).
 * </ul>
 */
public final class UpgradeValidator {

  /** The only WebSocket version spoken, RFC 6455's. */
  public static final String VERSION = "13";

  private UpgradeValidator() {}

  /**
   * Why an upgrade request is refused, and how to answer it.
   *
   * @param status the HTTP status: 400 or 426
   * @param headers the response headers the status requires ({@code Sec-WebSocket-Version: 13} with
   *     426), names as sent on the wire; unmodifiable
   * @param reason why, for the response body and the logs
   */
  public record Rejection(int status, Map<String, List<String>> headers, String reason) {
    /** Copies the headers. */
    public Rejection {
      headers = Map.copyOf(headers);
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Checks the HTTP version, the method and the WebSocket headers of an upgrade request.
   *
   * @param method the HTTP method
   * @param httpVersion the request line's protocol, such as {@code HTTP/1.1}
   * @param headers the request headers
   * @return the rejection to answer with; empty when the request is a valid RFC 6455 upgrade
   */
  public static Optional<Rejection> validate(String method, String httpVersion, Headers headers) {
    if (!atLeastHttp11(httpVersion)) {
      return Optional.of(badRequest("a WebSocket upgrade needs HTTP/1.1 or higher, not " + httpVersion));
    }
    if (!"GET".equals(method)) {
      return Optional.of(badRequest("a WebSocket upgrade must use GET, not " + method));
    }
    if (!hasToken(headers.all("upgrade"), "websocket")) {
      return Optional.of(badRequest("the request must carry 'Upgrade: websocket'"));
    }
    if (!hasToken(headers.all("connection"), "upgrade")) {
      return Optional.of(badRequest("the request must carry 'Connection: Upgrade'"));
    }
    List<String> keys = headers.all("sec-websocket-key");
    if (keys.isEmpty()) {
      return Optional.of(badRequest("the request must carry a Sec-WebSocket-Key header"));
    }
    if (keys.size() > 1 || keys.get(0).indexOf(',') >= 0) {
      return Optional.of(badRequest("the request must carry exactly one Sec-WebSocket-Key header, it has several"));
    }
    if (!isBase64Of16Bytes(keys.get(0).trim())) {
      return Optional.of(badRequest("Sec-WebSocket-Key must be the base64 encoding of 16 bytes"));
    }
    List<String> versions = headers.all("sec-websocket-version");
    if (versions.isEmpty()) {
      return Optional.of(badRequest("the request must carry 'Sec-WebSocket-Version: 13'"));
    }
    if (versions.size() > 1 || !VERSION.equals(versions.get(0).trim())) {
      return Optional.of(new Rejection(426, Map.of("Sec-WebSocket-Version", List.of(VERSION)),
          "unsupported Sec-WebSocket-Version '" + String.join(", ", versions) + "': only 13 is supported"));
    }
    return Optional.empty();
  }

  /**
   * Checks the method and the WebSocket headers of an HTTP/1.1 upgrade request.
   *
   * @param method the HTTP method
   * @param headers the request headers
   * @return why the request is refused, for the response body; empty when it is a valid upgrade.
   *     {@link #validate} also gives the status and headers to answer with.
   */
  public static Optional<String> check(String method, Headers headers) {
    return validate(method, "HTTP/1.1", headers).map(Rejection::reason);
  }

  /**
   * Checks an HTTP/1.1 upgrade request whose headers are a map (names in any case).
   *
   * @param method the HTTP method
   * @param headers the request headers
   * @return why the request is refused, for the response body; empty when it is a valid upgrade.
   *     {@link #validate} also gives the status and headers to answer with.
   */
  public static Optional<String> check(String method, Map<String, List<String>> headers) {
    return check(method, HandshakeRequests.headers(headers));
  }

  private static Rejection badRequest(String reason) {
    return new Rejection(400, Map.of(), reason);
  }

  /** {@code HTTP/major.minor} (or {@code major.minor}) at 1.1 or above; anything else is not. */
  private static boolean atLeastHttp11(String httpVersion) {
    if (httpVersion == null) {
      return false;
    }
    String version = httpVersion.trim();
    if (version.regionMatches(true, 0, "HTTP/", 0, 5)) {
      version = version.substring(5);
    }
    int dot = version.indexOf('.');
    try {
      int major = Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
      int minor = dot < 0 ? 0 : Integer.parseInt(version.substring(dot + 1));
      return major > 1 || (major == 1 && minor >= 1);
    } catch (NumberFormatException e) {
      return false;
    }
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
