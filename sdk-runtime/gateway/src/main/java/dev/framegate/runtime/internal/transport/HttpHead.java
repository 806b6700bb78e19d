package dev.framegate.runtime.internal.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 head (a request's or a response's start line and header fields), and the reader that
 * collects it from a connection's bytes. A WebSocket upgrade is a single head on each side; the
 * bytes after it are frames. Only what an upgrade needs is parsed: no body, no chunked coding, no
 * second request. Header names keep their case as received; {@link #values} looks them up in any
 * case.
 *
 * @param startLine the three parts of the start line: method, target and version of a request, or
 *     version, status and reason of a response (the reason may be empty)
 * @param headers the header fields in arrival order, repeated names gathered
 */
record HttpHead(String[] startLine, Map<String, List<String>> headers) {

  /** A head that is not HTTP/1.x or is malformed: the reason is for a 400 body or a log line. */
  static final class MalformedHeadException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedHeadException(String reason) {
      super(reason, null, false, false);
    }
  }

  /** All values of a header, whatever the case of its name; empty when absent. */
  List<String> values(String name) {
    List<String> found = null;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        if (found == null) {
          found = header.getValue();
        } else {
          found = new ArrayList<>(found);
          found.addAll(header.getValue());
        }
      }
    }
    return found == null ? List.of() : found;
  }

  /** The first value of a header, or {@code null}. */
  String first(String name) {
    List<String> values = values(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** Whether a comma-separated header carries a token, in any case. */
  boolean hasToken(String name, String token) {
    for (String value : values(name)) {
      for (String part : value.split(",")) {
        if (part.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Parses a request head: {@code METHOD SP target SP HTTP/x.y}. */
  static HttpHead request(byte[] head) throws MalformedHeadException {
    HttpHead parsed = parse(head);
    String[] line = parsed.startLine;
    if (line.length != 3 || line[0].isEmpty() || line[1].isEmpty() || !line[2].startsWith("HTTP/")) {
      throw new MalformedHeadException("the request line is not 'METHOD target HTTP/1.1'");
    }
    return parsed;
  }

  /** Parses a response head: {@code HTTP/x.y SP status [SP reason]}. */
  static HttpHead response(byte[] head) throws MalformedHeadException {
    HttpHead parsed = parse(head);
    String[] line = parsed.startLine;
    if (line.length < 2 || !line[0].startsWith("HTTP/1.") || line[1].length() != 3 || !isDigits(line[1])) {
      throw new MalformedHeadException("the status line is not 'HTTP/1.1 status reason'");
    }
    return parsed;
  }

  /** The status of a response head. */
  int status() {
    return Integer.parseInt(startLine[1]);
  }

  private static boolean isDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static HttpHead parse(byte[] head) throws MalformedHeadException {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
        lines.add(text.substring(start, end));
        start = i + 1;
      }
    }
    // The head ends with an empty line; leading empty lines before a request are tolerated (RFC 9112 2.2).
    int first = 0;
    while (first < lines.size() && lines.get(first).isEmpty()) {
      first++;
    }
    if (first >= lines.size()) {
      throw new MalformedHeadException("the head is empty");
    }
    String[] startLine = splitStartLine(lines.get(first));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = first + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        break;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new MalformedHeadException("folded header lines are not allowed");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedHeadException("a header line has no name: '" + printable(line) + "'");
      }
      String name = line.substring(0, colon);
      if (!isToken(name)) {
        throw new MalformedHeadException("a header name is not a token: '" + printable(name) + "'");
      }
      String value = line.substring(colon + 1).strip();
      if (!isFieldValue(value)) {
        throw new MalformedHeadException("the value of header '" + name + "' has a control character");
      }
      headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }
    return new HttpHead(startLine, headers);
  }

  private static String[] splitStartLine(String line) throws MalformedHeadException {
    String[] parts = line.split(" ", 3);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7F) {
        throw new MalformedHeadException("the start line has a control character");
      }
    }
    return parts;
  }

  private static boolean isToken(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isFieldValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return false;
      }
    }
    return true;
  }

  private static String printable(String text) {
    String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }

  @Override
  public String toString() {
    return String.join(" ", startLine) + " " + headers.keySet().toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Collects one head from a connection's bytes, which may arrive in pieces. Holds nothing once the
   * head is complete.
   */
  static final class Reader {
    private final int maxBytes;
    private byte[] collected;
    private int fill;

    /** @param maxBytes the largest head accepted, the final empty line included */
    Reader(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    /** A head larger than the reader accepts. */
    static final class TooLargeException extends Exception {
      private static final long serialVersionUID = 1L;

      TooLargeException(int maxBytes) {
        super("the head is larger than " + maxBytes + " bytes", null, false, false);
      }
    }

    /**
     * Takes bytes up to the end of the head.
     *
     * @param data the bytes that arrived; its position ends right after the head when it is
     *     complete (the rest are the connection's next bytes), at its limit otherwise
     * @return the whole head, or {@code null} when more bytes are needed
     * @throws TooLargeException when the head grows past the limit
     */
    byte[] read(ByteBuffer data) throws TooLargeException {
      int start = data.position();
      int end = data.limit();
      for (int i = start; i < end; i++) {
        if (data.get(i) == '\n' && endsHead(data, start, i)) {
          int length = i + 1 - start;
          if (fill + length > maxBytes) {
            throw new TooLargeException(maxBytes);
          }
          byte[] head = new byte[fill + length];
          if (fill > 0) {
            System.arraycopy(collected, 0, head, 0, fill);
          }
          data.get(head, fill, length);
          collected = null;
          fill = 0;
          return head;
        }
      }
      int length = end - start;
      if (fill + length > maxBytes) {
        throw new TooLargeException(maxBytes);
      }
      if (collected == null || collected.length < fill + length) {
        collected = Arrays.copyOf(collected == null ? new byte[0] : collected, Math.min(maxBytes, Math.max(256, 2 * (fill + length))));
      }
      data.get(collected, fill, length);
      fill += length;
      return null;
    }

    /** Whether the '\n' at {@code at} ends an empty line that follows at least one other line. */
    private boolean endsHead(ByteBuffer data, int start, int at) {
      // the byte before '\n' (possibly '\r'), then the '\n' before that
      int back = 1;
      if (byteBefore(data, start, at, back) == '\r') {
        back++;
      }
      int previous = byteBefore(data, start, at, back);
      return previous == '\n' && at - start + fill > back;
    }

    private int byteBefore(ByteBuffer data, int start, int at, int back) {
      int index = at - back;
      if (index >= start) {
        return data.get(index);
      }
      int collectedIndex = fill - (start - index);
      return collectedIndex >= 0 ? collected[collectedIndex] : -1;
    }

    /** The bytes collected so far, for a head that never completes. */
    int collectedBytes() {
      return fill;
    }
  }
}
