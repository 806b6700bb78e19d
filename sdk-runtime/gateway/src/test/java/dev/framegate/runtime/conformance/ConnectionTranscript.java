package dev.framegate.runtime.conformance;

import java.util.ArrayList;
import java.util.List;

/** What crossed one socket connection, both directions in arrival order, with times since its start. */
final class ConnectionTranscript {

  private final String title;
  private final long start = System.nanoTime();
  private final List<String> lines = new ArrayList<>();

  ConnectionTranscript(String title) {
    this.title = title;
  }

  synchronized void add(String direction, String what) {
    long millis = (System.nanoTime() - start) / 1_000_000;
    lines.add(String.format("  %6d ms  %-20s %s", millis, direction, what));
  }

  synchronized String text() {
    StringBuilder out = new StringBuilder("transcript of ").append(title).append(':');
    if (lines.isEmpty()) {
      out.append("\n  (nothing)");
    }
    lines.forEach(line -> out.append('\n').append(line));
    return out.toString();
  }
}
