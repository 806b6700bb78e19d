package dev.framegate.harness.recording;

import dev.framegate.harness.internal.RecordingCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded connection: a header and the events that crossed it, in order. A recording is read
 * from and written to a JSON Lines file (the format of docs/recording-format.md): the runtime writes
 * them for routes that record, a harness connection gives its own with {@link
 * dev.framegate.harness.HarnessConnection#recording()}, and {@link
 * dev.framegate.harness.FrameHarness#replay(Recording)} plays one back as a test.
 *
 * @param header what was recorded, where and when
 * @param events the events, in the order they happened
 * @param source the file it was read from, if any (where a new golden is written)
 */
public record Recording(Header header, List<RecordedEvent> events, Optional<Path> source) {

  /** The format name on the first line of every recording. */
  public static final String FORMAT = "framegate-recording";

  /** The format version this library writes; it reads this version and the ones before it. */
  public static final int VERSION = 1;

  /** Copies the events. */
  public Recording {
    Objects.requireNonNull(header, "header");
    events = List.copyOf(events);
    Objects.requireNonNull(source, "source");
  }

  /**
   * A recording not tied to a file.
   *
   * @param header the header
   * @param events the events
   */
  public Recording(Header header, List<RecordedEvent> events) {
    this(header, events, Optional.empty());
  }

  /**
   * The first line of a recording.
   *
   * @param version the format version
   * @param connection the connection id in the runtime that recorded it
   * @param route the route's name, or empty
   * @param recordedAt when the connection started
   * @param plugins the plugin chain's names, in order
   * @param settings the route's limits and timeouts, for information (a replay uses its harness's)
   * @param redacted what was redacted: {@code headers} and {@code jsonFields}, for information
   */
  public record Header(int version, String connection, String route, Instant recordedAt, List<String> plugins,
      Map<String, Object> settings, Map<String, List<String>> redacted) {
    /** Copies the collections. */
    public Header {
      if (version < 1 || version > VERSION) {
        throw new IllegalArgumentException("recording format version " + version + " is not supported: this"
            + " library reads versions 1 to " + VERSION + "; use a newer framegate-test-harness");
      }
      connection = connection == null ? "" : connection;
      route = route == null ? "" : route;
      Objects.requireNonNull(recordedAt, "recordedAt");
      plugins = List.copyOf(plugins);
      settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
      redacted = Collections.unmodifiableMap(new LinkedHashMap<>(redacted));
    }

    /**
     * A header of the current version with nothing but a connection id.
     *
     * @param connection the connection id
     * @param recordedAt when it started
     * @return the header
     */
    public static Header of(String connection, Instant recordedAt) {
      return new Header(VERSION, connection, "", recordedAt, List.of(), Map.of(), Map.of());
    }
  }

  /**
   * Reads a recording from a JSON Lines file.
   *
   * @param path the file
   * @return the recording, remembering its path
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException naming the line and field that are malformed
   */
  public static Recording read(Path path) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read recording " + path + ": " + e.getMessage(), e);
    }
    try {
      Recording recording = parse(lines);
      return new Recording(recording.header(), recording.events(), Optional.of(path));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a recording from its lines.
   *
   * @param lines the JSON Lines text, one element per line; blank lines are skipped
   * @return the recording
   * @throws IllegalArgumentException naming the line and field that are malformed
   */
  public static Recording parse(List<String> lines) {
    Header header = null;
    List<RecordedEvent> events = new ArrayList<>();
    int number = 0;
    for (String line : lines) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        if (header == null) {
          header = RecordingCodec.readHeader(line);
        } else {
          events.add(RecordingCodec.readEvent(line));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
      }
    }
    if (header == null) {
      throw new IllegalArgumentException("empty: a recording starts with a header line {\"format\":\"" + FORMAT + "\",...}");
    }
    return new Recording(header, events);
  }

  /**
   * Writes this recording as JSON Lines, replacing the file.
   *
   * @param path the file
   * @throws UncheckedIOException when it cannot be written
   */
  public void write(Path path) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
        writer.write(toJsonLines());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write recording " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The recording in the JSON Lines format.
   *
   * @return the text, one line per element, header first
   */
  public String toJsonLines() {
    StringBuilder out = new StringBuilder(RecordingCodec.writeHeader(header)).append('\n');
    for (RecordedEvent event : events) {
      out.append(RecordingCodec.writeEvent(event)).append('\n');
    }
    return out.toString();
  }

  /**
   * The events of one kind.
   *
   * @param type the event class, such as {@code RecordedEvent.Sent.class}
   * @param <E> the event type
   * @return those events, in order
   */
  public <E extends RecordedEvent> List<E> events(Class<E> type) {
    List<E> found = new ArrayList<>();
    for (RecordedEvent event : events) {
      if (type.isInstance(event)) {
        found.add(type.cast(event));
      }
    }
    return found;
  }

  /**
   * The recording's name for test reports: its file name, or its connection id.
   *
   * @return the name
   */
  public String name() {
    return source.map(p -> p.getFileName().toString()).orElse(header.connection());
  }

  static Map<String, List<String>> copyHeaders(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((name, values) -> copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
          .addAll(values));
    }
    copy.replaceAll((name, values) -> List.copyOf(values));
    return Collections.unmodifiableMap(copy);
  }

  @Override
  public String toString() {
    return "Recording " + name() + " (" + events.size() + " events)";
  }
}
