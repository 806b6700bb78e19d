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
