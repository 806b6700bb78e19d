package dev.framegate.runtime.internal.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The HTTP/1.1 heads the gateway writes: the upgrade request upstream, the 101 and the refusals to clients. */
final class HttpResponses {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private HttpResponses() {}

  /** The {@code Sec-WebSocket-Accept} value for a key (RFC 6455 4.2.2). */
  static String acceptKey(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }

  /** The client's 101: the engine's subprotocol and extra headers, no extension (rule H3). */
  static byte[] switchingProtocols(String clientKey, String subprotocol, Map<String, List<String>> headers) {
    StringBuilder head = new StringBuilder(160)
        .append("HTTP/1.1 101 Switching Protocols\r\n")
        .append("Upgrade: websocket\r\n")
        .append("Connection: Upgrade\r\n")
        .append("Sec-WebSocket-Accept: ").append(acceptKey(clientKey.trim())).append("\r\n");
    if (subprotocol != null && !subprotocol.isEmpty()) {
      head.append("Sec-WebSocket-Protocol: ").append(subprotocol).append("\r\n");
    }
    appendHeaders(head, headers);
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A complete response with a text body, after which the gateway closes the connection. */
  static byte[] status(int status, Map<String, List<String>> headers, String body) {
    byte[] content = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(160)
        .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    boolean typed = false;
    if (headers != null) {
      for (String name : headers.keySet()) {
        typed |= name.equalsIgnoreCase("content-type");
      }
    }
    if (!typed) {
      head.append("Content-Type: text/plain; charset=utf-8\r\n");
    }
    appendHeaders(head, headers);
    head.append("Content-Length: ").append(content.length).append("\r\n")
        .append("Connection: close\r\n\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[start.length + content.length];
    System.arraycopy(start, 0, all, 0, start.length);
    System.arraycopy(content, 0, all, start.length, content.length);
    return all;
  }

  private static void appendHeaders(StringBuilder head, Map<String, List<String>> headers) {
    if (headers == null) {
      return;
    }
    headers.forEach((name, values) -> {
      if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("connection")) {
        return; // the gateway frames the response itself
      }
      for (String value : values) {
        head.append(name).append(": ").append(value).append("\r\n");
      }
    });
  }

  /** The upgrade request to the upstream (RFC 6455 4.1); only headers the engine passes, no invented {@code Origin}. */
  static byte[] upgradeRequest(String target, String host, String key, List<String> subprotocols,
      Map<String, List<String>> headers) {
    StringBuilder head = new StringBuilder(256)
        .append("GET ").append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append("\r\n")
        .append("Upgrade: websocket\r\n")
        .append("Connection: Upgrade\r\n")
        .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
        .append("Sec-WebSocket-Version: 13\r\n");
    if (subprotocols != null && !subprotocols.isEmpty()) {
      head.append("Sec-WebSocket-Protocol: ").append(String.join(", ", subprotocols)).append("\r\n");
    }
    if (headers != null) {
      headers.forEach((name, values) -> {
        if (isOwnHeader(name)) {
          return;
        }
        for (String value : values) {
          head.append(name).append(": ").append(value).append("\r\n");
        }
      });
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean isOwnHeader(String name) {
    return name.equalsIgnoreCase("host") || name.equalsIgnoreCase("upgrade") || name.equalsIgnoreCase("connection")
        || name.equalsIgnoreCase("sec-websocket-key") || name.equalsIgnoreCase("sec-websocket-version")
        || name.equalsIgnoreCase("sec-websocket-protocol") || name.equalsIgnoreCase("sec-websocket-extensions")
        || name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding");
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 426 -> "Upgrade Required";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status >= 200 && status < 600 ? "Status " + status : "Unknown";
    };
  }
}
