package dev.framegate.runtime.cli;

import dev.framegate.runtime.internal.demo.DemoSetup;
import dev.framegate.runtime.internal.demo.WsClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The run the build makes to record the distribution's class-data-sharing archive: the demo's
 * configuration, plugin JAR and echo upstream on loopback, one message through the plugins, a clean
 * stop. The JVM loads what a real start loads (configuration, plugin loader, Grizzly, Tyrus server
 * and client, engine) and, started with {@code -XX:ArchiveClassesAtExit}, writes those classes to
 * the archive that {@code bin/framegate} then maps at every start, which roughly halves the time to
 * listening.
 */
final class ClassArchiveTraining {

  private ClassArchiveTraining() {}

  /**
   * Runs the training.
   *
   * @param args ignored
   * @throws Exception when the runtime cannot start or the message does not come back
   */
  public static void main(String[] args) throws Exception {
    Path directory = Files.createTempDirectory("framegate-training-");
    try (Launcher launcher = Launcher.start(DemoSetup.prepare(directory, 0, 0), new GatewayListeners())) {
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      int status = new WsClient(quiet)
          .send(URI.create("ws://127.0.0.1:" + launcher.port() + "/echo"), List.of("hello secret"), WsClient.Options.of(Duration.ofSeconds(10)));
      if (status != 0) {
        throw new IllegalStateException("the training message did not come back through the gateway");
      }
    } finally {
      try (var files = Files.walk(directory)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
