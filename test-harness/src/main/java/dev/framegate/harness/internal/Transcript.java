package dev.framegate.harness.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** The ordered log of everything that crossed one simulated connection, for failure messages. */
public final class Transcript {

  private final String title;
  private final LongSupplier clock;
  private final List<String> lines = new ArrayList<>();

  /**
   * Creates an empty transcript.
   *
   * @param title the first line, naming the connection
   * @param clock the virtual time in nanoseconds, shown on each line
   */
  public Transcript(String title, LongSupplier clock) {
    this.title = title;
    this.clock = clock;
  }

  /**
   * Appends one event.
   *
   * @param arrow who to whom, for example {@code "client → gateway"}
   * @param what the event
   */
  public synchronized void add(String arrow, String what) {
    long millis = clock.getAsLong() / 1_000_000;
    lines.add(String.format("  %3d  t=%5d.%03ds  %-20s %s", lines.size() + 1, millis / 1000, millis % 1000, arrow, what));
  }

  /**
   * The whole transcript.
   *
   * @return a multi-line text
   */
  public synchronized String render() {
    StringBuilder out = new StringBuilder("transcript of ").append(title).append(':');
    if (lines.isEmpty()) {
      out.append("\n  (nothing happened)");
    }
    for (String line : lines) {
      out.append('\n').append(line);
    }
    return out.toString();
  }
}
