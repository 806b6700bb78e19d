package dev.framegate.runtime.internal.admin;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.FrameType;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.Phase;
import dev.framegate.engine.ConnectionTap;
import dev.framegate.engine.EngineObserver;
import dev.framegate.engine.PluginChain;
import dev.framegate.engine.Side;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.internal.recording.RouteRecorders;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The runtime's {@link EngineObserver}: one structured log line per connection (id, route, plugin
 * chain, close codes both sides, cause), the open-connection list and the counters behind the
 * Prometheus {@code /metrics} endpoint.
 */
public final class GatewayObserver implements EngineObserver {

  private static final Logger LOG = System.getLogger("dev.framegate.runtime.connections");
  private static final Side[] SIDES = Side.values();
  private static final FrameType[] TYPES = FrameType.values();
  private static final Phase[] PHASES = Phase.values();

  /** An open connection, as listed by {@code /connections}. */
  public record OpenConnection(String id, String route, String path, String remote, List<String> chain, Instant since) {}

  private final RouteTable routes;
  private final Clock clock;
  private final Map<String, OpenConnection> open = new ConcurrentHashMap<>();
  private final LongAdder opened = new LongAdder();
  // The per-frame counters are fixed arrays indexed by side and type: counting a frame is one
  // LongAdder increment, with no label string built and no map looked up.
  private final LongAdder[][] frames = new LongAdder[SIDES.length][TYPES.length];
  private final LongAdder[] bytes = new LongAdder[SIDES.length];
  private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> finished = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> pluginErrors = new ConcurrentHashMap<>();
  private final Map<String, PluginSeries> pluginSeries = new ConcurrentHashMap<>();
  private final PluginMetrics pluginMetrics = new PluginMetrics();
  private final List<TransportGauges> transports = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final RouteRecorders recorders;

  /** What a running listener's transport reports for {@code /metrics}. */
  public interface TransportGauges {
    /**
     * The bytes read from one side and not yet written to the other, over all connections.
     *
     * @return the byte count
     */
    long inFlightBytes();

    /**
     * The plugin threads stuck in one call and replaced.
     *
     * @return the thread count
     */
    int stalledWorkerThreads();
  }

  /**
   * Creates the observer.
   *
   * @param routes the routes in force, to name each connection's route from its path
   * @param clock the clock for connection ages
   */
  public GatewayObserver(RouteTable routes, Clock clock) {
    this.routes = routes;
    this.clock = clock;
    this.recorders = new RouteRecorders(clock);
    for (int side = 0; side < SIDES.length; side++) {
      bytes[side] = new LongAdder();
      for (int type = 0; type < TYPES.length; type++) {
        frames[side][type] = new LongAdder();
      }
    }
  }

  /**
   * Adds a listener's transport to the gauges of {@code /metrics}.
   *
   * @param gauges the transport's gauges
   */
  public void addTransport(TransportGauges gauges) {
    transports.add(gauges);
  }

  @Override
  public void connectionOpened(String connectionId, HandshakeRequest request) {
    opened.increment();
    Optional<Route> route = routes.resolve(request.path());
    List<String> chain = route.map(r -> chainNames(r.chain())).orElse(List.of());
    String remote = request.remoteAddress() == null ? "" : request.remoteAddress().toString();
    open.put(connectionId, new OpenConnection(connectionId, route.map(Route::name).orElse("-"),
        request.path(), remote, chain, clock.instant()));
  }

  @Override
  public ConnectionTap tap(String connectionId, HandshakeRequest request) {
    Optional<Route> route = routes.resolve(request.path());
    return route.isEmpty() || route.get().recording().isEmpty() ? null
        : recorders.start(connectionId, request, route.get());
  }

  /**
   * The file a connection is being recorded to, for {@code /connections}.
   *
   * @param connectionId the connection id
   * @return the file, or empty when the connection is not recorded
   */
  public Optional<java.nio.file.Path> recordingOf(String connectionId) {
    return recorders.recordingOf(connectionId);
  }

  private static List<String> chainNames(PluginChain chain) {
    List<String> names = new ArrayList<>();
    chain.entries().forEach(e -> names.add(e.name()));
    return names;
  }

  @Override
  public void connectionFinished(String connectionId, CloseInfo info) {
    OpenConnection connection = open.remove(connectionId);
    count(finished, label("cause", info.cause().name().toLowerCase(Locale.ROOT)));
    count(closes, label("side", "client") + "," + label("code", code(info.clientStatus())));
    count(closes, label("side", "upstream") + "," + label("code", code(info.upstreamStatus())));
    LOG.log(Level.INFO, () -> logLine(connectionId, connection, info));
  }

  String logLine(String connectionId, OpenConnection connection, CloseInfo info) {
    StringBuilder line = new StringBuilder("connection closed");
    line.append(" id=").append(connectionId);
    if (connection != null) {
      line.append(" route=").append(connection.route())
          .append(" path=").append(connection.path())
          .append(" remote=").append(connection.remote())
          .append(" chain=").append(String.join(",", connection.chain()))
          .append(" duration_ms=").append(Math.max(0, clock.millis() - connection.since().toEpochMilli()));
    }
    line.append(" cause=").append(info.cause())
        .append(" client_close=").append(code(info.clientStatus()))
        .append(" upstream_close=").append(code(info.upstreamStatus()));
    if (info.detail() != null && !info.detail().isEmpty()) {
      line.append(" detail=\"").append(info.detail().replace("\"", "'")).append('"');
    }
    return line.toString();
  }

  private static String code(OptionalInt status) {
    return status.isPresent() ? Integer.toString(status.getAsInt()) : "none";
  }

  @Override
  public void messageForwarded(String connectionId, Side from, FrameType type, int length) {
    frames[from.ordinal()][type.ordinal()].increment();
    bytes[from.ordinal()].add(length);
  }

  @Override
  public void frameDropped(String connectionId, Side from, FrameType type, String pluginName) {
    count(drops, label("direction", direction(from)) + "," + label("plugin", pluginName));
  }

  @Override
  public void pluginError(String connectionId, String pluginName, Phase phase, Throwable error) {
    count(pluginErrors, label("plugin", pluginName) + "," + label("phase", phase.name().toLowerCase(Locale.ROOT)));
    LOG.log(Level.WARNING, () -> "plugin error id=" + connectionId + " plugin=" + pluginName + " phase=" + phase
        + " error=\"" + error + "\"");
  }

  @Override
  public boolean measuresPluginTime() {
    return true;
  }

  @Override
  public void pluginTime(String pluginName, Phase phase, long nanos) {
    series(pluginName).timers[phase.ordinal()].record(nanos);
  }

  @Override
  public PluginTimer pluginTimer(String pluginName, Phase phase) {
    return series(pluginName).timers[phase.ordinal()];
  }

  private PluginSeries series(String pluginName) {
    PluginSeries series = pluginSeries.get(pluginName);
    return series != null ? series : pluginSeries.computeIfAbsent(pluginName, PluginSeries::new);
  }

  /** One plugin's call counts and times, one timer per phase. */
  private static final class PluginSeries {
    final String name;
    final PhaseTimer[] timers = new PhaseTimer[PHASES.length];

    PluginSeries(String name) {
      this.name = name;
      for (int i = 0; i < timers.length; i++) {
        timers[i] = new PhaseTimer();
      }
    }
  }

  private static final class PhaseTimer implements PluginTimer {
    final LongAdder nanos = new LongAdder();
    final LongAdder calls = new LongAdder();

    @Override
    public void record(long duration) {
      nanos.add(duration);
      calls.increment();
    }
  }

  /**
   * The open connections, oldest first.
   *
   * @return a snapshot
   */
  public List<OpenConnection> openConnections() {
    List<OpenConnection> list = new ArrayList<>(open.values());
    list.sort(Comparator.comparing(OpenConnection::since).thenComparing(OpenConnection::id));
    return list;
  }

  /**
   * The metrics in the Prometheus text exposition format (version 0.0.4).
   *
   * @return the metrics text
   */
  public String prometheus() {
    StringBuilder out = new StringBuilder();
    gauge(out, "framegate_connections_open", "Connections currently open.", open.size());
    gauge(out, "framegate_in_flight_bytes", "Bytes read from one side and not yet written to the other.",
        transports.stream().mapToLong(TransportGauges::inFlightBytes).sum());
    gauge(out, "framegate_stalled_worker_threads", "Plugin threads stuck in one call, replaced by fresh ones.",
        transports.stream().mapToLong(TransportGauges::stalledWorkerThreads).sum());
    counter(out, "framegate_connections_opened_total", "Connections that started their handshake.", Map.of("", opened));
    counter(out, "framegate_connections_closed_total", "Connections that ended, by cause.", finished);
    counter(out, "framegate_close_codes_total", "Close codes each side received, by side and code.", closes);
    counter(out, "framegate_frames_total", "Messages and control frames forwarded, by direction and type.",
        frameSeries());
    counter(out, "framegate_bytes_total", "Payload bytes forwarded, by direction.", byteSeries());
    counter(out, "framegate_frames_dropped_total", "Frames dropped by a plugin, by direction and plugin.", drops);
    counter(out, "framegate_plugin_errors_total", "Plugin failures, by plugin and phase.", pluginErrors);
    out.append("# HELP framegate_plugin_seconds Time spent in plugin calls, by plugin and phase.\n")
        .append("# TYPE framegate_plugin_seconds summary\n");
    Map<String, PhaseTimer> timers = new TreeMap<>();
    for (PluginSeries series : pluginSeries.values()) {
      for (Phase phase : PHASES) {
        PhaseTimer timer = series.timers[phase.ordinal()];
        if (timer.calls.sum() > 0) {
          timers.put(label("plugin", series.name) + "," + label("phase", phase.name().toLowerCase(Locale.ROOT)), timer);
        }
      }
    }
    for (Map.Entry<String, PhaseTimer> e : timers.entrySet()) {
      out.append("framegate_plugin_seconds_sum{").append(e.getKey()).append("} ")
          .append(String.format(Locale.ROOT, "%.9f", e.getValue().nanos.sum() / 1e9)).append('\n');
      out.append("framegate_plugin_seconds_count{").append(e.getKey()).append("} ")
          .append(e.getValue().calls.sum()).append('\n');
    }
    pluginMetrics.appendTo(out);
    return out.toString();
  }

  /** The frame counters as labelled series; a series appears once its first frame is counted. */
  private Map<String, LongAdder> frameSeries() {
    Map<String, LongAdder> series = new TreeMap<>();
    for (Side side : SIDES) {
      for (FrameType type : TYPES) {
        LongAdder count = frames[side.ordinal()][type.ordinal()];
        if (count.sum() > 0) {
          series.put(label("direction", direction(side)) + "," + label("type", type.name().toLowerCase(Locale.ROOT)),
              count);
        }
      }
    }
    return series;
  }

  /** The byte counters; a direction appears once a frame went that way, even an empty one. */
  private Map<String, LongAdder> byteSeries() {
    Map<String, LongAdder> series = new TreeMap<>();
    for (Side side : SIDES) {
      boolean seen = false;
      for (LongAdder count : frames[side.ordinal()]) {
        seen |= count.sum() > 0;
      }
      if (seen) {
        series.put(label("direction", direction(side)), bytes[side.ordinal()]);
      }
    }
    return series;
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(value).append('\n');
  }

  private static void counter(StringBuilder out, String name, String help, Map<String, LongAdder> series) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(series).entrySet()) {
      out.append(name);
      if (!e.getKey().isEmpty()) {
        out.append('{').append(e.getKey()).append('}');
      }
      out.append(' ').append(e.getValue().sum()).append('\n');
    }
  }

  private static void count(Map<String, LongAdder> series, String key) {
    series.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static String direction(Side from) {
    return from == Side.CLIENT ? "client_to_upstream" : "upstream_to_client";
  }

  private static String label(String name, String value) {
    return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
