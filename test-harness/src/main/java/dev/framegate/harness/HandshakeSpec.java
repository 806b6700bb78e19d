package dev.framegate.harness;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The upgrade request a simulated client sends: method, path, query, headers, offered subprotocols
 * and the client's address. Immutable; each method returns a changed copy.
 *
 * <p>Like a real WebSocket client, the request carries the standard handshake headers ({@code Host},
 * {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Key}, {@code Sec-WebSocket-Version} and,
 * when subprotocols are offered, {@code Sec-WebSocket-Protocol}); {@link #withoutHeader(String)} and
 * {@link #method(String)} make it malformed for handshake tests (rule H1).
 */
public final class HandshakeSpec {

  /** The {@code Sec-WebSocket-Key} every simulated client sends: the sample nonce of RFC 6455. */
  public static final String CLIENT_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  private final String method;
  private final String path;
  private final String rawQuery;
  private final List<Map.Entry<String, String>> headers;
  private final List<String> removed;
  private final List<String> subprotocols;
  private final InetSocketAddress remoteAddress;

  private HandshakeSpec(String method, String path, String rawQuery, List<Map.Entry<String, String>> headers,
      List<String> removed, List<String> subprotocols, InetSocketAddress remoteAddress) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.headers = List.copyOf(headers);
    this.removed = List.copyOf(removed);
    this.subprotocols = List.copyOf(subprotocols);
    this.remoteAddress = remoteAddress;
  }

  /**
   * A well-formed upgrade request for a path, from 127.0.0.1.
   *
   * @param path the request path, starting with {@code '/'}
   * @return the spec
   */
  public static HandshakeSpec path(String path) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
    }
    return new HandshakeSpec("GET", path, "", List.of(), List.of(), List.of(),
        new InetSocketAddress("127.0.0.1", 50000));
  }

  /**
   * Sets the raw query string.
   *
   * @param rawQuery the query without {@code '?'}, for example {@code "a=1&b=x%20y"}
   * @return the changed copy
   */
  public HandshakeSpec query(String rawQuery) {
    String query = rawQuery.startsWith("?") ? rawQuery.substring(1) : rawQuery;
    return new HandshakeSpec(method, path, query, headers, removed, subprotocols, remoteAddress);
  }

  /**
   * Adds a header; adding a name twice sends it twice.
   *
   * @param name the header name
   * @param value the value
   * @return the changed copy
   */
  public HandshakeSpec header(String name, String value) {
    List<Map.Entry<String, String>> more = new ArrayList<>(headers);
    more.add(Map.entry(name, value));
    return new HandshakeSpec(method, path, rawQuery, more, removed, subprotocols, remoteAddress);
  }

  /**
   * Leaves a header out, a standard handshake header included (for example {@code
   * "Sec-WebSocket-Key"}).
   *
   * @param name the header name, in any case
   * @return the changed copy
   */
  public HandshakeSpec withoutHeader(String name) {
    List<String> more = new ArrayList<>(removed);
    more.add(name.toLowerCase(Locale.ROOT));
    List<Map.Entry<String, String>> kept = new ArrayList<>();
    for (Map.Entry<String, String> header : headers) {
      if (!header.getKey().equalsIgnoreCase(name)) {
        kept.add(header);
      }
    }
    return new HandshakeSpec(method, path, rawQuery, kept, more, subprotocols, remoteAddress);
  }

  /**
   * Offers subprotocols, in order of preference.
   *
   * @param subprotocols the subprotocol names
   * @return the changed copy
   */
  public HandshakeSpec subprotocols(String... subprotocols) {
    return new HandshakeSpec(method, path, rawQuery, headers, removed, List.of(subprotocols), remoteAddress);
  }

  /**
   * Changes the HTTP method (a WebSocket upgrade must be {@code GET}).
   *
   * @param method the method
   * @return the changed copy
   */
  public HandshakeSpec method(String method) {
    return new HandshakeSpec(Objects.requireNonNull(method, "method"), path, rawQuery, headers, removed,
        subprotocols, remoteAddress);
  }

  /**
   * Changes the client's address as the gateway sees it.
   *
   * @param remoteAddress the address
   * @return the changed copy
   */
  public HandshakeSpec remoteAddress(InetSocketAddress remoteAddress) {
    return new HandshakeSpec(method, path, rawQuery, headers, removed, subprotocols,
        Objects.requireNonNull(remoteAddress, "remoteAddress"));
  }

  /**
   * The HTTP method.
   *
   * @return the method, {@code GET} unless changed
   */
  public String method() {
    return method;
  }

  /**
   * The path.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * The raw query.
   *
   * @return the query, possibly empty
   */
  public String rawQuery() {
    return rawQuery;
  }

  /**
   * The path and, if any, the query: the request target.
   *
   * @return for example {@code "/chat?a=1"}
   */
  public String target() {
    return rawQuery.isEmpty() ? path : path + "?" + rawQuery;
  }

  /**
   * The offered subprotocols.
   *
   * @return the names, possibly empty
   */
  public List<String> subprotocols() {
    return subprotocols;
  }

  /**
   * The client's address.
   *
   * @return the address
   */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /**
   * The headers the test added, without the standard handshake headers.
   *
   * @return the name/value pairs in order
   */
  public List<Map.Entry<String, String>> extraHeaders() {
    return headers;
  }

  /**
   * The names of the headers left out.
   *
   * @return the lower-case names
   */
  public List<String> removedHeaders() {
    return removed;
  }

  /**
   * Every header the simulated client sends: the standard handshake headers first (those not left
   * out), then the test's own.
   *
   * @return the name/value pairs in order
   */
  public List<Map.Entry<String, String>> allHeaders() {
    List<Map.Entry<String, String>> all = new ArrayList<>();
    addStandard(all, "Host", "gateway.test");
    addStandard(all, "Upgrade", "websocket");
    addStandard(all, "Connection", "Upgrade");
    addStandard(all, "Sec-WebSocket-Key", CLIENT_KEY);
    addStandard(all, "Sec-WebSocket-Version", "13");
    if (!subprotocols.isEmpty()) {
      addStandard(all, "Sec-WebSocket-Protocol", String.join(", ", subprotocols));
    }
    all.addAll(headers);
    return all;
  }

  private void addStandard(List<Map.Entry<String, String>> all, String name, String value) {
    if (!removed.contains(name.toLowerCase(Locale.ROOT))) {
      all.add(Map.entry(name, value));
    }
  }

  @Override
  public String toString() {
    return method + " " + target() + (subprotocols.isEmpty() ? "" : " subprotocols " + subprotocols);
  }
}
