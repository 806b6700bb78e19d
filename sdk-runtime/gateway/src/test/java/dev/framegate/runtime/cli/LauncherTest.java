package dev.framegate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.runtime.internal.demo.DemoSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole runtime as `framegate run` assembles it: real sockets, real plugin JAR, real echo. */
class LauncherTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private Path config;
  private Launcher launcher;

  @BeforeEach
  void start() throws Exception {
    config = DemoSetup.prepare(dir, 0, 0);
    launcher = Launcher.start(config, new GatewayListeners());
  }

  @AfterEach
  void stop() {
    launcher.close();
  }


  private WebSocket connect(String path, RecordingListener client) {
    return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .buildAsync(URI.create("ws://127.0.0.1:" + launcher.port() + path), client).join();
  }

  private String admin(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + launcher.adminPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void proxiesThroughThePluginJarToTheBuiltInEchoAndReportsTheConnection() throws Exception {
    RecordingListener client = new RecordingListener();
    WebSocket socket = connect("/echo", client);

    socket.sendText("tell nobody the secret", true).join();

    assertThat(client.next()).isEqualTo("text TELL NOBODY THE ***");
    assertThat(admin("/connections")).contains("\"open\" : 1", "\"route\" : \"echo\"", "\"redact\", \"uppercase\"");
    socket.sendClose(1000, "done").join();
    assertThat(client.next()).isEqualTo("close 1000");
    assertThat(admin("/metrics")).contains("framegate_frames_total{direction=\"client_to_upstream\",type=\"text\"} 1",
        "framegate_in_flight_bytes ", "framegate_stalled_worker_threads 0");
  }

  @Test
  @DisplayName("P2 a reload reaches new connections while open ones keep the chain fixed at their handshake")
  void aReloadReachesNewConnectionsWhileOpenOnesKeepTheirChain() throws Exception {
    RecordingListener before = new RecordingListener();
    WebSocket old = connect("/echo", before);
    Files.writeString(config, Files.readString(config).replace("words: [secret, password]", "words: [hello]"));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (launcher.routes().resolve("/echo").orElseThrow().chain().entries().get(0).config().toString().contains("secret")
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    RecordingListener after = new RecordingListener();
    WebSocket fresh = connect("/echo", after);
    fresh.sendText("hello secret", true).join();
    old.sendText("hello secret", true).join();
    assertThat(after.next()).isEqualTo("text *** SECRET");
    assertThat(before.next()).isEqualTo("text HELLO ***");
  }

  @Test
  @DisplayName("C6 stopping the runtime closes every open connection with 1001")
  void c6StoppingClosesOpenConnectionsWith1001() throws Exception {
    RecordingListener client = new RecordingListener();
    connect("/plain", client).sendText("ping", true).join();
    assertThat(client.next()).isEqualTo("text ping");

    launcher.close();

    assertThat(client.next()).isEqualTo("close 1001");
  }

  @Test
  @DisplayName("the built-in echo upstream listens on the port builtin-echo.port sets; a busy port fails the start naming the key")
  void theBuiltinEchoPortCanBeSet() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path echoConfig = dir.resolve("echo.yaml");
    Files.writeString(echoConfig, """
        listeners: [{port: 0}]
        routes: [{name: echo, path: /, upstream: builtin:echo}]
        builtin-echo: {port: %d}
        """.formatted(port));
    try (Launcher echoing = Launcher.start(echoConfig, new GatewayListeners())) {
      RecordingListener direct = new RecordingListener();
      http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/echo"), direct).join()
          .sendText("straight to the echo", true).join();
      assertThat(direct.next()).isEqualTo("text straight to the echo");

      Path clash = dir.resolve("clash.yaml");
      Files.writeString(clash, Files.readString(echoConfig));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Launcher.start(clash, new GatewayListeners()))
          .isInstanceOf(Launcher.StartupException.class)
          .hasMessageStartingWith("clash.yaml: builtin-echo.port: cannot listen on 127.0.0.1:" + port);
    }
  }
}
