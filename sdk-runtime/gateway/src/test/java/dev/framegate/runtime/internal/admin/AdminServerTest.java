package dev.framegate.runtime.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import dev.framegate.engine.Connection;
import dev.framegate.engine.Engine;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.HandshakeRequests;
import dev.framegate.engine.PluginChain;
import dev.framegate.engine.Scheduler;
import dev.framegate.engine.Side;
import dev.framegate.engine.Transport;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import dev.framegate.api.internal.PdkVersion;
import dev.framegate.runtime.internal.plugins.PluginLoader;
import dev.framegate.runtime.internal.plugins.Plugins;
import dev.framegate.runtime.internal.plugins.TestJars;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminServerTest {

  /** Drops messages saying "drop", fails on "boom", passes the rest. */
  @FramegatePlugin(name = "picky", priority = 5)
  public static final class Picky implements FramePlugin<NoConfig> {
    @Override
    public void onClientFrame(WsContext ws, NoConfig config) {
      if (ws.client().getFrame().type() == FrameType.TEXT) {
        String text = ws.client().getFrame().text();
        if (text.equals("drop")) {
          ws.client().dropFrame();
        } else if (text.equals("boom")) {
          throw new IllegalStateException("boom");
        }
      }
    }
  }

  /** Records what the engine asks; everything succeeds at once. */
  private static final class RecordingTransport implements Transport {
    final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void connectUpstream(Map<String, List<String>> headers, List<String> subprotocols) {}

    @Override
    public void acceptClient(String subprotocol, Map<String, List<String>> headers) {}

    @Override
    public void rejectClient(int status, Map<String, List<String>> headers, String body) {}

    @Override
    public void send(Side to, FrameType type, ByteBuffer payload) {
      sent.add(to + ":" + type);
    }

    @Override
    public void disconnect(Side side) {}
  }

  private static final Scheduler NO_TIMERS = new Scheduler() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
      return () -> {};
    }
  };

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Logger connectionsLog = Logger.getLogger("dev.framegate.runtime.connections");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logLines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private Plugins plugins;
  private GatewayObserver observer;
  private AdminServer admin;
  private Engine engine;
  private PluginChain chain;

  @BeforeEach
  void start() throws Exception {
    // the build's test logging configuration mutes INFO; this test reads the per-connection lines
    connectionsLog.setLevel(java.util.logging.Level.INFO);
    connectionsLog.addHandler(capture);
    Path jar = TestJars.in(dir)
        .source("com.example.Plain", TestJars.pluginSource("com.example", "Plain", "@FramegatePlugin(name = \"plain\", priority = 3)", ""))
        .descriptor("1.0", "com.example.Plain").build("plain-plugin.jar");
    plugins = new Plugins();
    plugins.add(new PluginLoader(PdkVersion.parse("1.0")).load(jar));
    chain = PluginChain.builder().add(new Picky(), NoConfig.INSTANCE, ErrorPolicy.SKIP).build();
    Route route = new Route("echo-route", "/echo", URI.create("ws://127.0.0.1:9/"), chain, EngineSettings.DEFAULTS);
    RouteTable table = new RouteTable() {
      @Override
      public Optional<Route> resolve(String path) {
        return path.equals("/echo") ? Optional.of(route) : Optional.empty();
      }

      @Override
      public List<Route> routes() {
        return List.of(route);
      }
    };
    observer = new GatewayObserver(table, Clock.systemUTC());
    engine = Engine.create(NO_TIMERS, observer);
    admin = AdminServer.start("127.0.0.1", 0, observer, plugins);
  }

  @AfterEach
  void stop() {
    admin.close();
    plugins.close();
    connectionsLog.removeHandler(capture);
    connectionsLog.setLevel(null);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static ByteBuffer text(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  private static ByteBuffer close(int code) {
    return ByteBuffer.allocate(2).putShort(0, (short) code);
  }

  private Connection openConnection(RecordingTransport transport) {
    Connection connection = engine.open(chain, EngineSettings.DEFAULTS, transport);
    connection.start(HandshakeRequests.create("/echo", null,
        Map.of("host", List.of("127.0.0.1:8080")), new InetSocketAddress("127.0.0.1", 50000)));
    connection.upstreamConnected(null);
    return connection;
  }

  @Test
  void healthAnswersAndOtherMethodsAndPathsAreRefused() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/health").body()).contains("\"up\"");
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/health"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void theEndpointRefusesANonLoopbackAddress() {
    assertThatThrownBy(() -> AdminServer.start("0.0.0.0", 0, observer, plugins))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback only");
  }

  @Test
  void pluginsListsEachJarWithItsVersionAndPlugins() throws Exception {
    String body = get("/plugins").body();

    assertThat(body).contains("plain-plugin.jar", "\"version\" : \"1.2.3\"", "\"id\" : \"com.example:test-plugin\"",
        "\"name\" : \"plain\"", "\"priority\" : 3", "\"pdkVersion\" : \"1.0\"");
  }

  @Test
  void connectionsListsOpenConnectionsWithRouteAndChain() throws Exception {
    RecordingTransport transport = new RecordingTransport();
    Connection connection = openConnection(transport);

    String open = get("/connections").body();
    assertThat(open).contains("\"open\" : 1", "\"id\" : \"" + connection.id() + "\"", "\"route\" : \"echo-route\"", "\"picky\"");

    connection.frame(Side.CLIENT, true, 0, 8, close(1000));
    connection.frame(Side.UPSTREAM, true, 0, 8, close(1000));
    connection.gone(Side.UPSTREAM);
    connection.gone(Side.CLIENT);

    assertThat(connection.isFinished()).isTrue();
    assertThat(get("/connections").body()).contains("\"open\" : 0");
  }

  @Test
  void metricsCountFramesBytesDropsErrorsAndCloseCodesAndTheCloseIsLoggedOnOneLine() throws Exception {
    RecordingTransport transport = new RecordingTransport();
    Connection connection = openConnection(transport);
    connection.frame(Side.CLIENT, true, 0, 1, text("hello"));
    connection.frame(Side.CLIENT, true, 0, 1, text("drop"));
    connection.frame(Side.CLIENT, true, 0, 1, text("boom"));
    connection.frame(Side.UPSTREAM, true, 0, 2, text("abc"));
    connection.frame(Side.CLIENT, true, 0, 8, close(1000));
    connection.frame(Side.UPSTREAM, true, 0, 8, close(1001));
    connection.gone(Side.UPSTREAM);
    connection.gone(Side.CLIENT);

    assertThat(transport.sent).contains("UPSTREAM:TEXT", "CLIENT:BINARY");
    String metrics = get("/metrics").body();
    assertThat(metrics).contains(
        "framegate_connections_open 0",
        "framegate_connections_opened_total 1",
        // "boom" fails in the plugin; the SKIP policy forwards it
        "framegate_frames_total{direction=\"client_to_upstream\",type=\"text\"} 2",
        "framegate_frames_total{direction=\"upstream_to_client\",type=\"binary\"} 1",
        "framegate_frames_dropped_total{direction=\"client_to_upstream\",plugin=\"picky\"} 1",
        "framegate_plugin_errors_total{plugin=\"picky\",phase=\"client_frame\"} 1",
        "framegate_close_codes_total{side=\"upstream\",code=\"1000\"} 1",
        "framegate_close_codes_total{side=\"client\",code=\"1001\"} 1",
        "framegate_connections_closed_total{cause=\"client_close\"} 1",
        "# TYPE framegate_plugin_seconds summary",
        "framegate_plugin_seconds_count{plugin=\"picky\",phase=\"client_frame\"} 4");
    assertThat(metrics).containsPattern("framegate_bytes_total\\{direction=\"client_to_upstream\"} 1[0-9]\n");
    assertThat(logLines).anySatisfy(line -> assertThat(line)
        .startsWith("connection closed id=" + connection.id() + " route=echo-route path=/echo remote=")
        .contains(" chain=picky ", " cause=CLIENT_CLOSE client_close=1001 upstream_close=1000"));
  }
}
