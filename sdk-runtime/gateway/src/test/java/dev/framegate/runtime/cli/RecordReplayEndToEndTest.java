package dev.framegate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.examples.RedactPlugin;
import dev.framegate.examples.UppercasePlugin;
import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.recording.RecordedEvent;
import dev.framegate.harness.recording.Recording;
import dev.framegate.harness.recording.ReplayMismatch;
import dev.framegate.harness.recording.ReplayOptions;
import dev.framegate.runtime.internal.demo.DemoSetup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection recorded by the real runtime (real sockets, the example plugin JAR in its own class
 * loader) replays green in the harness with the example plugins, from a test and from {@code
 * framegate replay}; a changed plugin configuration makes the replay fail with both transcripts
 * side by side.
 */
class RecordReplayEndToEndTest {

  @TempDir
  Path dir;

  private static final String CONFIG = """
      listeners:
        - {protocol: ws, host: 127.0.0.1, port: 0}
      plugins:
        directory: plugins
        fail-fast: true
      admin:
        port: 0
      routes:
        - name: echo
          path: /echo
          upstream: builtin:echo
          plugins:
            - name: redact
              config: {words: [secret, password], replacement: "***"}
            - name: uppercase
              config: {direction: %s}
          record:
            directory: recordings
            redact:
              json-fields: [token]
      """;

  @Test
  void aRecordedConnectionReplaysGreenAndAChangedPluginFailsWithASideBySideDiff() throws Exception {
    DemoSetup.prepare(dir, 0, 0); // the example plugin JAR in dir/plugins
    Path config = Files.writeString(dir.resolve("gateway.yaml"), CONFIG.formatted("upstream-to-client"));
    Path recordings = dir.resolve("recordings");
    Launcher launcher = Launcher.start(config, new GatewayListeners());
    try {
      LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
      CompletableFuture<Integer> closed = new CompletableFuture<>();
      WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
          .header("Authorization", "Bearer do-not-record-me")
          .buildAsync(URI.create("ws://127.0.0.1:" + launcher.port() + "/echo"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
              replies.add(data.toString());
              webSocket.request(1);
              return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
              closed.complete(statusCode);
              return null;
            }
          }).get(10, TimeUnit.SECONDS);
      ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
      assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("HELLO");
      ws.sendText("my password is swordfish", true).get(5, TimeUnit.SECONDS);
      assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("MY *** IS SWORDFISH");
      ws.sendText("{\"token\":\"t-123\",", false).get(5, TimeUnit.SECONDS);
      ws.sendText("\"m\":\"fragmented\"}", true).get(5, TimeUnit.SECONDS);
      assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"TOKEN\":\"T-123\",\"M\":\"FRAGMENTED\"}");

      String connections = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + launcher.adminPort() + "/connections")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(connections).contains("\"recording\" : \"" + recordings.toRealPath());

      ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
      assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
      Path file = finishedRecording(recordings);
      String text = Files.readString(file);
      assertThat(text).doesNotContain("do-not-record-me").doesNotContainIgnoringCase("t-123").contains("[redacted]");

      Recording recording = Recording.read(file);
      assertThat(recording.header().route()).isEqualTo("echo");
      assertThat(recording.header().plugins()).containsExactly("redact", "uppercase");
      assertThat(recording.events(RecordedEvent.Rewritten.class)).extracting(RecordedEvent.Rewritten::plugin)
          .contains("redact", "uppercase");

      // In the harness, with the example plugins as the route configures them: green.
      try (FrameHarness harness = FrameHarness.builder()
          .plugin(RedactPlugin.class, Map.of("words", List.of("secret", "password"), "replacement", "***"))
          .plugin(UppercasePlugin.class, Map.of("direction", "upstream-to-client"))
          .build()) {
        // The runtime took real time to run plugins and write; a loaded build machine takes more.
        assertThat(harness.replay(recording, ReplayOptions.defaults().withTimeTolerance(Duration.ofSeconds(5))).matched())
            .isTrue();
      }
      // The same plugins, changed: a readable difference.
      try (FrameHarness harness = FrameHarness.builder()
          .plugin(RedactPlugin.class, Map.of("words", List.of("secret", "password"), "replacement", "###"))
          .plugin(UppercasePlugin.class, Map.of("direction", "upstream-to-client"))
          .build()) {
        assertThatThrownBy(() -> harness.replay(recording, ReplayOptions.defaults().ignoringTiming()))
            .isInstanceOf(ReplayMismatch.class)
            .hasMessageContaining("differs from the recording at event")
            .hasMessageContaining("gateway → upstream TEXT len=19 \"my *** is swordfish\"")
            .hasMessageContaining("≠ t=")
            .hasMessageContaining("gateway → upstream TEXT len=19 \"my ### is swordfish\"");
      }

      // From the command line, with the plugin JAR and the route's configuration.
      Run green = main("replay", "--recording", file.toString(), "--config", config.toString(),
          "--plugins", dir.resolve("plugins").toString(), "--time-tolerance", "5000ms");
      assertThat(green.code).as(green.out + green.err).isZero();
      assertThat(green.out).contains("matches: route 'echo' with plugins [redact, uppercase]");

      Path changed = Files.writeString(dir.resolve("changed.yaml"), CONFIG.formatted("both"));
      Run red = main("replay", "--recording", file.toString(), "--config", changed.toString(), "--ignore-timing");
      assertThat(red.code).as(red.out + red.err).isEqualTo(1);
      assertThat(red.out)
          .contains("differs from the recording at event")
          .contains(">>")
          .contains("gateway → upstream TEXT len=5 \"hello\"")
          .contains("gateway → upstream TEXT len=5 \"HELLO\"")
          .contains("no longer does what " + file.getFileName() + " shows");
    } finally {
      launcher.close();
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run main(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        new GatewayListeners()).execute(args, null);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The connection's recording, once its last line (the close phase) is written. */
  private static Path finishedRecording(Path directory) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(directory)) {
        try (Stream<Path> files = Files.list(directory)) {
          List<Path> found = files.filter(p -> p.toString().endsWith(".jsonl")).toList();
          if (found.size() == 1) {
            List<String> lines = Files.readAllLines(found.get(0));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).contains("\"event\":\"finished\"")) {
              return found.get(0);
            }
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no finished recording in " + directory);
  }
}
