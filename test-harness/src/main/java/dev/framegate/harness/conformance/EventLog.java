package dev.framegate.harness.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The events the conformance plugins record, shared by the plugins of one scenario. Thread-safe: a
 * socket runtime calls plugins on its own threads.
 */
public final class EventLog {

  private final List<String> events = new ArrayList<>();

  /** Creates an empty log. */
  public EventLog() {}

  /**
   * Records an event.
   *
   * @param event the event, one line
   */
  public synchronized void add(String event) {
    events.add(event);
    notifyAll();
  }

  /**
   * The events so far, in order.
   *
   * @return a snapshot
   */
  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  /**
   * The events starting with a prefix, in order.
   *
   * @param prefix for example {@code "recording client "}
   * @return the matching events
   */
  public synchronized List<String> eventsStartingWith(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).toList();
  }

  /**
   * Waits until the events satisfy a condition.
   *
   * @param patience how long to wait at most
   * @param condition the condition on the events so far
   * @return whether the condition held in time
   */
  public synchronized boolean await(Duration patience, Predicate<List<String>> condition) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.test(List.copyOf(events))) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized String toString() {
    StringBuilder out = new StringBuilder("plugin events:");
    if (events.isEmpty()) {
      out.append("\n  (none)");
    }
    events.forEach(e -> out.append("\n  ").append(e));
    return out.toString();
  }
}
