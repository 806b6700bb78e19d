package dev.framegate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.runtime.internal.demo.DemoSetup;
import dev.framegate.runtime.internal.demo.EchoServer;
import dev.framegate.runtime.internal.plugins.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8), new GatewayListeners());

  private int run(String... args) {
    return main.execute(args, null);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out()).startsWith("Usage: framegate <command> [options]").contains("run --config FILE", "validate --config FILE", "demo", "send URL MESSAGE...");
  }

  @Test
  void noCommandOrAnUnknownOneIsAUsageError() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).startsWith("Usage:");
    assertThat(run("serve")).isEqualTo(2);
    assertThat(err()).contains("framegate: unknown command 'serve'", "Run 'framegate --help' for usage.");
  }

  @Test
  void versionPrintsTheRuntimeAndPdkVersions() {
    assertThat(run("version")).isZero();
    assertThat(out()).startsWith("framegate ").contains("(PDK 1.1)");
  }

  @Test
  void validateNeedsAnExistingConfigFile() {
    assertThat(run("validate")).isEqualTo(2);
    assertThat(err()).contains("--config FILE is required");
    assertThat(run("validate", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(2);
    assertThat(err()).contains("configuration file " + dir.resolve("nope.yaml") + " does not exist");
  }

  @Test
  void validateAcceptsTheDemoConfigurationWithTheRealExamplePluginJar() throws Exception {
    Path config = DemoSetup.prepare(dir, 8080, 9090);

    assertThat(run("validate", "--config", config.toString())).as(err()).isZero();
    assertThat(out()).contains("gateway.yaml: valid (2 plugin(s) loaded: uppercase, redact)");
  }

  @Test
  void validatePrintsEveryErrorWithFileAndFieldAndExitsWith2() throws Exception {
    Path config = DemoSetup.prepare(dir, 8080, 9090);
    Files.writeString(config, Files.readString(config)
        .replace("replacement: \"***\"", "replacement: \"***\", drop: maybe")
        .replace("path: /plain", "path: plain"));

    assertThat(run("validate", "--config", config.toString())).isEqualTo(2);
    assertThat(err()).isEqualTo("gateway.yaml: routes[1].path: must start with / and contain no query or fragment, got \"plain\""
        + System.lineSeparator());

    Files.writeString(config, Files.readString(config).replace("path: plain", "path: /plain"));
    assertThat(run("validate", "--config", config.toString())).isEqualTo(2);
    assertThat(err()).contains("gateway.yaml: routes[0].plugins[0].config.drop: expected a boolean (true or false), got \"maybe\"");
  }

  @Test
  void validateFailsFastOnARefusedPluginJarWhenConfiguredTo() throws Exception {
    Path config = DemoSetup.prepare(dir, 8080, 9090);
    Files.writeString(dir.resolve("plugins/broken.jar"), "not a zip");

    assertThat(run("validate", "--config", config.toString())).isEqualTo(2);
    assertThat(err()).contains("plugin JAR broken.jar refused: not a ZIP file", "plugins.fail-fast is true");

    Files.writeString(config, Files.readString(config).replace("fail-fast: true", "fail-fast: false"));
    assertThat(run("validate", "--config", config.toString())).isZero();
    assertThat(out()).contains("valid", "warning: plugin JAR broken.jar refused: not a ZIP file");
  }

  @Test
  void validateReportsAPluginThatIsNotLoaded() throws Exception {
    Path plugins = Files.createDirectory(dir.resolve("plugins"));
    TestJars.in(dir)
        .source("com.example.Plain", TestJars.pluginSource("com.example", "Plain", "@FramegatePlugin(name = \"plain\")", ""))
        .descriptor("1.0", "com.example.Plain").build("plugins/plain.jar");
    Path config = Files.writeString(dir.resolve("gw.yaml"), """
        listeners: [{port: 0}]
        plugins: {directory: plugins}
        routes: [{name: a, path: /a, upstream: "builtin:echo", plugins: [{name: uppercase}]}]
        """);

    assertThat(Files.exists(plugins.resolve("plain.jar"))).isTrue();
    assertThat(run("validate", "--config", config.toString())).isEqualTo(2);
    assertThat(err()).contains("gw.yaml: routes[0].plugins[0].name: no plugin named 'uppercase' is loaded (loaded: plain)");
  }

  @Test
  void sendPrintsTheRepliesOfARealServer() {
    try (EchoServer echo = EchoServer.start(0)) {
      assertThat(run("send", echo.uri().toString(), "hello", "--timeout", "5s")).isZero();
    }
    assertThat(out()).contains("> hello", "< hello", "closed: 1000");
  }

  @Test
  void sendExplainsAnUnreachableServerAndBadArguments() throws Exception {
    int freePort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      freePort = socket.getLocalPort();
    }
    assertThat(run("send", "ws://127.0.0.1:" + freePort + "/", "x")).isEqualTo(1);
    assertThat(out()).contains("cannot connect to ws://127.0.0.1:" + freePort + "/");

    assertThat(run("send", "http://127.0.0.1/", "x")).isEqualTo(2);
    assertThat(err()).contains("send: the URL must start with ws:// or wss://");
    assertThat(run("send", "ws://127.0.0.1/")).isEqualTo(2);
    assertThat(err()).contains("send: give a URL and at least one message");
  }

  /**
   * A running gateway whose route {@code /guarded} to the built-in echo refuses an upgrade without
   * {@code Authorization: Bearer s3cret} (401) and drops client messages starting with "drop".
   */
  private String startGuardedGateway(java.util.concurrent.CountDownLatch stop) throws Exception {
    Files.createDirectory(dir.resolve("plugins"));
    TestJars.in(dir)
        .source("com.example.Guard", """
            package com.example;
            import dev.framegate.api.*;
            @FramegatePlugin(name = "guard")
            public class Guard implements FramePlugin<NoConfig> {
              @Override
              public void onHandshake(WsContext ws, NoConfig config) {
                if (!ws.request().headers().first("Authorization").orElse("").equals("Bearer s3cret")) {
                  ws.response().reject(401, "who are you?");
                }
              }

              @Override
              public void onClientFrame(WsContext ws, NoConfig config) {
                if (ws.client().getFrame().text().startsWith("drop")) {
                  ws.client().dropFrame();
                }
              }
            }
            """)
        .descriptor("1.0", "com.example.Guard").build("plugins/guard.jar");
    Path config = Files.writeString(dir.resolve("guarded.yaml"), """
        listeners: [{port: 0}]
        plugins: {directory: plugins}
        routes: [{name: guarded, path: /guarded, upstream: "builtin:echo", plugins: [{name: guard}]}]
        """);
    java.util.concurrent.CompletableFuture.supplyAsync(
        () -> main.execute(new String[] {"run", "--config", config.toString()}, stop));
    String banner = waitForOutput("Ctrl-C stops it.");
    java.util.regex.Matcher port = java.util.regex.Pattern.compile("running on port (\\d+)").matcher(banner);
    assertThat(port.find()).as(banner).isTrue();
    return "ws://127.0.0.1:" + port.group(1) + "/guarded";
  }

  @Test
  void sendSetsHeadersWaitsPerMessageGoesOnWhenToldAndAlwaysEndsWithACloseHandshake() throws Exception {
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    try {
      String url = startGuardedGateway(stop);

      assertThat(run("send", url, "hello")).isEqualTo(1);
      assertThat(out()).contains("handshake refused: HTTP 401");

      out.reset();
      assertThat(run("send", "-H", "Authorization: Bearer s3cret", url, "hello")).isZero();
      assertThat(out()).contains("> hello", "< hello", "closed: 1000");

      // without --keep-going, a message without reply ends the sending; the close handshake still completes
      out.reset();
      assertThat(run("send", "-H", "Authorization:Bearer s3cret", "--reply-timeout", "300ms", url, "drop me", "never sent")).isEqualTo(1);
      assertThat(out()).contains("> drop me", "no reply within 300 ms", "closed: 1000").doesNotContain("never sent");

      out.reset();
      assertThat(run("send", "--header", "Authorization: Bearer s3cret", "--reply-timeout", "300ms", "--keep-going",
          url, "drop me", "after")).isZero();
      assertThat(out()).containsSubsequence("> drop me", "no reply within 300 ms", "> after", "< after", "closed: 1000");
    } finally {
      stop.countDown();
    }
  }

  @Test
  void sendOptionsAreCheckedAndUseTheOneDurationGrammar() {
    assertThat(run("send", "-H", "no-colon", "ws://127.0.0.1/", "x")).isEqualTo(2);
    assertThat(err()).contains("-H: expected NAME:VALUE");
    assertThat(run("send", "--reply-timeout", "soon", "ws://127.0.0.1/", "x")).isEqualTo(2);
    assertThat(err()).contains("--reply-timeout: expected a duration such as \"250ms\", \"5s\", \"2m\", \"1h\", \"1d\"");
    assertThat(run("send", "-H", "Sec-WebSocket-Key: abc", "ws://127.0.0.1:1/", "x")).isEqualTo(2);
    assertThat(err()).contains("send: ").containsIgnoringCase("sec-websocket-key");
  }

  private String waitForOutput(String text) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (!out().contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return out();
  }

  @Test
  void demoStartsAGatewayThatSendReachesAndStopsCleanly() throws Exception {
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CompletableFuture<Integer> demo = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> main.execute(new String[] {"demo", "--port", "0", "--admin-port", "0", "--dir", dir.toString()}, stop));
    try {
      String banner = waitForOutput("Ctrl-C stops the demo");
      assertThat(banner).contains("Framegate demo is running.", "config    " + dir.resolve("gateway.yaml"));
      java.util.regex.Matcher url = java.util.regex.Pattern.compile("send (ws://127\\.0\\.0\\.1:\\d+/echo)").matcher(banner);
      assertThat(url.find()).as(banner).isTrue();

      assertThat(run("send", url.group(1), "a secret")).isZero();
      assertThat(out()).contains("< A ***");
    } finally {
      stop.countDown();
    }
    assertThat(demo.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
  }

  @Test
  void runRefusesAnInvalidConfigurationWithExitCode2() throws Exception {
    Path config = Files.writeString(dir.resolve("bad.yaml"), "listeners: [{port: 0}]\nroutes: [{name: a, path: /a}]\n");

    assertThat(main.execute(new String[] {"run", "--config", config.toString()}, new java.util.concurrent.CountDownLatch(0))).isEqualTo(2);
    assertThat(err()).contains("bad.yaml: routes[0].upstream: is required");
  }

  @Test
  void echoRunsTheEchoUpstreamAloneUntilStopped() throws Exception {
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CompletableFuture<Integer> echo = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> main.execute(new String[] {"echo", "--port", "0"}, stop));
    try {
      String banner = waitForOutput("Ctrl-C stops it.");
      java.util.regex.Matcher url = java.util.regex.Pattern.compile("listening on (ws://127\\.0\\.0\\.1:\\d+/echo)").matcher(banner);
      assertThat(url.find()).as(banner).isTrue();

      assertThat(run("send", url.group(1), "ping me")).isZero();
      assertThat(out()).contains("< ping me");
    } finally {
      stop.countDown();
    }
    assertThat(echo.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
    assertThat(run("echo", "--bogus")).isEqualTo(2);
    assertThat(err()).contains("echo: unknown option '--bogus'");
  }
}
