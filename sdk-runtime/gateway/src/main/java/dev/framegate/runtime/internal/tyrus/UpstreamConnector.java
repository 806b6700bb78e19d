package dev.framegate.runtime.internal.tyrus;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

/**
 * Opens upstream WebSockets with the Tyrus client over one shared Grizzly transport with a bounded
 * worker pool.
 *
 * <p>Tyrus's connect call waits for the 101 on its calling thread, so connects run on a dedicated,
 * bounded pool of connector threads (never a Grizzly worker or a plugin thread). Each waits at most
 * the Tyrus handshake time-out, which is set above the engine's connect timeout: the engine answers
 * 504 at its own timeout and cancels the attempt, which closes the socket.
 */
final class UpstreamConnector implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(UpstreamConnector.class.getName());

  private final ClientManager plain;
  private final ClientManager secure;
  private final ExecutorService connectors;

  UpstreamConnector(int workerThreads, int connectorThreads, Duration handshakeTimeout, SSLContext tls,
      int incomingBufferSize) {
    plain = client(workerThreads, handshakeTimeout, incomingBufferSize);
    // Tyrus speaks TLS to every URL once an SSL configurator is set, ws:// ones included: wss
    // upstreams get a client of their own.
    secure = client(workerThreads, handshakeTimeout, incomingBufferSize);
    secure.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR,
        new SslEngineConfigurator(CloseTolerantTls.wrap(tls != null ? tls : defaultTls()), true, false, false));
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            connectorThreads, connectorThreads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            GatewayRuntime.daemonThreads("framegate-upstream-connect"));
    pool.allowCoreThreadTimeOut(true);
    connectors = pool;
  }

  private static ClientManager client(int workerThreads, Duration handshakeTimeout, int incomingBufferSize) {
    ClientManager client = ClientManager.createClient(HookingClientContainer.class.getName());
    Map<String, Object> properties = client.getProperties();
    properties.put(ClientProperties.SHARED_CONTAINER, true);
    properties.put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 30);
    properties.put(
        ClientProperties.WORKER_THREAD_POOL_CONFIG,
        ThreadPoolConfig.defaultConfig()
            .setPoolName("framegate-upstream-io")
            .setCorePoolSize(workerThreads)
            .setMaxPoolSize(workerThreads)
            .setDaemon(true));
    properties.put(ClientProperties.INCOMING_BUFFER_SIZE, incomingBufferSize);
    properties.put(ClientProperties.HANDSHAKE_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, handshakeTimeout.toMillis()));
    return client;
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }

  /** Starts connecting; the outcome reaches the attempt from any thread. */
  void connect(URI upstream, UpstreamAttempt attempt) {
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create()
            .preferredSubprotocols(attempt.subprotocols())
            .configurator(
                new ClientEndpointConfig.Configurator() {
                  @Override
                  public void beforeRequest(Map<String, List<String>> headers) {
                    attempt.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
                  }
                })
            .build();
    config.getUserProperties().put(HookingClientContainer.ATTEMPT_PROPERTY, attempt);
    try {
      connectors.execute(
          () -> {
            if (attempt.isCancelled()) {
              return;
            }
            try {
              ClientManager client = "wss".equalsIgnoreCase(upstream.getScheme()) ? secure : plain;
              Session session = client.connectToServer(new PassiveEndpoint(), config, upstream);
              LOG.fine(() -> "upstream connected: " + session.getId());
            } catch (Exception e) {
              LOG.log(Level.FINE, "upstream connect to " + upstream + " failed", e);
              attempt.failed(e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      attempt.failed(e);
    }
  }

  @Override
  public void close() {
    connectors.shutdownNow();
    plain.shutdown();
    secure.shutdown();
  }
}
