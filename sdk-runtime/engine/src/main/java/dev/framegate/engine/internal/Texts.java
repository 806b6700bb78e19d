package dev.framegate.engine.internal;

import dev.framegate.engine.Side;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers the connection's parts share for messages and headers. */
final class Texts {

  private Texts() {}

  /** An immutable copy of headers, for the transport. */
  static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  static String sideName(Side side) {
    return side == Side.CLIENT ? "the client" : "the upstream";
  }

  /** A duration as a person writes it: "5 s", "200 ms". */
  static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }
}
