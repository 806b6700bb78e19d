package dev.framegate.plugins.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** A redis-server on a free loopback port for the redis policy's benchmark (redis-server must be installed). */
final class LocalRedis implements AutoCloseable {

  private final Process process;
  private final int port;

  private LocalRedis(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static LocalRedis start() {
    try {
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          return new LocalRedis(process, port);
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      process.destroyForcibly();
      throw new IllegalStateException("redis-server did not listen on " + port);
    } catch (IOException e) {
      throw new IllegalStateException("the redis policy's benchmark needs redis-server on the PATH: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
