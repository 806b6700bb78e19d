package dev.framegate.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the fault tests share: a real gateway on 127.0.0.1, raw peers, and cleanup in reverse order. */
final class FaultRig implements AutoCloseable {

  private final List<AutoCloseable> resources = new ArrayList<>();

  <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  RawUpstream upstream(RawUpstream.Mode mode) throws Exception {
    RawUpstream upstream = keep(new RawUpstream());
    upstream.mode = mode;
    return upstream;
  }

  static Route route(String path, URI upstream, PluginChain chain, EngineSettings settings) {
    return new Route(path.substring(1), path, upstream, chain, settings);
  }

  static RouteTable routes(Route... routes) {
    List<Route> all = List.of(routes);
    return new RouteTable() {
      @Override
      public Optional<Route> resolve(String path) {
        return all.stream().filter(r -> r.path().equals(path)).findFirst();
      }

      @Override
      public List<Route> routes() {
        return all;
      }
    };
  }

  Gateway gateway(Route... routes) throws Exception {
    return gateway(Gateway.builder(routes(routes)));
  }

  Gateway gateway(Gateway.Builder builder) throws Exception {
    return keep(builder.shutdownGrace(Duration.ofMillis(500)).start());
  }

  RawClient client(Gateway gateway, String path) throws Exception {
    return keep(RawClient.connect(gateway.port())).upgrade(path);
  }

  /** Waits up to 10 s for a condition that the gateway reaches on its own threads. */
  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(10);
    }
  }

  static void allConnectionsFinished(Gateway gateway) throws InterruptedException {
    eventually("every connection finished (open: " + gateway.openConnections() + ")",
        () -> gateway.openConnections() == 0);
  }

  @Override
  public void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // the rest must still be closed
      }
    }
    resources.clear();
  }

  /** Records how each of its connections ended: its close phase ran with this summary. */
  @FramegatePlugin(name = "close-recorder")
  static final class CloseRecorder implements FramePlugin<NoConfig> {
    final BlockingQueue<CloseInfo> closes = new LinkedBlockingQueue<>();

    @Override
    public void onClose(WsContext ws, NoConfig config) {
      closes.add(ws.closeInfo());
    }

    CloseInfo next() throws InterruptedException {
      CloseInfo info = closes.poll(10, TimeUnit.SECONDS);
      assertThat(info).as("a close phase within 10 s").isNotNull();
      return info;
    }

    PluginChain chain() {
      return PluginChain.builder().add(this, NoConfig.INSTANCE).build();
    }
  }
}
