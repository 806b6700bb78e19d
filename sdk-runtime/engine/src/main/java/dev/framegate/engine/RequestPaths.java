package dev.framegate.engine;

/**
 * Normalises the path of a client's request target before a transport matches it to a route, so
 * that a route's plugins cannot be bypassed by spelling its path another way. A transport calls
 * {@link #normalize} first; the normalised path is the one routes are matched against, the one the
 * plugins see and the one sent upstream. A path it refuses gets HTTP 400 with the reason.
 *
 * <p>The rules, in order (RFC 3986 sections 6.2.2 and 5.2.4):
 *
 * <ol>
 *   <li>The path must start with {@code /}. A backslash, a NUL byte, a control character, an
 *       encoded slash ({@code %2F}), an encoded backslash ({@code %5C}), an encoded NUL ({@code
 *       %00}), a malformed percent-escape or a path parameter ({@code ;}) is refused: upstream
 *       servers read each of them differently, so none can be matched safely.
 *   <li>Percent-escapes of unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) are decoded, and the
 *       hex digits of the other escapes are upper-cased.
 *   <li>Runs of slashes become one slash.
 *   <li>Dot segments ({@code .} and {@code ..}) are removed. A {@code ..} that would climb above the
 *       root is refused rather than clamped, because no client has a reason to send one.
 * </ol>
 */
public final class RequestPaths {

  private RequestPaths() {}

  /**
   * Normalises a raw request path (the request target without its query).
   *
   * @param rawPath the path as it came on the request line, still percent-encoded
   * @return the normalised path, starting with {@code /}
   * @throws IllegalArgumentException when the path is refused; the message says why, for the 400
   *     body and the log
   */
  public static String normalize(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      throw new IllegalArgumentException("the request path must start with '/'");
    }
    String decoded = decodeUnreserved(rawPath);
    return removeDotSegments(decoded);
  }

  private static String decodeUnreserved(String raw) {
    StringBuilder out = null;
    int length = raw.length();
    for (int i = 0; i < length; i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= length || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
          throw new IllegalArgumentException("the request path has a malformed percent-escape");
        }
        int value = hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2));
        if (value == '/') {
          throw new IllegalArgumentException("the request path has an encoded slash (%2F)");
        }
        if (value == '\\') {
          throw new IllegalArgumentException("the request path has an encoded backslash (%5C)");
        }
        if (value < 0x20 || value == 0x7F) {
          throw new IllegalArgumentException("the request path has an encoded control character or NUL");
        }
        if (out == null) {
          out = new StringBuilder(length).append(raw, 0, i);
        }
        if (isUnreserved(value)) {
          out.append((char) value);
        } else {
          out.append('%').append(Character.toUpperCase(raw.charAt(i + 1))).append(Character.toUpperCase(raw.charAt(i + 2)));
        }
        i += 2;
        continue;
      }
      if (c == '\\') {
        throw new IllegalArgumentException("the request path has a backslash");
      }
      if (c == ';') {
        throw new IllegalArgumentException("the request path has a path parameter (';'), which is not accepted");
      }
      if (c < 0x20 || c == 0x7F) {
        throw new IllegalArgumentException("the request path has a control character or NUL");
      }
      if (out != null) {
        out.append(c);
      }
    }
    return out == null ? raw : out.toString();
  }

  /** RFC 3986 5.2.4 on a path that has no escaped slash, with empty segments merged. */
  private static String removeDotSegments(String path) {
    if (path.indexOf('.') < 0 && path.indexOf("//") < 0) {
      return path;
    }
    String[] segments = path.substring(1).split("/", -1);
    String[] kept = new String[segments.length];
    int depth = 0;
    boolean trailingSlash = false;
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      switch (segment) {
        case "", "." -> trailingSlash = last && (depth > 0 || segment.equals("."));
        case ".." -> {
          if (depth == 0) {
            throw new IllegalArgumentException("the request path climbs above the root ('..')");
          }
          depth--;
          trailingSlash = last;
        }
        default -> {
          kept[depth++] = segment;
          trailingSlash = false;
        }
      }
    }
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < depth; i++) {
      out.append('/').append(kept[i]);
    }
    if (depth == 0 || trailingSlash) {
      out.append('/');
    }
    return out.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
