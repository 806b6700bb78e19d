package dev.framegate.harness.internal;

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
import java.util.Optional;
import java.util.Set;

/** A client upgrade request built from plain values, as a simulated client sends it. */
public final class SimpleHandshakeRequest implements HandshakeRequest {

  private final String path;
  private final String rawQuery;
  private final Map<String, List<String>> query;
  private final SimpleHeaders headers;
  private final InetSocketAddress remoteAddress;
  private final List<String> offered;
  private volatile String selected;

  /**
   * Creates the request.
   *
   * @param path the path
   * @param rawQuery the raw query, possibly empty
   * @param headers the headers in order
   * @param remoteAddress the client's address
   * @param offered the offered subprotocols
   */
  public SimpleHandshakeRequest(String path, String rawQuery, List<Map.Entry<String, String>> headers,
      InetSocketAddress remoteAddress, List<String> offered) {
    this.path = path;
    this.rawQuery = rawQuery;
    this.query = decodeQuery(rawQuery);
    this.headers = new SimpleHeaders(headers);
    this.remoteAddress = remoteAddress;
    this.offered = List.copyOf(offered);
  }

  private static Map<String, List<String>> decodeQuery(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (!rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    out.replaceAll((name, values) -> List.copyOf(values));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Records the subprotocol the upstream chose, once it answered.
   *
   * @param subprotocol the subprotocol, or {@code null}
   */
  public void select(String subprotocol) {
    this.selected = subprotocol;
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
    List<String> values = query.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
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
    return Optional.ofNullable(selected);
  }

  /** Case-insensitive, multi-valued headers. */
  static final class SimpleHeaders implements Headers {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    SimpleHeaders(List<Map.Entry<String, String>> headers) {
      for (Map.Entry<String, String> header : headers) {
        values.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(header.getValue());
      }
      values.replaceAll((name, list) -> List.copyOf(list));
    }

    @Override
    public Optional<String> first(String name) {
      List<String> list = all(name);
      return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    @Override
    public List<String> all(String name) {
      return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public Set<String> names() {
      return Collections.unmodifiableSet(values.keySet());
    }

    @Override
    public String toString() {
      return values.toString();
    }
  }
}
