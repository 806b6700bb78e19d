package dev.framegate.plugins.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} process on a free loopback port, with no persistence. CI installs
 * Redis ({@code .ci/run}); on a developer machine without it, {@link #start(Path)} skips the test
 * with a message saying what to install.
 */
public final class RedisServer implements AutoCloseable {

  private final Process process;
  private final int port;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Whether {@code redis-server} is on the PATH.
   *
   * @return {@code true} when it is
   */
  public static boolean available() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Starts Redis, or skips the calling test when {@code redis-server} is not installed.
   *
   * @param directory a working directory for it
   * @return the running server
   * @throws IOException when it cannot be started
   */
  public static RedisServer start(Path directory) throws IOException {
    Assumptions.assumeTrue(available(), "redis-server is not installed: this test needs a real Redis"
        + " (apt-get install redis-server; CI installs it in .ci/run)");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--dir", directory.toString())
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("redis-" + port + ".log").toFile())
        .start();
    // a test JVM that ends early (a failed assertion before close, a killed build) leaves no Redis behind
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "redis-server-" + port));
    RedisServer server = new RedisServer(process, port);
    server.awaitPong(Duration.ofSeconds(20));
    return server;
  }

  private void awaitPong(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited with " + process.exitValue());
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        OutputStream out = socket.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] reply = new byte[7];
        int read = in.read(reply);
        if (read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException("redis-server did not answer PING on port " + port + " within " + timeout);
  }

  /**
   * The server's URI.
   *
   * @return {@code redis://127.0.0.1:port}
   */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * The port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /** Kills the server at once (SIGKILL): an outage, not a shutdown. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
