package dev.framegate.runtime.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import dev.framegate.api.internal.PdkVersion;
import dev.framegate.runtime.internal.plugins.PluginLoader;
import dev.framegate.runtime.internal.plugins.Plugins;
import dev.framegate.runtime.internal.plugins.TestJars;
import dev.framegate.runtime.internal.tyrus.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin endpoint from raw sockets, as a hostile or careless client sees it: stalled and slow
 * clients, oversized heads, bodies, foreign {@code Host} names, missing tokens, and readiness.
 */
class AdminEndpointProtectionTest {

  private static final String TOKEN = "s3cret-Token_42";

  @TempDir Path dir;

  private Plugins plugins;
  private GatewayObserver observer;
  private final List<AdminServer> servers = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    Path pluginDirectory = Files.createDirectories(dir.resolve("plugins"));
    Path jar = TestJars.in(dir)
        .source("com.example.Plain", TestJars.pluginSource("com.example", "Plain", "@FramegatePlugin(name = \"plain\", priority = 3)", ""))
        .descriptor("1.0", "com.example.Plain").build("plain-plugin.jar");
    Path inDirectory = Files.copy(jar, pluginDirectory.resolve("plain-plugin.jar"));
    plugins = new Plugins();
    plugins.add(new PluginLoader(PdkVersion.parse("1.0")).load(inDirectory));
    RouteTable none = new RouteTable() {
      @Override
      public Optional<Route> resolve(String path) {
        return Optional.empty();
      }

      @Override
      public List<Route> routes() {
        return List.of();
      }
    };
    observer = new GatewayObserver(none, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    servers.forEach(AdminServer::close);
    plugins.close();
  }

  private AdminServer start(Duration headerTimeout, Duration readTimeout, Optional<String> token) throws IOException {
    AdminServer server = AdminServer.start(new AdminServer.Settings("127.0.0.1", 0, 2, headerTimeout, readTimeout, 8192,
        token, Optional.of(dir.resolve("plugins"))), observer, plugins);
    servers.add(server);
    return server;
  }

  private AdminServer start() throws IOException {
    return start(Duration.ofSeconds(5), Duration.ofSeconds(2), Optional.empty());
  }

  private Socket connect(AdminServer server) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(10_000);
    sockets.add(socket);
    return socket;
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** One request on a fresh connection; the response head and body. */
  private Wire.Head request(AdminServer server, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      write(socket, request);
      return Wire.readHead(socket.getInputStream());
    }
  }

  private Wire.Head get(AdminServer server, String path, String... headerLines) throws IOException {
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    return request(server, request.append("Connection: close\r\n\r\n").toString());
  }

  /** Milliseconds until the peer closed the connection (end of stream or reset). */
  private static long millisUntilClosed(Socket socket) throws IOException {
    long start = System.nanoTime();
    InputStream in = socket.getInputStream();
    try {
      while (in.read() >= 0) {
        // discard
      }
    } catch (java.net.SocketException reset) {
      // closed as well
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  @DisplayName("ADM.1 clients stalled in the middle of a request head do not delay /health/live by more than 100 ms")
  void stalledClientsDoNotDelayHealth() throws Exception {
    AdminServer server = start(Duration.ofSeconds(30), Duration.ofSeconds(30), Optional.empty());
    assertThat(get(server, "/health/live").status()).as("warm-up").isEqualTo(200);
    // More stalled clients than worker threads: a server that reads heads on its workers would be stuck.
    for (int i = 0; i < 6; i++) {
      write(connect(server), "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    }
    Thread.sleep(200);
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long start = System.nanoTime();
      Wire.Head health = get(server, "/health/live");
      millis.add((System.nanoTime() - start) / 1_000_000);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.body()).contains("\"up\"");
    }
    Collections.sort(millis);
    assertThat(millis.get(millis.size() / 2)).as("median /health/live time in ms, all: %s", millis).isLessThanOrEqualTo(100);
  }

  @Test
  @DisplayName("ADM.2 a client that does not complete its request head within the header timeout is disconnected")
  void headerTimeout() throws Exception {
    AdminServer server = start(Duration.ofMillis(600), Duration.ofSeconds(30), Optional.empty());
    Socket stalled = connect(server);
    write(stalled, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    long millis = millisUntilClosed(stalled);
    assertThat(millis).isBetween(300L, 5_000L);
    // a connection that sends nothing at all goes the same way
    assertThat(millisUntilClosed(connect(server))).isBetween(300L, 5_000L);
  }

  @Test
  @DisplayName("ADM.3 a client that dribbles its head one byte at a time is cut off at the header timeout")
  void dribblingClient() throws Exception {
    AdminServer server = start(Duration.ofMillis(800), Duration.ofSeconds(30), Optional.empty());
    Socket slow = connect(server);
    long start = System.nanoTime();
    byte[] head = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        .getBytes(StandardCharsets.ISO_8859_1);
    try {
      for (byte b : head) {
        slow.getOutputStream().write(b);
        slow.getOutputStream().flush();
        Thread.sleep(100);
      }
    } catch (IOException closed) {
      // the server closed it while we were still writing
    }
    millisUntilClosed(slow);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(millis).as("closed after the header timeout though the client kept sending").isBetween(500L, 4_000L);
  }

  @Test
  @DisplayName("ADM.4 a client silent in the middle of a head for the read timeout is disconnected before the header timeout")
  void readTimeout() throws Exception {
    AdminServer server = start(Duration.ofSeconds(30), Duration.ofMillis(500), Optional.empty());
    Socket silent = connect(server);
    write(silent, "GET /health HTTP/1.1\r\nHo");
    assertThat(millisUntilClosed(silent)).isBetween(250L, 5_000L);
  }

  @Test
  @DisplayName("ADM.5 request heads over the size cap and request bodies are refused")
  void sizeCaps() throws Exception {
    AdminServer server = start();
    Wire.Head huge = get(server, "/health", "X-Big: " + "a".repeat(16 * 1024));
    assertThat(huge.status()).isBetween(400, 499);
    Wire.Head body = request(server, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
        + "Connection: close\r\n\r\nhello");
    // Grizzly's parser refuses a GET with a body; any other method gets 405 before its body is read
    assertThat(body.status()).as(body.toString()).isEqualTo(400);
    Wire.Head chunked = request(server, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertThat(chunked.status()).isEqualTo(400);
    Wire.Head post = request(server, "POST /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(post.status()).isEqualTo(405);
    StringBuilder many = new StringBuilder("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (int i = 0; i < 200; i++) {
      many.append("X-H").append(i).append(": 1\r\n");
    }
    assertThat(request(server, many.append("Connection: close\r\n\r\n").toString()).status()).isBetween(400, 499);
    assertThat(get(server, "/health").status()).as("still serving").isEqualTo(200);
  }

  @Test
  @DisplayName("ADM.6 only loopback names and the configured host are answered: any other Host gets 421 (DNS rebinding)")
  void hostCheck() throws Exception {
    AdminServer server = start();
    for (String host : List.of("127.0.0.1", "127.0.0.1:" + server.port(), "localhost", "LOCALHOST:9090", "localhost.",
        "[::1]", "[::1]:9090", "127.0.0.2")) {
      assertThat(request(server, "GET /health/live HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").status())
          .as(host).isEqualTo(200);
    }
    for (String host : List.of("evil.example", "evil.example:" + server.port(), "127.0.0.1.nip.io", "10.0.0.1",
        "localhost.evil.example", "::1", "[::1", "")) {
      Wire.Head refused = request(server, "GET /metrics HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
      assertThat(refused.status()).as(host).isEqualTo(421);
      assertThat(refused.body()).as(host).contains("localhost").doesNotContain("framegate_");
    }
    // Grizzly's parser refuses an HTTP/1.1 request without Host itself (RFC 9112 3.2)
    assertThat(request(server, "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n").status())
        .as("HTTP/1.1 without Host").isEqualTo(400);
    assertThat(request(server, "GET /health HTTP/1.0\r\n\r\n").status()).as("HTTP/1.0 without Host").isEqualTo(200);
  }

  @Test
  @DisplayName("ADM.7 with a token, /plugins, /connections and /metrics need 'Authorization: Bearer <token>'; health checks do not")
  void bearerToken() throws Exception {
    AdminServer server = start(Duration.ofSeconds(5), Duration.ofSeconds(2), Optional.of(TOKEN));
    for (String path : List.of("/plugins", "/connections", "/metrics")) {
      Wire.Head none = get(server, path);
      assertThat(none.status()).as(path).isEqualTo(401);
      assertThat(none.header("WWW-Authenticate")).as(path).startsWith("Bearer");
      assertThat(get(server, path, "Authorization: Bearer wrong").status()).as(path).isEqualTo(401);
      assertThat(get(server, path, "Authorization: Bearer " + TOKEN + "x").status()).as(path).isEqualTo(401);
      assertThat(get(server, path, "Authorization: Basic " + TOKEN).status()).as(path).isEqualTo(401);
      assertThat(get(server, path, "Authorization: Bearer " + TOKEN).status()).as(path).isEqualTo(200);
    }
    for (String path : List.of("/health", "/health/live", "/health/ready")) {
      assertThat(get(server, path).status()).as(path).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("ADM.8 /plugins names JARs relative to the plugin directory, never by absolute path")
  void pluginsWithoutAbsolutePaths() throws Exception {
    AdminServer server = start();
    Wire.Head plugins = get(server, "/plugins");
    assertThat(plugins.status()).isEqualTo(200);
    assertThat(plugins.body()).contains("\"jar\" : \"plain-plugin.jar\"")
        .doesNotContain(dir.toString()).doesNotContain(dir.toRealPath().toString());
  }

  @Test
  @DisplayName("ADM.9 /health/ready turns 503 while draining; /health/live and /health stay 200")
  void readiness() throws Exception {
    AdminServer server = start();
    assertThat(get(server, "/health/ready").status()).isEqualTo(200);
    assertThat(get(server, "/health/ready").body()).contains("\"ready\"");
    server.startDraining();
    Wire.Head ready = get(server, "/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.body()).contains("\"draining\"");
    assertThat(get(server, "/health/live").status()).isEqualTo(200);
    assertThat(get(server, "/health").status()).isEqualTo(200);
    assertThat(server.ready()).isFalse();
  }

  @Test
  @DisplayName("ADM.10 the worker pool is bounded: many clients at once are answered by the configured threads")
  void boundedWorkers() throws Exception {
    AdminServer server = start();
    List<Thread> clients = new ArrayList<>();
    List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 24; i++) {
      Thread client = new Thread(() -> {
        try {
          statuses.add(get(server, "/metrics").status());
        } catch (IOException e) {
          statuses.add(-1);
        }
      });
      client.start();
      clients.add(client);
    }
    for (Thread client : clients) {
      client.join(10_000);
    }
    assertThat(statuses).hasSize(24).containsOnly(200);
    List<String> workers = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(name -> name.matches("framegate-admin\\(\\d+\\)"))
        .toList();
    assertThat(workers).as("admin worker threads").hasSizeBetween(1, 2);
  }
}
