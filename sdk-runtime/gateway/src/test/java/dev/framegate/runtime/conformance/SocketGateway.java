package dev.framegate.runtime.conformance;

import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.harness.HandshakeSpec;
import dev.framegate.harness.conformance.GatewayConnection;
import dev.framegate.harness.conformance.GatewayUnderTest;
import dev.framegate.harness.conformance.UpstreamAnswer;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.internal.tyrus.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;

/**
 * The conformance suite's view of the real runtime: a {@link Gateway} (its own transport on Grizzly) on
 * 127.0.0.1, a raw RFC 6455 client socket per connection, and a {@link ScriptedUpstream}; ws or wss
 * on both sides. Plugins
 * are passed in-process through the route table: every connection resolves to a route with the
 * chain and settings of the last {@link #configure} and an upstream URL naming the connection, so
 * that the upstream answers it as the scenario scripted.
 */
final class SocketGateway implements GatewayUnderTest {

  private static final Duration PATIENCE = Duration.ofSeconds(5);

  private final Map<Integer, SocketConnection> connections = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicReference<SocketConnection> routing = new AtomicReference<>();
  private final SocketFactory clientSockets;
  private final ScriptedUpstream upstream;
  private final URI unreachable;
  private final Gateway gateway;
  private volatile PluginChain chain = PluginChain.empty();
  private volatile EngineSettings settings = EngineSettings.DEFAULTS;
  private Thread shutdown;

  private SocketGateway(TestCertificates tls) throws IOException {
    this.clientSockets = tls == null ? SocketFactory.getDefault() : tls.clientContext().getSocketFactory();
    this.upstream = new ScriptedUpstream(connections::get, tls == null ? null : tls.serverContext());
    try (ServerSocket probe = new ServerSocket(0)) {
      // A loopback port with nothing listening (freed again at once): connection refused.
      this.unreachable = URI.create((tls == null ? "ws" : "wss") + "://127.0.0.1:" + probe.getLocalPort() + "/u/unreachable");
    }
    Gateway.Builder builder = Gateway.builder(new ScenarioRoutes()).shutdownGrace(Duration.ofSeconds(3));
    if (tls != null) {
      builder.tls(tls.serverContext()).upstreamTls(tls.clientContext());
    }
    this.gateway = builder.start();
  }

  /**
   * Starts a gateway for one scenario, plain ws on both sides.
   *
   * @return the gateway
   */
  static SocketGateway start() {
    return start(null);
  }

  /**
   * Starts a gateway for one scenario.
   *
   * @param tls for wss on both sides (the client trusts the gateway's certificate, the gateway the
   *     upstream's), or {@code null} for ws
   * @return the gateway
   */
  static SocketGateway start(TestCertificates tls) {
    try {
      return new SocketGateway(tls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void configure(PluginChain newChain, EngineSettings newSettings) {
    this.chain = newChain;
    this.settings = newSettings;
  }

  @Override
  public GatewayConnection connect(HandshakeSpec spec, UpstreamAnswer answer) {
    SocketConnection connection = new SocketConnection(ids.incrementAndGet(), spec, answer, PATIENCE);
    connections.put(connection.id(), connection);
    routing.set(connection);
    try {
      connection.open(clientSockets, gateway.port());
      // Routes are handed out in request order: wait until this request has one (or needed none).
      connection.awaitRoutedOrAnswered();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      routing.compareAndSet(connection, null);
    }
    return connection;
  }

  @Override
  public void passTime(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void shutdown() {
    if (shutdown == null) {
      // Gateway.close() waits for the close handshakes, which the scenario itself completes.
      shutdown = new Thread(gateway::close, "conformance-shutdown");
      shutdown.setDaemon(true);
      shutdown.start();
    }
  }

  @Override
  public Duration patience() {
    return PATIENCE;
  }

  @Override
  public void close() {
    connections.values().forEach(SocketConnection::release);
    try {
      upstream.close();
    } catch (IOException e) {
      // closing anyway
    }
    Thread pending;
    synchronized (this) {
      pending = shutdown;
    }
    if (pending == null) {
      gateway.close();
    } else {
      try {
        pending.join(PATIENCE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Every path routes to the connection being opened, with the current chain and settings. */
  private final class ScenarioRoutes implements RouteTable {
    @Override
    public Optional<Route> resolve(String path) {
      SocketConnection connection = routing.getAndSet(null);
      if (connection == null) {
        return Optional.empty();
      }
      URI target = connection.answer().kind() == UpstreamAnswer.Kind.UNREACHABLE ? unreachable : upstream.uri(connection.id());
      Route route = new Route("conformance", path, target, chain, settings);
      connection.routed();
      return Optional.of(route);
    }

    @Override
    public List<Route> routes() {
      return List.of(new Route("conformance", "/", upstream.uri(0), chain, settings));
    }
  }
}
