package dev.framegate.runtime.internal.recording;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.engine.ConnectionTap;
import dev.framegate.engine.EngineSettings;
import dev.framegate.harness.recording.Recorder;
import dev.framegate.harness.recording.Recording;
import dev.framegate.harness.recording.RecordingFile;
import dev.framegate.harness.recording.Redaction;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.config.GatewayConfig.RecordingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records the connections of the routes that ask for it: picks the sampled ones, writes each to its
 * own JSON Lines file through the harness's {@link Recorder}, and keeps each directory under its
 * byte cap by deleting the oldest recordings. A failure to write ends that recording, never the
 * connection.
 */
public final class RouteRecorders {

  private static final Logger LOG = System.getLogger("dev.framegate.runtime.recording");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Map<String, Path> active = new ConcurrentHashMap<>();
  private final Map<Path, DirectoryBudget> budgets = new ConcurrentHashMap<>();

  /**
   * Creates the recorders.
   *
   * @param clock the wall clock for file names and headers
   */
  public RouteRecorders(Clock clock) {
    this.clock = clock;
  }

  /**
   * The tap that records a new connection, if its route records and the connection is sampled.
   *
   * @param connectionId the connection id
   * @param request the client's request
   * @param route the connection's route
   * @return the tap, or {@code null} when the connection is not recorded
   */
  public ConnectionTap start(String connectionId, HandshakeRequest request, Route route) {
    Optional<RecordingConfig> recording = route.recording();
    if (recording.isEmpty()) {
      return null;
    }
    RecordingConfig config = recording.get();
    if (config.sampleRate() < 1.0 && ThreadLocalRandom.current().nextDouble() >= config.sampleRate()) {
      return null;
    }
    Instant now = clock.instant();
    Path file = config.directory().resolve(STAMP.format(now) + "-" + route.name() + "-" + connectionId + ".jsonl");
    Redaction redaction = Redaction.of(config.redactHeaders(), config.redactJsonFields());
    RecordingFile sink;
    try {
      Files.createDirectories(config.directory());
      sink = new RecordingFile(file, header(connectionId, route, now, redaction), config.maxConnectionBytes());
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.WARNING, () -> "route " + route.name() + ": cannot record connection " + connectionId + ": " + e);
      return null;
    }
    active.put(connectionId, file);
    Recorder recorder = new Recorder(request, System::nanoTime, redaction, sink);
    return new FileTap(recorder, () -> {
      try {
        sink.close();
      } catch (UncheckedIOException e) {
        LOG.log(Level.WARNING, () -> "recording " + file + " could not be closed: " + e.getMessage());
      }
      active.remove(connectionId);
      finished(config.directory(), file, config.maxDirectoryBytes());
    });
  }

  private static Recording.Header header(String connectionId, Route route, Instant now, Redaction redaction) {
    List<String> plugins = new ArrayList<>();
    route.chain().entries().forEach(entry -> plugins.add(entry.name()));
    EngineSettings s = route.settings();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("clientMaxPayload", s.clientMaxPayload());
    settings.put("upstreamMaxPayload", s.upstreamMaxPayload());
    settings.put("maxFragments", s.maxFragments());
    settings.put("maxMessagesPerSecond", s.maxMessagesPerSecond());
    settings.put("closeLinger", s.closeLinger().toString());
    settings.put("idleTimeout", s.idleTimeout().toString());
    settings.put("keepaliveInterval", s.keepaliveInterval().toString());
    settings.put("autoPong", s.autoPong());
    return new Recording.Header(Recording.VERSION, connectionId, route.name(), now, plugins, settings,
        redaction.describe());
  }

  /**
   * The file a connection is being recorded to.
   *
   * @param connectionId the connection id
   * @return the file, or empty when the connection is not (or no longer) recorded
   */
  public Optional<Path> recordingOf(String connectionId) {
    return Optional.ofNullable(active.get(connectionId));
  }

  /**
   * Counts a finished recording against its directory's cap and deletes the oldest finished
   * recordings while the directory holds more. The directory is listed once, when a route first
   * records into it (recordings from earlier runs count, oldest first); after that each finished
   * recording costs one size lookup, so that ending a connection never scans the directory.
   */
  void finished(Path directory, Path file, long maxBytes) {
    DirectoryBudget budget = budgets.computeIfAbsent(directory, d -> DirectoryBudget.scan(d, active.values()));
    budget.add(file, maxBytes);
  }

  /** Finished recordings of one directory, oldest first, and their total size. */
  private static final class DirectoryBudget {
    private final Path directory;
    private final ArrayDeque<Path> oldestFirst = new ArrayDeque<>();
    private long total;

    private DirectoryBudget(Path directory) {
      this.directory = directory;
    }

    /** Lists the finished recordings of a directory: its files but those still being written. */
    static DirectoryBudget scan(Path directory, java.util.Collection<Path> open) {
      DirectoryBudget budget = new DirectoryBudget(directory);
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.jsonl")) {
        stream.forEach(files::add);
        files.removeAll(java.util.Set.copyOf(open));
      } catch (IOException e) {
        LOG.log(Level.WARNING, () -> "cannot list recordings in " + directory + ": " + e);
      }
      files.sort(Comparator.comparing(RouteRecorders::modified).thenComparing(Path::toString));
      for (Path file : files) {
        budget.oldestFirst.add(file);
        budget.total += size(file);
      }
      return budget;
    }

    synchronized void add(Path file, long maxBytes) {
      oldestFirst.add(file);
      total += size(file);
      while (total > maxBytes && !oldestFirst.isEmpty()) {
        Path oldest = oldestFirst.poll();
        long size = size(oldest);
        try {
          Files.deleteIfExists(oldest);
          total -= size;
        } catch (IOException e) {
          total -= size; // not counted again: it is no longer tracked
          LOG.log(Level.WARNING, () -> "cannot delete old recording " + oldest + " in " + directory + ": " + e);
        }
      }
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /** The recorder of one connection; closes its file once the connection has finished. */
  private static final class FileTap implements ConnectionTap {
    private final Recorder recorder;
    private final Runnable done;

    FileTap(Recorder recorder, Runnable done) {
      this.recorder = recorder;
      this.done = done;
    }

    @Override
    public void upstreamRequested(Map<String, List<String>> headers, List<String> subprotocols) {
      recorder.upstreamRequested(headers, subprotocols);
    }

    @Override
    public void upstreamConnected(String subprotocol) {
      recorder.upstreamConnected(subprotocol);
    }

    @Override
    public void upstreamFailed(int status, String detail) {
      recorder.upstreamFailed(status, detail);
    }

    @Override
    public void clientAccepted(String subprotocol, Map<String, List<String>> headers) {
      recorder.clientAccepted(subprotocol, headers);
    }

    @Override
    public void clientRejected(int status, Map<String, List<String>> headers, String body) {
      recorder.clientRejected(status, headers, body);
    }

    @Override
    public void frameReceived(dev.framegate.engine.Side from, boolean fin, int rsv, int opcode, boolean masked,
        java.nio.ByteBuffer payload) {
      recorder.frameReceived(from, fin, rsv, opcode, masked, payload);
    }

    @Override
    public void frameRefused(dev.framegate.engine.Side from, boolean fin, int rsv, int opcode, boolean masked,
        long payloadLength) {
      recorder.frameRefused(from, fin, rsv, opcode, masked, payloadLength);
    }

    @Override
    public void frameSent(dev.framegate.engine.Side to, dev.framegate.api.FrameType type, java.nio.ByteBuffer payload) {
      recorder.frameSent(to, type, payload);
    }

    @Override
    public void gone(dev.framegate.engine.Side side) {
      recorder.gone(side);
    }

    @Override
    public void shutdown() {
      recorder.shutdown();
    }

    @Override
    public void messageRewritten(dev.framegate.engine.Side from, dev.framegate.api.FrameType type, String pluginName) {
      recorder.messageRewritten(from, type, pluginName);
    }

    @Override
    public void messageDropped(dev.framegate.engine.Side from, dev.framegate.api.FrameType type, String pluginName) {
      recorder.messageDropped(from, type, pluginName);
    }

    @Override
    public void pluginClosed(dev.framegate.engine.Side from, String pluginName) {
      recorder.pluginClosed(from, pluginName);
    }

    @Override
    public void pluginSent(String pluginName, dev.framegate.engine.Side to, dev.framegate.api.FrameType type) {
      recorder.pluginSent(pluginName, to, type);
    }

    @Override
    public void pluginFailed(String pluginName, dev.framegate.api.Phase phase, Throwable error) {
      recorder.pluginFailed(pluginName, phase, error);
    }

    @Override
    public void finished(CloseInfo info) {
      try {
        recorder.finished(info);
      } finally {
        done.run();
      }
    }
  }
}
