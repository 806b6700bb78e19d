package dev.framegate.runtime.internal.tyrus;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * The client-facing Tyrus container: Tyrus's WebSocket engine on a Grizzly {@link HttpServer} whose
 * listener binds the configured host (the stock Grizzly container binds every interface). One Tyrus
 * endpoint serves every route: {@link HandshakeFilter} routes the request itself and hands Tyrus only
 * accepted upgrades, rewritten to {@link #UPGRADE_PATH}.
 */
final class GatewayServerContainer extends TyrusServerContainer {

  /** The path of the single internal endpoint; never visible to clients. */
  static final String UPGRADE_PATH = "/.framegate-upgrade";

  private static final ThreadLocal<ProxiedConnection> UPGRADING = new ThreadLocal<>();

  private final GatewayRuntime runtime;
  private final TyrusWebSocketEngine tyrus;
  private final WebSocketEngine engine;
  private final HttpServer server;
  private final NetworkListener listener;

  GatewayServerContainer(
      GatewayRuntime runtime, String host, int port, SSLContext tls, int workerThreads, int incomingBufferSize) {
    super(new HashSet<Class<?>>());
    this.runtime = runtime;
    this.tyrus = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
    this.engine = new HandingOverEngine();
    this.server = new HttpServer();
    this.listener = new NetworkListener("framegate", host, port);
    if (tls != null) {
      listener.setSecure(true);
      listener.setSSLEngineConfig(new SSLEngineConfigurator(CloseTolerantTls.wrap(tls), false, false, false));
    }
    listener.getTransport()
        .setWorkerThreadPoolConfig(
            ThreadPoolConfig.defaultConfig()
                .setPoolName("framegate-client-io")
                .setCorePoolSize(workerThreads)
                .setMaxPoolSize(workerThreads)
                .setDaemon(true));
    listener.registerAddOn(new WebSocketAddOn(this, ""));
    listener.registerAddOn(new HandshakeAddOn());
    server.addListener(listener);
  }

  /** Binds and starts listening. */
  void startListening() throws IOException, DeploymentException {
    register(
        ServerEndpointConfig.Builder.create(PassiveEndpoint.class, UPGRADE_PATH)
            .configurator(new HandOverConfigurator())
            .build());
    server.start();
  }

  int port() {
    return listener.getPort();
  }

  /** Stops the listener at once; open connections are dropped. */
  void stopListening() {
    server.shutdownNow();
    stop();
  }

  @Override
  public void register(Class<?> endpointClass) throws DeploymentException {
    tyrus.register(endpointClass, "");
  }

  @Override
  public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
    tyrus.register(serverEndpointConfig, "");
  }

  @Override
  public Map<String, Object> getProperties() {
    return Map.of();
  }

  @Override
  public WebSocketEngine getWebSocketEngine() {
    return engine;
  }

  /**
   * Puts {@link HandshakeFilter} right in front of Tyrus's filter, and the reads of upgraded
   * connections in front of Grizzly's HTTP filter.
   */
  private final class HandshakeAddOn implements AddOn {
    @Override
    public void setup(NetworkListener networkListener, FilterChainBuilder builder) {
      int tyrusFilter = builder.indexOfType(GrizzlyServerFilter.class);
      builder.add(tyrusFilter, new HandshakeFilter(runtime));
      UpgradedClientReads upgraded = new UpgradedClientReads();
      int httpFilter = builder.indexOfType(HttpServerFilter.class);
      builder.add(httpFilter, upgraded.delivery());
      builder.add(httpFilter, upgraded.gate());
    }
  }

  /** Tyrus's engine, told which proxied connection each upgrade belongs to. */
  private final class HandingOverEngine implements WebSocketEngine {
    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
      String token = request.getHeader(ProxiedConnection.TOKEN_HEADER);
      ProxiedConnection proxied = token == null ? null : runtime.takeUpgrade(token);
      if (proxied == null) {
        response.setStatus(404);
        return tyrus.upgrade(request, response);
      }
      UPGRADING.set(proxied);
      try {
        UpgradeInfo info = tyrus.upgrade(request, response);
        if (info.getStatus() != UpgradeStatus.SUCCESS) {
          proxied.clientUpgradeFailed();
          return info;
        }
        return new UpgradeInfo() {
          @Override
          public UpgradeStatus getStatus() {
            return info.getStatus();
          }

          @Override
          public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
            Connection connection = info.createConnection(writer, closeListener);
            proxied.clientUpgraded(writer);
            return new HookingClientEngine.ClosingConnection(connection, proxied.clientHook);
          }
        };
      } finally {
        UPGRADING.remove();
      }
    }

    @Override
    public void register(Class<?> endpointClass, String contextPath) throws DeploymentException {
      tyrus.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig serverConfig, String contextPath) throws DeploymentException {
      tyrus.register(serverConfig, contextPath);
    }
  }

  /**
   * Completes Tyrus's 101 with what the engine decided: the upstream's subprotocol, the engine's
   * extra headers, no extension (rule H3).
   */
  private static final class HandOverConfigurator extends ServerEndpointConfig.Configurator {
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
      return List.of();
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
      return "";
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
      return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
      ProxiedConnection proxied = UPGRADING.get();
      Map<String, List<String>> headers = response.getHeaders();
      for (String name : new ArrayList<>(headers.keySet())) {
        if (name.equalsIgnoreCase(jakarta.websocket.server.HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS)
            || name.equalsIgnoreCase(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL)) {
          headers.remove(name);
        }
      }
      if (proxied == null) {
        return;
      }
      String subprotocol = proxied.acceptedSubprotocol();
      if (subprotocol != null && !subprotocol.isEmpty()) {
        headers.put(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL, List.of(subprotocol));
      }
      proxied.acceptHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getEndpointInstance(Class<T> endpointClass) {
      return (T) new PassiveEndpoint();
    }
  }
}
