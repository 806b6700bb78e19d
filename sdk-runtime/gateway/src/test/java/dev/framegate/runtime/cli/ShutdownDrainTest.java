package dev.framegate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.runtime.internal.demo.DemoSetup;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.Wire;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness turns 503 while the runtime drains on shutdown, before open connections get
 * their 1001, and new upgrades are refused meanwhile.
 */
class ShutdownDrainTest {

  @TempDir Path dir;

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  private Path config(int port, int adminPort, String drainDelay) throws IOException {
    Path config = DemoSetup.prepare(dir, port, adminPort);
    Files.writeString(config, Files.readString(config) + "shutdown: {drain-delay: " + drainDelay + "}\n");
    return config;
  }

  private static Wire.Head admin(int port, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      return Wire.readHead(socket.getInputStream());
    }
  }

  private static Wire.Head awaitReadiness(int adminPort, int status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Wire.Head ready = null;
    while (System.nanoTime() < deadline) {
      try {
        ready = admin(adminPort, "/health/ready");
        if (ready.status() == status) {
          return ready;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new AssertionError("readiness never became " + status + ", last: " + ready);
  }

  /** While draining: live 200, ready 503, a new upgrade 503, the open connection still echoes; then 1001. */
  private static void assertDrainsThenCloses(int port, int adminPort, RawClient open, long drainStartNanos,
      long drainMillis) throws Exception {
    Wire.Head ready = awaitReadiness(adminPort, 503);
    assertThat(ready.body()).contains("draining");
    assertThat(admin(adminPort, "/health/live").status()).isEqualTo(200);
    try (RawClient late = RawClient.connect(port).upgrade("/plain")) {
      assertThat(late.response.status()).as("a new upgrade while draining").isEqualTo(503);
      assertThat(late.response.body()).contains("shutting down");
    }
    open.sendText("still there");
    assertThat(open.read().text()).as("the open connection is served while draining").isEqualTo("still there");

    Wire.RawFrame close = open.readUntilClose();
    long millis = (System.nanoTime() - drainStartNanos) / 1_000_000;
    assertThat(close.closeCode()).isEqualTo(1001);
    assertThat(millis).as("the 1001 comes after the drain delay").isGreaterThanOrEqualTo(drainMillis - 50);
    open.sendClose(1001, ""); // completes the close handshake, so the runtime need not wait out its grace
  }

  @Test
  @DisplayName("C6 stop(): readiness 503 and new upgrades refused during shutdown.drain-delay, then 1001 to open connections")
  void stopDrainsBeforeClosing() throws Exception {
    Launcher running = Launcher.start(config(0, 0, "1500ms"), new GatewayListeners());
    resources.add(running::close);
    assertThat(admin(running.adminPort(), "/health/ready").status()).isEqualTo(200);
    RawClient open = keep(RawClient.connect(running.port()).upgrade("/plain"));
    assertThat(open.response.status()).isEqualTo(101);

    long start = System.nanoTime();
    Thread stopper = new Thread(running::stop, "stopper");
    stopper.start();

    assertDrainsThenCloses(running.port(), running.adminPort(), open, start, 1500);
    stopper.join(20_000);
    assertThat(stopper.isAlive()).isFalse();
  }

  @Test
  @DisplayName("C6 SIGTERM to `framegate run`: readiness 503 and new upgrades refused during the drain delay, then 1001, exit 0")
  void sigtermDrainsBeforeClosing() throws Exception {
    int port = freePort();
    int adminPort = freePort();
    Path config = config(port, adminPort, "1500ms");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "run", "--config", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("run.log").toFile())
        .start();
    resources.add(() -> {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    });
    awaitReadiness(adminPort, 200);
    RawClient open = keep(RawClient.connect(port).upgrade("/plain"));
    assertThat(open.response.status()).isEqualTo(101);

    long start = System.nanoTime();
    process.destroy(); // SIGTERM

    assertDrainsThenCloses(port, adminPort, open, start, 1500);
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the process exits").isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("run.log"))).isIn(0, 143);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
