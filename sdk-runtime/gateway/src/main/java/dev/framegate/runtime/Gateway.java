package dev.framegate.runtime;

import dev.framegate.engine.Engine;
import dev.framegate.engine.EngineObserver;
import dev.framegate.runtime.internal.transport.GatewayRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The Framegate reference runtime: a WebSocket proxy on Grizzly that accepts clients on one listener,
 * routes them by path, connects each to its route's upstream ({@code ws://} or {@code wss://}) and
 * runs every frame of both directions through the engine and the route's plugins.
 *
 * <pre>{@code
 * try (Gateway gateway = Gateway.builder(routes).port(8080).start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>The transport only moves bytes: frame rules, limits, close codes, plugin calls and timeouts
 * (except the send timeout, which only the transport can observe) belong to the engine. {@link
 * #close()} shuts down gracefully: every open connection is closed with 1001 on both sides (rule
 * C6) before the listener stops.
 */
public final class Gateway implements AutoCloseable {

  private final GatewayRuntime runtime;
  private final Duration shutdownGrace;

  private Gateway(GatewayRuntime runtime, Duration shutdownGrace) {
    this.runtime = runtime;
    this.shutdownGrace = shutdownGrace;
  }

  /**
   * Starts configuring a gateway.
   *
   * @param routes the routes; looked up once per new connection, so a table that changes its
   *     answers reaches new connections only
   * @return a builder with the defaults: 127.0.0.1, a free port, plain ws, Kong-like engine defaults
   */
  public static Builder builder(RouteTable routes) {
    return new Builder(routes);
  }

  /**
   * The port the gateway listens on (the chosen one when the builder asked for port 0).
   *
   * @return the port
   */
  public int port() {
    return runtime.port();
  }

  /**
   * How many proxied connections are open, in the handshake or after it.
   *
   * @return the count
   */
  public int openConnections() {
    return runtime.openConnections();
  }

  /**
   * The bytes in flight over all open connections and both directions: read from one side and not
   * yet written to the other (a frame being read, an unfinished message being reassembled, bytes
   * queued for the other side's socket). The first two are bounded by the message limits, which are
   * checked at each frame's header; the queue by the route's {@link
   * dev.framegate.engine.EngineSettings#maxInFlightBytes()} (back-pressure: over it, the gateway
   * stops reading the sending side until half of it drained).
   *
   * @return the byte count
   */
  public long inFlightBytes() {
    return runtime.inFlightBytes();
  }

  /**
   * The largest number of bytes in flight in one direction of one open connection.
   *
   * @return the byte count
   */
  public long largestInFlightBytes() {
    return runtime.largestInFlightBytes();
  }

  /**
   * How many I/O threads are stuck in one plugin call (a plugin that blocks or loops) and had their
   * other connections moved to fresh threads so that those keep running.
   *
   * @return the thread count
   */
  public int stalledWorkerThreads() {
    return runtime.stalledWorkerThreads();
  }

  /**
   * Shuts the gateway down: every open connection gets close 1001 on both sides (rule C6), the
   * gateway waits up to the shutdown grace period for their close handshakes, then stops the
   * listener, the upstream client and its threads. Calling it again does nothing.
   */
  @Override
  public void close() {
    runtime.shutdown(shutdownGrace);
  }

  /** Configures and starts a {@link Gateway}. */
  public static final class Builder {
    private final RouteTable routes;
    private String host = "127.0.0.1";
    private int port;
    private SSLContext serverTls;
    private SSLContext upstreamTls;
    private Engine engine;
    private EngineObserver observer = EngineObserver.NONE;
    private int workerThreads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    private int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private Duration shutdownGrace = Duration.ofSeconds(5);
    private Duration handshakeTimeout = Duration.ofSeconds(10);

    private Builder(RouteTable routes) {
      this.routes = Objects.requireNonNull(routes, "routes");
    }

    /**
     * The address to listen on.
     *
     * @param host a host name or IP address; default {@code 127.0.0.1}
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The port to listen on.
     *
     * @param port 0 (the default) for any free port, else 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException for a port out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Serves clients with TLS (wss, rule H4).
     *
     * @param context the server's TLS context, holding its key and certificate
     * @return this builder
     */
    public Builder tls(SSLContext context) {
      this.serverTls = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * Serves clients with TLS (wss, rule H4) from a key store file.
     *
     * @param keyStore a PKCS#12 (or JKS) file with the server's key and certificate chain
     * @param password the store's password, also used for the key
     * @return this builder
     * @throws IllegalArgumentException when the store cannot be read or holds no usable key
     */
    public Builder tls(Path keyStore, char[] password) {
      try (InputStream in = Files.newInputStream(keyStore)) {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(in, password);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return tls(context);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException("tls key store " + keyStore + " cannot be used: " + e.getMessage(), e);
      }
    }

    /**
     * The TLS context for {@code wss://} upstreams (its trust decides which upstream certificates are
     * accepted). Default: the JDK's default context.
     *
     * @param context the client TLS context
     * @return this builder
     */
    public Builder upstreamTls(SSLContext context) {
      this.upstreamTls = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * Uses an engine made elsewhere (for example with a test scheduler). By default the gateway
     * makes one on its own timer, reporting to {@link #observer}.
     *
     * @param engine the engine
     * @return this builder
     */
    public Builder engine(Engine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /**
     * Where the gateway's own engine reports connection, message and plugin events. Ignored when
     * {@link #engine} is set.
     *
     * @param observer the observer
     * @return this builder
     */
    public Builder observer(EngineObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Sizes how many I/O threads stuck in plugin calls may be replaced at once: 16 times this, at
     * least 64. Plugins run on the I/O threads ({@link #ioThreads}); a thread stuck in one call for
     * more than 20 ms has its other connections moved to a fresh thread, so a plugin that blocks or
     * loops stalls its own connection only.
     *
     * @param threads at least 1; default twice the processors, at least 4
     * @return this builder
     * @throws IllegalArgumentException for less than 1
     */
    public Builder workerThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("workerThreads must be at least 1, was " + threads);
      }
      this.workerThreads = threads;
      return this;
    }

    /**
     * The number of I/O threads, shared by the client and upstream sides: each reads, runs the
     * plugins and writes for the connections it serves, so a frame crosses no thread on its way
     * through the gateway.
     *
     * @param threads at least 1; default the processors, at least 2
     * @return this builder
     * @throws IllegalArgumentException for less than 1
     */
    public Builder ioThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("ioThreads must be at least 1, was " + threads);
      }
      this.ioThreads = threads;
      return this;
    }

    /**
     * How long a new client connection has to send a complete upgrade request; a client that sends
     * nothing, half a request or bytes that are not HTTP is disconnected then. The upstream's own
     * time is the route's connect timeout.
     *
     * @param timeout positive; default 10 s
     * @return this builder
     * @throws IllegalArgumentException for zero or a negative duration
     */
    public Builder handshakeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("handshakeTimeout must be positive, was " + timeout);
      }
      this.handshakeTimeout = timeout;
      return this;
    }

    /**
     * How long {@link Gateway#close()} waits for connections to finish their closing handshakes.
     *
     * @param grace zero or positive; default 5 s
     * @return this builder
     * @throws IllegalArgumentException for a negative duration
     */
    public Builder shutdownGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace must not be negative, was " + grace);
      }
      this.shutdownGrace = grace;
      return this;
    }

    /**
     * Binds the listener and starts the gateway.
     *
     * @return the running gateway
     * @throws IOException when the listener cannot bind or the transport cannot start
     */
    public Gateway start() throws IOException {
      Engine fixed = engine;
      EngineObserver reporting = observer;
      GatewayRuntime.Settings settings =
          new GatewayRuntime.Settings(
              host, port, routes,
              scheduler -> fixed != null ? fixed : Engine.create(scheduler, reporting),
              serverTls, upstreamTls, workerThreads, ioThreads, handshakeTimeout);
      try {
        return new Gateway(new GatewayRuntime(settings), shutdownGrace);
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("the gateway could not start: " + e.getMessage(), e);
      }
    }
  }
}
