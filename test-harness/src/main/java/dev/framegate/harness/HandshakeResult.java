package dev.framegate.harness;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The answer the client got to its upgrade request.
 *
 * @param status 101 when upgraded, else the HTTP status of the rejection
 * @param headers the response headers the gateway added, lower-case names
 * @param body the response body, empty for 101
 * @param subprotocol the subprotocol of the 101, if any
 */
public record HandshakeResult(
    int status, Map<String, List<String>> headers, String body, Optional<String> subprotocol) {

  /** Copies the headers with lower-case names. */
  public HandshakeResult {
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>()).addAll(values));
    lower.replaceAll((name, values) -> List.copyOf(values));
    headers = java.util.Collections.unmodifiableMap(lower);
    body = body == null ? "" : body;
  }

  /**
   * Whether the client was upgraded.
   *
   * @return {@code true} for 101
   */
  public boolean upgraded() {
    return status == 101;
  }

  /**
   * The first value of a response header.
   *
   * @param name the name, in any case
   * @return the value, or empty
   */
  public Optional<String> header(String name) {
    List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
