package dev.framegate.engine;

import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.Headers;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link HandshakeRequest} a transport passes to {@link Connection#start}, so that every
 * transport parses queries and subprotocol offers the same way.
 */
public final class HandshakeRequests {

  private HandshakeRequests() {}

  /**
   * Creates an upgrade request. The subprotocols offered are read from {@code
   * Sec-WebSocket-Protocol} (comma-separated, possibly repeated).
   *
   * @param path the request path, without the query
   * @param rawQuery the raw query without {@code '?'}, or {@code null} for none
   * @param headers the request headers, names in any case; copied
   * @param remoteAddress the client's address
   * @return the request; its selected subprotocol is empty (the engine supplies it to plugins)
   */
  public static HandshakeRequest create(
      String path, String rawQuery, Map<String, List<String>> headers, InetSocketAddress remoteAddress) {
    return new SimpleRequest(
        Objects.requireNonNull(path, "path"),
        rawQuery == null ? "" : rawQuery,
        headers(headers),
        Objects.requireNonNull(remoteAddress, "remoteAddress"));
  }

  /**
   * Wraps a header map as read-only {@link Headers} with case-insensitive names.
   *
   * @param headers the headers, names in any case; copied
   * @return the headers
   */
  public static Headers headers(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          if (name != null && values != null) {
            copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
          }
        });
    copy.replaceAll((k, v) -> List.copyOf(v));
    return new MapHeaders(Collections.unmodifiableMap(copy));
  }

  private record MapHeaders(Map<String, List<String>> map) implements Headers {
    @Override
    public Optional<String> first(String name) {
      List<String> values = all(name);
      return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public List<String> all(String name) {
      return map.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public Set<String> names() {
      return map.keySet();
    }

    @Override
    public String toString() {
      return map.toString();
    }
  }

  private static final class SimpleRequest implements HandshakeRequest {
    private final String path;
    private final String rawQuery;
    private final Headers headers;
    private final InetSocketAddress remoteAddress;
    private final Map<String, List<String>> query;
    private final List<String> offered;

    SimpleRequest(String path, String rawQuery, Headers headers, InetSocketAddress remoteAddress) {
      this.path = path;
      this.rawQuery = rawQuery;
      this.headers = headers;
      this.remoteAddress = remoteAddress;
      this.query = parseQuery(rawQuery);
      List<String> protocols = new ArrayList<>();
      for (String value : headers.all("sec-websocket-protocol")) {
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            protocols.add(part.trim());
          }
        }
      }
      this.offered = List.copyOf(protocols);
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
      Map<String, List<String>> params = new LinkedHashMap<>();
      if (!rawQuery.isEmpty()) {
        for (String pair : rawQuery.split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          String name = decode(eq < 0 ? pair : pair.substring(0, eq));
          String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
          params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
      }
      params.replaceAll((k, v) -> List.copyOf(v));
      return Collections.unmodifiableMap(params);
    }

    private static String decode(String s) {
      try {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return s;
      }
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public String rawQuery() {
      return rawQuery;
    }

    @Override
    public Map<String, List<String>> queryParameters() {
      return query;
    }

    @Override
    public Optional<String> queryParameter(String name) {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public Headers headers() {
      return headers;
    }

    @Override
    public InetSocketAddress remoteAddress() {
      return remoteAddress;
    }

    @Override
    public List<String> offeredSubprotocols() {
      return offered;
    }

    @Override
    public Optional<String> selectedSubprotocol() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "GET " + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery) + " from " + remoteAddress;
    }
  }
}
