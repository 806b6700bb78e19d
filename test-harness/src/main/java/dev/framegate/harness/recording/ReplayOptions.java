package dev.framegate.harness.recording;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link dev.framegate.harness.FrameHarness#replay(Recording, ReplayOptions)} compares a replay
 * with its recording. Immutable; each method returns a changed copy.
 *
 * <p>By default every frame and handshake answer must match, in order, and every event's time must
 * be within {@link #DEFAULT_TIME_TOLERANCE} of the recorded one (a runtime's recording carries the
 * real processing delays; the replay runs on a virtual clock).
 *
 * @param ignoreTiming compare the order of events, not their times
 * @param timeTolerance how far a replayed event's time may be from the recorded one
 * @param ignoredJsonFields JSON fields left out of text payloads before comparing: a name matches a
 *     field of that name at any depth; a JSON pointer ({@code /meta/id}) matches that one field
 * @param ignoredHeaders header names (lower case) left out of the handshake events before comparing
 * @param acceptNewGolden instead of failing on a difference, rewrite the recording's file with the
 *     replay (the change is intended)
 */
public record ReplayOptions(boolean ignoreTiming, Duration timeTolerance, Set<String> ignoredJsonFields,
    Set<String> ignoredHeaders, boolean acceptNewGolden) {

  /**
   * The default time tolerance: 500 ms. A replay runs on a virtual clock and takes no time, while
   * the runtime that recorded took real time to run the plugins and to write (more on a loaded or
   * cold machine); half a second absorbs that and still tells a timer of 10 s from one of 30 s.
   */
  public static final Duration DEFAULT_TIME_TOLERANCE = Duration.ofMillis(500);

  /**
   * The system property that makes every replay accept a new golden: {@code
   * -Dframegate.replay.acceptNewGolden=true}.
   */
  public static final String ACCEPT_PROPERTY = "framegate.replay.acceptNewGolden";

  /** Copies the sets. */
  public ReplayOptions {
    Objects.requireNonNull(timeTolerance, "timeTolerance");
    ignoredJsonFields = Set.copyOf(ignoredJsonFields);
    Set<String> headers = new LinkedHashSet<>();
    ignoredHeaders.forEach(h -> headers.add(h.toLowerCase(Locale.ROOT)));
    ignoredHeaders = Set.copyOf(headers);
  }

  /**
   * The defaults: exact frames, times within 500 ms, no new golden unless {@value #ACCEPT_PROPERTY}
   * is {@code true}.
   *
   * @return the options
   */
  public static ReplayOptions defaults() {
    return new ReplayOptions(false, DEFAULT_TIME_TOLERANCE, Set.of(), Set.of(), Boolean.getBoolean(ACCEPT_PROPERTY));
  }

  /**
   * Compares the order of events, not their times.
   *
   * @return the changed copy
   */
  public ReplayOptions ignoringTiming() {
    return new ReplayOptions(true, timeTolerance, ignoredJsonFields, ignoredHeaders, acceptNewGolden);
  }

  /**
   * Sets how far a replayed event's time may be from the recorded one.
   *
   * @param tolerance the tolerance
   * @return the changed copy
   */
  public ReplayOptions withTimeTolerance(Duration tolerance) {
    return new ReplayOptions(ignoreTiming, tolerance, ignoredJsonFields, ignoredHeaders, acceptNewGolden);
  }

  /**
   * Leaves JSON fields out of text payloads before comparing (time stamps, generated ids).
   *
   * @param fields field names (any depth) or JSON pointers such as {@code /meta/id}
   * @return the changed copy
   */
  public ReplayOptions ignoringJsonFields(String... fields) {
    Set<String> more = new LinkedHashSet<>(ignoredJsonFields);
    more.addAll(List.of(fields));
    return new ReplayOptions(ignoreTiming, timeTolerance, more, ignoredHeaders, acceptNewGolden);
  }

  /**
   * Leaves headers out of the handshake events before comparing.
   *
   * @param names header names, in any case
   * @return the changed copy
   */
  public ReplayOptions ignoringHeaders(String... names) {
    Set<String> more = new LinkedHashSet<>(ignoredHeaders);
    more.addAll(List.of(names));
    return new ReplayOptions(ignoreTiming, timeTolerance, ignoredJsonFields, more, acceptNewGolden);
  }

  /**
   * On a difference, rewrites the recording's file with the replay instead of failing: for a change
   * of behaviour that is intended. The recording must have been read from a file.
   *
   * @return the changed copy
   */
  public ReplayOptions acceptingNewGolden() {
    return new ReplayOptions(ignoreTiming, timeTolerance, ignoredJsonFields, ignoredHeaders, true);
  }
}
