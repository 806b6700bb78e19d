package dev.framegate.runtime.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.internal.admin.AdminServer;
import dev.framegate.runtime.internal.admin.GatewayObserver;
import dev.framegate.runtime.internal.demo.EchoServer;
import dev.framegate.api.internal.PdkVersion;
import dev.framegate.runtime.internal.plugins.PluginLoader;
import dev.framegate.runtime.internal.plugins.Plugins;
import dev.framegate.runtime.internal.plugins.TestJars;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import dev.framegate.runtime.internal.tyrus.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One runtime as `framegate run` assembles it (gateway, observer, admin endpoint, built-in echo), with
 * a plugin route and a plain route to the same upstream for every kind of upstream, for the protocol
 * abuse suite. The plugin route's plugin reads every frame of both directions and changes nothing,
 * so a correct gateway answers both routes alike.
 */
final class AbuseRig implements AutoCloseable {

  /** Client messages over this many bytes close the client with 1009 on every route. */
  static final int CLIENT_MAX_PAYLOAD = 64 * 1024;

  /** The plugin route and the plain route to the raw upstream, which echoes and records. */
  static final String PLUG = "/tplug";
  static final String PLAIN = "/tplain";

  /** The plugin route and the plain route to the built-in echo. */
  static final String ECHO_PLUG = "/eplug";
  static final String ECHO_PLAIN = "/eplain";

  /** Reads every frame and changes nothing: its presence must not change any outcome. */
  @FramegatePlugin(name = "abuse-reader", priority = 10)
  public static final class Reader implements FramePlugin<NoConfig> {
    @Override
    public void onClientFrame(WsContext ws, NoConfig config) {
      read(ws.client().getFrame());
    }

    @Override
    public void onUpstreamFrame(WsContext ws, NoConfig config) {
      read(ws.upstream().getFrame());
    }

    private static void read(dev.framegate.api.Frame frame) {
      if (frame.type() == FrameType.TEXT) {
        frame.text();
      } else {
        frame.payload();
      }
    }
  }

  final RawUpstream upstream;
  final EchoServer echo;
  final GatewayObserver observer;
  final Gateway gateway;
  final Plugins plugins;
  final Path pluginDirectory;
  final AdminServer admin;

  AbuseRig(Path workDirectory) throws Exception {
    EngineSettings settings = new EngineSettings(CLIENT_MAX_PAYLOAD, EngineSettings.DEFAULT_UPSTREAM_MAX_PAYLOAD, 0, 0,
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ZERO, Duration.ZERO, false,
        EngineSettings.DEFAULT_PLUGIN_TIMEOUT, EngineSettings.DEFAULT_MAX_IN_FLIGHT_BYTES);
    PluginChain reader = PluginChain.builder().add(new Reader(), NoConfig.INSTANCE).build();
    upstream = new RawUpstream();
    echo = EchoServer.start(0);
    List<Route> routes = List.of(
        new Route("tplug", PLUG, upstream.uri("/plug"), reader, settings),
        new Route("tplain", PLAIN, upstream.uri("/plain"), PluginChain.empty(), settings),
        new Route("eplug", ECHO_PLUG, echo.uri(), reader, settings),
        new Route("eplain", ECHO_PLAIN, echo.uri(), PluginChain.empty(), settings));
    RouteTable table = new RouteTable() {
      @Override
      public Optional<Route> resolve(String path) {
        return routes.stream().filter(route -> route.serves(path)).findFirst();
      }

      @Override
      public List<Route> routes() {
        return routes;
      }
    };
    observer = new GatewayObserver(table, Clock.systemUTC());
    gateway = Gateway.builder(table).observer(observer).handshakeTimeout(Duration.ofSeconds(1))
        .shutdownGrace(Duration.ofSeconds(2)).start();
    observer.addTransport(new GatewayObserver.TransportGauges() {
      @Override
      public long inFlightBytes() {
        return gateway.inFlightBytes();
      }

      @Override
      public int stalledWorkerThreads() {
        return gateway.stalledWorkerThreads();
      }
    });
    pluginDirectory = Files.createDirectories(workDirectory.resolve("plugins"));
    Path jar = TestJars.in(workDirectory)
        .source("com.example.Plain", TestJars.pluginSource("com.example", "Plain", "@FramegatePlugin(name = \"plain\", priority = 3)", ""))
        .descriptor("1.0", "com.example.Plain").build("plain-plugin.jar");
    plugins = new Plugins();
    plugins.add(new PluginLoader(PdkVersion.parse("1.0")).load(Files.copy(jar, pluginDirectory.resolve("plain-plugin.jar"))));
    admin = AdminServer.start(new AdminServer.Settings("127.0.0.1", 0, 2, Duration.ofSeconds(5), Duration.ofSeconds(2),
        8192, Optional.empty(), Optional.of(pluginDirectory)), observer, plugins);
  }

  /** The upstream path a route's upstream base is removed from, so that both routes report alike. */
  static String relativeUpstreamPath(String requestLine) {
    String target = requestLine.split(" ")[1];
    for (String base : List.of("/plug", "/plain")) {
      if (target.startsWith(base)) {
        String rest = target.substring(base.length());
        return rest.isEmpty() ? "/" : rest;
      }
    }
    return target;
  }

  // ------------------------------------------------------------------ client side

  /** What a client did on one connection, sent by a case. */
  @FunctionalInterface
  interface Script {
    void run(RawClient client) throws Exception;
  }

  /**
   * Upgrades on a path, runs the script, then reads until the connection ends: every frame as an
   * event, a close frame answered as RFC 6455 says (the same code back), and the end of the TCP
   * connection. The outcome is what a client sees, comparable between routes.
   */
  Outcome exchange(String path, Script script, String... extraHeaderLines) throws Exception {
    upstream.requests.clear();
    try (RawClient client = RawClient.connect(gateway.port()).upgrade(path, extraHeaderLines)) {
      if (client.response.status() != 101) {
        return Outcome.refused(client.response);
      }
      try {
        script.run(client);
      } catch (SocketException closedWhileWriting) {
        // the gateway closed the connection while the script was still writing; read what it said
      }
      return new Outcome(101, collect(client), List.of());
    }
  }

  /** Reads frames until the gateway closes the connection. */
  static List<String> collect(RawClient client) throws IOException {
    List<String> events = new ArrayList<>();
    while (true) {
      Wire.RawFrame frame;
      try {
        frame = client.read();
      } catch (EOFException | SocketException gone) {
        events.add("eof");
        return events;
      } catch (SocketTimeoutException silent) {
        events.add("no answer within 10 s");
        return events;
      }
      switch (frame.opcode()) {
        case 1 -> events.add(textEvent(frame.text()));
        case 2 -> events.add("binary:" + frame.payload().length);
        case 9 -> events.add("ping:" + frame.text());
        case 0xA -> events.add("pong:" + frame.text());
        case 8 -> {
          events.add(frame.payload().length == 0 ? "close:none" : "close:" + frame.closeCode());
          try {
            if (frame.payload().length == 0) {
              client.send(8, new byte[0]);
            } else {
              client.sendClose(frame.closeCode(), "");
            }
          } catch (IOException alreadyClosed) {
            // the gateway may drop the connection right after its close frame
          }
          events.add(client.closedByPeer() ? "eof" : "still open");
          return events;
        }
        default -> events.add("opcode " + frame.opcode());
      }
    }
  }

  /** Writes a raw request and reads the response head, without the upgrade helper. */
  Outcome rawRequest(String request) throws IOException {
    upstream.requests.clear();
    try (RawClient client = RawClient.connect(gateway.port()).rawRequest(request)) {
      return client.response.status() == 101 ? new Outcome(101, collect(client), List.of()) : Outcome.refused(client.response);
    }
  }

  /** A valid upgrade request head for a path, without the final empty line. */
  String upgradeHead(String requestLineVersion, String path) {
    return "GET " + path + " " + requestLineVersion + "\r\nHost: 127.0.0.1:" + gateway.port() + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
  }

  // ------------------------------------------------------------------ admin side

  Wire.Head adminGet(String path, String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", admin.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      return Wire.readHead(socket.getInputStream());
    }
  }

  private static final Pattern OPEN = Pattern.compile("(?m)^framegate_connections_open (\\d+)$");

  /** The open-connection gauge of {@code /metrics}. */
  long openConnectionsMetric() throws IOException {
    Wire.Head metrics = adminGet("/metrics", "127.0.0.1");
    assertThat(metrics.status()).isEqualTo(200);
    Matcher m = OPEN.matcher(metrics.body());
    assertThat(m.find()).as("framegate_connections_open in %s", metrics.body()).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** Waits until {@code /metrics} shows no connection open, and the transport agrees. */
  void assertNoConnectionLeftOpen() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long open = openConnectionsMetric();
    while ((open != 0 || gateway.openConnections() != 0) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      open = openConnectionsMetric();
    }
    assertThat(open).as("framegate_connections_open after the group").isZero();
    assertThat(gateway.openConnections()).as("connections the transport still holds").isZero();
  }

  @Override
  public void close() throws Exception {
    admin.close();
    gateway.close();
    echo.close();
    upstream.close();
    plugins.close();
  }

  // ------------------------------------------------------------------ outcomes

  /**
   * What a client observed: the handshake status, then either the frames and the end of the
   * connection (after a 101), or the response headers a case looks at (after a refusal).
   *
   * @param status the handshake status
   * @param events frames received ({@code text:...}, {@code binary:N}, {@code ping:...}, {@code
   *     pong:...}, {@code close:CODE} or {@code close:none}) and {@code eof}
   * @param details the refusal's body start and the headers a case asked for
   */
  record Outcome(int status, List<String> events, List<String> details) {
    static Outcome refused(Wire.Head response) {
      List<String> details = new ArrayList<>();
      String version = response.header("sec-websocket-version");
      if (version != null) {
        details.add("sec-websocket-version: " + version);
      }
      // the kind of refusal, not its text: the reason may quote the route's own path
      String body = response.body();
      int colon = body.indexOf(':');
      details.add("body: " + (colon < 0 ? body : body.substring(0, colon)).strip());
      return new Outcome(response.status(), List.of(), details);
    }

    Outcome with(String detail) {
      List<String> more = new ArrayList<>(details);
      more.add(detail);
      return new Outcome(status, events, more);
    }

    @Override
    public String toString() {
      return status + " " + events + (details.isEmpty() ? "" : " " + details);
    }
  }

  /** How a received text message shows in an outcome: short ones whole, long ones by size and start. */
  static String textEvent(String text) {
    return text.length() <= 40 ? "text:" + text : "text:" + text.length() + " chars, " + text.substring(0, 10) + "...";
  }

  static List<String> events(String... events) {
    return List.of(events);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
