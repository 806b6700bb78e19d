package dev.framegate.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.internal.plugins.Plugins;
import dev.framegate.runtime.internal.routes.RouteTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloaderTest {

  @TempDir Path dir;

  private Plugins plugins;
  private Path file;
  private ReloadableRouteTable table;
  private ConfigReloader reloader;
  private final BlockingQueue<Optional<InvalidConfigException>> outcomes = new LinkedBlockingQueue<>();

  private static String config(String path, String limit) {
    return """
        listeners: [{port: 8080}]
        routes:
          - name: main
            path: %s
            upstream: ws://127.0.0.1:9000/
            plugins: [{name: limiter, config: {limit: %s}}]
        """.formatted(path, limit);
  }

  @BeforeEach
  void start() throws Exception {
    plugins = TestPlugins.load(dir);
    file = Files.writeString(dir.resolve("gateway.yaml"), config("/v1", "1"));
    GatewayConfig initial = ConfigFiles.read(file);
    ConfigReloader.TableBuilder builder = c -> RouteTables.build(c, plugins, UnaryOperator.identity());
    table = new ReloadableRouteTable(builder.build(initial));
    reloader = new ConfigReloader(file, initial, table, builder);
    reloader.onReload(outcomes::add);
  }

  @AfterEach
  void stop() {
    reloader.close();
    plugins.close();
  }

  @Test
  void aValidChangeReplacesTheTableForNewLookups() throws Exception {
    RouteTable before = table.current();
    Files.writeString(file, config("/v2", "2"));

    assertThat(reloader.reload()).isTrue();

    assertThat(table.resolve("/v1")).isEmpty();
    assertThat(table.resolve("/v2")).isPresent();
    // a connection that resolved its route before keeps that route and chain
    assertThat(before.resolve("/v1")).isPresent();
    assertThat(reloader.config().routes().get(0).path()).isEqualTo("/v2");
    assertThat(outcomes.poll()).isEmpty();
  }

  @Test
  void anInvalidChangeIsRejectedAndTheOldTableStays() throws Exception {
    RouteTable before = table.current();
    Files.writeString(file, config("/v2", "ten"));

    assertThat(reloader.reload()).isFalse();

    assertThat(table.current()).isSameAs(before);
    assertThat(table.resolve("/v1")).isPresent();
    assertThat(outcomes.poll()).hasValueSatisfying(e -> assertThat(e.errors())
        .containsExactly("gateway.yaml: routes[0].plugins[0].config.limit: expected an integer, got \"ten\""));
  }

  @Test
  void editingTheFileReloadsIt() throws Exception {
    reloader.watchFile();

    Files.writeString(file, config("/edited", "3"));

    Optional<InvalidConfigException> outcome = outcomes.poll(20, TimeUnit.SECONDS);
    assertThat(outcome).as("reload after the edit").isNotNull().isEmpty();
    assertThat(table.resolve("/edited")).isPresent();

    Files.writeString(file, "routes: [");
    assertThat(outcomes.poll(20, TimeUnit.SECONDS)).as("rejected reload").isNotNull().isPresent();
    assertThat(table.resolve("/edited")).isPresent();
  }

  /**
   * Kubernetes' atomic writer, as a ConfigMap volume is updated: the file is a symlink to
   * {@code ..data/gateway.yaml}, {@code ..data} a symlink to a timestamped directory; an update
   * writes a new directory, points a new {@code ..data_tmp} symlink at it and renames it over
   * {@code ..data}, then deletes the old directory. No event ever names the file itself.
   */
  @Test
  void aKubernetesConfigMapSymlinkSwapReloadsTheFile() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("configmap"));
    Path first = Files.createDirectories(mount.resolve("..2026_12_01_10_00_00.000000001"));
    Files.writeString(first.resolve("gateway.yaml"), config("/v1", "1"));
    Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
    Path linked = Files.createSymbolicLink(mount.resolve("gateway.yaml"), Path.of("..data", "gateway.yaml"));
    GatewayConfig initial = ConfigFiles.read(linked);
    ConfigReloader.TableBuilder builder = c -> RouteTables.build(c, plugins, UnaryOperator.identity());
    ReloadableRouteTable mounted = new ReloadableRouteTable(builder.build(initial));
    BlockingQueue<Optional<InvalidConfigException>> reloads = new LinkedBlockingQueue<>();
    try (ConfigReloader watching = new ConfigReloader(linked, initial, mounted, builder)) {
      watching.onReload(reloads::add);
      watching.watchFile();

      Path second = Files.createDirectories(mount.resolve("..2026_12_01_10_05_00.000000002"));
      Files.writeString(second.resolve("gateway.yaml"), config("/swapped", "5"));
      Path staging = Files.createSymbolicLink(mount.resolve("..data_tmp"), second.getFileName());
      Files.move(staging, mount.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Files.delete(first.resolve("gateway.yaml"));
      Files.delete(first);

      assertThat(reloads.poll(20, TimeUnit.SECONDS)).as("reload after the ..data swap").isNotNull().isEmpty();
      assertThat(mounted.resolve("/swapped")).isPresent();
      assertThat(mounted.resolve("/v1")).isEmpty();
      assertThat(reloads.poll(1, TimeUnit.SECONDS)).as("one reload per swap").isNull();
    }
  }

  @Test
  void anUnrelatedFileInTheDirectoryDoesNotReload() throws Exception {
    reloader.watchFile();
    Files.writeString(dir.resolve("notes.txt"), "not the configuration");
    assertThat(outcomes.poll(2, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void sighupReloadsTheFile() throws Exception {
    assumeTrue(reloader.reloadOnSighup(), "SIGHUP is available on this platform");
    Files.writeString(file, config("/after-hup", "4"));

    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();

    assertThat(outcomes.poll(20, TimeUnit.SECONDS)).as("reload after SIGHUP").isNotNull().isEmpty();
    assertThat(table.resolve("/after-hup")).isPresent();
  }
}
