package dev.framegate.plugins.benchmarks;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.Headers;
import dev.framegate.engine.Connection;
import dev.framegate.engine.Engine;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.engine.Scheduler;
import dev.framegate.engine.Side;
import dev.framegate.engine.Transport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An engine connection with a chain of configured plugins, wired to a transport that discards output. */
final class Connections {

  private Connections() {}

  /** A plugin entry: the plugin and its bound configuration. */
  record Entry(FramePlugin<?> plugin, Object config) {}

  static Connection open(List<Entry> entries) {
    PluginChain.Builder chain = PluginChain.builder();
    for (Entry entry : entries) {
      chain.add(entry.plugin(), entry.config());
    }
    Engine engine = Engine.create(new IdleScheduler());
    Connection connection = engine.open(chain.build(), EngineSettings.DEFAULTS, new DiscardingTransport());
    connection.start(new FixedRequest());
    connection.upstreamConnected(null);
    return connection;
  }

  /** Counts what it is given; fails on a close, so that a benchmark never measures a closed connection. */
  static final class DiscardingTransport implements Transport {
    long bytesSent;

    @Override
    public void connectUpstream(Map<String, List<String>> headers, List<String> subprotocols) {}

    @Override
    public void acceptClient(String subprotocol, Map<String, List<String>> headers) {}

    @Override
    public void rejectClient(int status, Map<String, List<String>> headers, String body) {
      throw new IllegalStateException("benchmark connection rejected: " + status + " " + body);
    }

    @Override
    public void send(Side to, FrameType type, ByteBuffer payload) {
      if (type == FrameType.CLOSE) {
        throw new IllegalStateException("benchmark connection closed by the chain");
      }
      bytesSent += payload.remaining();
    }

    @Override
    public void disconnect(Side side) {
      throw new IllegalStateException("benchmark connection closed " + side);
    }
  }

  static final class IdleScheduler implements Scheduler {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
      return () -> {};
    }
  }

  static final class FixedRequest implements HandshakeRequest {
    @Override
    public String path() {
      return "/bench";
    }

    @Override
    public String rawQuery() {
      return "";
    }

    @Override
    public Map<String, List<String>> queryParameters() {
      return Map.of();
    }

    @Override
    public Optional<String> queryParameter(String name) {
      return Optional.empty();
    }

    @Override
    public Headers headers() {
      return new Headers() {
        @Override
        public Optional<String> first(String name) {
          return Optional.empty();
        }

        @Override
        public List<String> all(String name) {
          return List.of();
        }

        @Override
        public Set<String> names() {
          return Set.of();
        }
      };
    }

    @Override
    public InetSocketAddress remoteAddress() {
      return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public List<String> offeredSubprotocols() {
      return List.of();
    }

    @Override
    public Optional<String> selectedSubprotocol() {
      return Optional.empty();
    }
  }
}
