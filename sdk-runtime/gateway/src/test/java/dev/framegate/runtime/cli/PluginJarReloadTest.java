package dev.framegate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.runtime.internal.plugins.TestJars;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload picks up plugin JARs added to or rebuilt in the plugin directory, over real sockets. */
class PluginJarReloadTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private Launcher launcher;

  @AfterEach
  void stop() {
    if (launcher != null) {
      launcher.close();
    }
  }

  /** A plugin named {@code name} that prefixes every text frame from the upstream with {@code tag}. */
  private Path tagJar(String build, String className, String name, String tag) throws Exception {
    return TestJars.in(Files.createDirectories(dir.resolve(build)))
        .source("com.example." + className, TestJars.pluginSource("com.example", className,
            "@FramegatePlugin(name = \"" + name + "\")", """
              @Override
              public void onUpstreamFrame(WsContext ws, NoConfig config) {
                if (ws.upstream().getFrame().type() == FrameType.TEXT) {
                  ws.upstream().setFrameData("%s" + ws.upstream().getFrame().text());
                }
              }""".formatted(tag)))
        .descriptor("1.0", "com.example." + className)
        .build(name + ".jar");
  }

  private Path config(String... plugins) throws Exception {
    StringBuilder chain = new StringBuilder();
    for (String plugin : plugins) {
      chain.append("\n      - name: ").append(plugin);
    }
    return Files.writeString(dir.resolve("gateway.yaml"), """
        listeners:
          - {protocol: ws, host: 127.0.0.1, port: 0}
        plugins:
          directory: plugins
          fail-fast: true
        routes:
          - name: tagged
            path: /tagged
            upstream: builtin:echo
            plugins:%s
        """.formatted(chain));
  }

  /** Copies over the existing file in place, the way a rebuild overwrites its JAR. */
  private static void deploy(Path jar, Path plugins) throws Exception {
    Path target = plugins.resolve(jar.getFileName());
    FileTime before = Files.exists(target) ? Files.getLastModifiedTime(target) : null;
    Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
    if (before != null) {
      // a rebuild within the file system's time resolution must still look changed
      Files.setLastModifiedTime(target, FileTime.fromMillis(before.toMillis() + 2000));
    }
  }

  /** Starts the runtime, under fail-fast, with the plugin "tag" deployed; returns the plugin directory. */
  private Path startWithTag(String tag) throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    deploy(tagJar("v1", "Tag", "tag", tag), plugins);
    launcher = Launcher.start(config("tag"), new GatewayListeners());
    return plugins;
  }

  @Test
  @DisplayName("P2 a rebuilt JAR serves new connections after a reload while open ones keep the old classes")
  void aRebuiltJarServesNewConnectionsWhileOpenOnesKeepTheOldClasses() throws Exception {
    Path plugins = startWithTag("v1:");
    RecordingListener before = new RecordingListener();
    WebSocket old = connect(before);
    old.sendText("a", true).join();
    assertThat(before.next()).isEqualTo("text v1:a");

    deploy(tagJar("v2", "Tag", "tag", "v2:"), plugins);
    assertThat(launcher.reload()).isTrue();

    RecordingListener after = new RecordingListener();
    connect(after).sendText("b", true).join();
    old.sendText("c", true).join();
    assertThat(after.next()).isEqualTo("text v2:b");
    assertThat(before.next()).isEqualTo("text v1:c");
    assertThat(launcher.plugins().jars()).singleElement()
        .satisfies(jar -> assertThat(jar.toString()).startsWith("tag.jar"));
  }

  @Test
  @DisplayName("a JAR dropped into the plugin directory can be named by the reloaded configuration")
  void aNewJarCanBeUsedByTheReloadedConfiguration() throws Exception {
    Path plugins = startWithTag("t:");

    deploy(tagJar("extra", "Extra", "extra", "x:"), plugins);
    config("tag", "extra");
    assertThat(launcher.reload()).isTrue();

    RecordingListener client = new RecordingListener();
    connect(client).sendText("m", true).join();
    assertThat(client.next()).isEqualTo("text t:x:m");
    assertThat(launcher.plugins().names()).containsExactly("tag", "extra");
  }

  @Test
  @DisplayName("under fail-fast, a broken rebuilt JAR rejects the reload and the previous plugin stays in force")
  void aBrokenRebuildRejectsTheReloadUnderFailFast() throws Exception {
    Path plugins = startWithTag("v1:");

    Files.writeString(plugins.resolve("tag.jar"), "not a zip");
    Files.setLastModifiedTime(plugins.resolve("tag.jar"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
    assertThat(launcher.reload()).isFalse();

    RecordingListener client = new RecordingListener();
    connect(client).sendText("still", true).join();
    assertThat(client.next()).isEqualTo("text v1:still");
    assertThat(launcher.plugins().refusals()).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains("tag.jar", "not a ZIP file"));
  }

  private WebSocket connect(RecordingListener client) {
    return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .buildAsync(URI.create("ws://127.0.0.1:" + launcher.port() + "/tagged"), client).join();
  }
}
