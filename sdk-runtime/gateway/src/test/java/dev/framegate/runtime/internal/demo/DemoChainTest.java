package dev.framegate.runtime.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FrameType;
import dev.framegate.engine.Connection;
import dev.framegate.engine.Engine;
import dev.framegate.engine.HandshakeRequests;
import dev.framegate.engine.Scheduler;
import dev.framegate.engine.Side;
import dev.framegate.engine.Transport;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.config.ConfigFiles;
import dev.framegate.runtime.config.GatewayConfig;
import dev.framegate.runtime.internal.routes.RouteTables;
import dev.framegate.runtime.internal.plugins.PluginLoader;
import dev.framegate.runtime.internal.plugins.Plugins;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's configuration with the real example plugin JAR (built by the examples module and
 * embedded in the runtime), in its own class loader, driving the real engine.
 */
class DemoChainTest {

  /** Records what the engine writes to each side. */
  private static final class RecordingTransport implements Transport {
    final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void connectUpstream(Map<String, List<String>> headers, List<String> subprotocols) {}

    @Override
    public void acceptClient(String subprotocol, Map<String, List<String>> headers) {}

    @Override
    public void rejectClient(int status, Map<String, List<String>> headers, String body) {}

    @Override
    public void send(Side to, FrameType type, ByteBuffer payload) {
      sent.add(to + " " + type + " " + StandardCharsets.UTF_8.decode(payload));
    }

    @Override
    public void disconnect(Side side) {}
  }

  private static final Scheduler NO_TIMERS = new Scheduler() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
      return () -> {};
    }
  };

  @TempDir Path dir;

  private Plugins plugins;
  private RouteTable routes;

  @BeforeEach
  void load() throws Exception {
    Path config = DemoSetup.prepare(dir, 0, 0);
    GatewayConfig gateway = ConfigFiles.read(config);
    plugins = new PluginLoader().loadDirectory(gateway.plugins().directory().orElseThrow());
    routes = RouteTables.build(gateway, plugins, upstream -> URI.create("ws://127.0.0.1:1/echo"));
  }

  @AfterEach
  void close() {
    plugins.close();
  }

  private static ByteBuffer text(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theExamplePluginsLoadFromTheirJarInTheirOwnClassLoader() {
    assertThat(plugins.refusals()).isEmpty();
    assertThat(plugins.jars()).singleElement().satisfies(jar -> {
      assertThat(jar.id()).isEqualTo("dev.framegate:framegate-examples");
      assertThat(jar.pdkVersion()).isEqualTo("1.1");
      assertThat(jar.plugins()).extracting(p -> p.name()).containsExactly("uppercase", "redact");
      assertThat(jar.plugins().get(0).pluginClass().getClassLoader()).isSameAs(jar.classLoader());
    });
  }

  @Test
  void redactRunsBeforeUppercaseAndEachRewritesItsDirection() {
    Route echo = routes.resolve("/echo").orElseThrow();
    assertThat(echo.chain().entries()).extracting(e -> e.name()).containsExactly("redact", "uppercase");
    RecordingTransport transport = new RecordingTransport();
    Connection connection = Engine.create(NO_TIMERS).open(echo.chain(), echo.settings(), transport);
    connection.start(HandshakeRequests.create("/echo", null, Map.of("host", List.of("127.0.0.1")),
        new InetSocketAddress("127.0.0.1", 40000)));
    connection.upstreamConnected(null);

    connection.frame(Side.CLIENT, true, 0, 1, text("my Password is swordfish"));
    connection.frame(Side.UPSTREAM, true, 0, 1, text("my *** is swordfish"));
    connection.frame(Side.UPSTREAM, true, 0, 2, text("binary stays"));

    assertThat(transport.sent).containsExactly(
        "UPSTREAM TEXT my *** is swordfish",
        "CLIENT TEXT MY *** IS SWORDFISH",
        "CLIENT BINARY binary stays");
  }
}
