package dev.framegate.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The upgrade request the upstream received from the gateway.
 *
 * @param headers the headers, lower-case names
 * @param subprotocols the subprotocols offered to the upstream
 */
public record UpstreamHandshake(Map<String, List<String>> headers, List<String> subprotocols) {

  /** Copies the headers with lower-case names. */
  public UpstreamHandshake {
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
    lower.replaceAll((name, values) -> List.copyOf(values));
    headers = Collections.unmodifiableMap(lower);
    subprotocols = List.copyOf(subprotocols);
  }

  /**
   * The first value of a header.
   *
   * @param name the name, in any case
   * @return the value, or empty
   */
  public Optional<String> header(String name) {
    List<String> values = headerValues(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * All values of a header.
   *
   * @param name the name, in any case
   * @return the values, possibly empty
   */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }
}
