package dev.framegate.runtime.internal.tyrus;

import dev.framegate.engine.Engine;
import dev.framegate.engine.Scheduler;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * Everything one gateway's connections share: the engine, the routes, the plugin pool, the timer,
 * the upstream connector and the client-facing container. Created and owned by {@code Gateway}.
 */
public final class GatewayRuntime implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(GatewayRuntime.class.getName());

  /**
   * Tyrus's own frame buffer, above the engine's 32 MiB ceiling. The frame hook reads the bytes in
   * Tyrus's place, so this only matters should Tyrus ever buffer a frame itself.
   */
  static final int INCOMING_BUFFER_SIZE = (32 << 20) + (1 << 20);

  private final RouteTable routes;
  private final Engine engine;
  /** A worker busy in one task for longer than this counts as stuck and is replaced. */
  private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final WorkerPool pool;
  private final ScheduledExecutorService timers;
  private final long handshakeTimeoutNanos;
  private final boolean secure;
  private final UpstreamConnector connector;
  private final GatewayServerContainer server;
  private final Map<String, ProxiedConnection> upgrading = new ConcurrentHashMap<>();
  private final Set<ProxiedConnection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  /**
   * Starts a gateway's transports.
   *
   * @param settings what to start
   * @throws Exception when the listener cannot bind or Tyrus refuses the set-up
   */
  public GatewayRuntime(Settings settings) throws Exception {
    this.routes = settings.routes;
    this.secure = settings.serverTls != null;
    this.handshakeTimeoutNanos = settings.handshakeTimeout.toNanos();
    this.pool =
        new WorkerPool(settings.workerThreads, Math.max(64, settings.workerThreads * 16), STALL_NANOS,
            daemonThreads("framegate-worker"));
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("framegate-timer"));
    timer.setRemoveOnCancelPolicy(true);
    this.timers = timer;
    timers.scheduleWithFixedDelay(pool::compensate, 100, 100, TimeUnit.MILLISECONDS);
    this.engine = settings.engineFactory.create(scheduler());
    Duration longestConnect = Duration.ofSeconds(5);
    for (Route route : routes.routes()) {
      if (route.settings().connectTimeout().compareTo(longestConnect) > 0) {
        longestConnect = route.settings().connectTimeout();
      }
    }
    this.connector =
        new UpstreamConnector(
            settings.ioThreads, Math.max(4, settings.workerThreads * 4),
            longestConnect.plusSeconds(2), settings.upstreamTls, INCOMING_BUFFER_SIZE);
    this.server =
        new GatewayServerContainer(
            this, settings.host, settings.port, settings.serverTls, settings.ioThreads, INCOMING_BUFFER_SIZE);
    try {
      server.startListening();
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** What a gateway starts with. */
  public static final class Settings {
    String host = "127.0.0.1";
    int port;
    RouteTable routes;
    EngineFactory engineFactory;
    SSLContext serverTls;
    SSLContext upstreamTls;
    int workerThreads;
    int ioThreads;
    Duration handshakeTimeout;

    /**
     * Collects the settings.
     *
     * @param host the address to bind
     * @param port the port, 0 for any free one
     * @param routes the routes
     * @param engineFactory makes the engine from the gateway's scheduler
     * @param serverTls TLS for the listener, or {@code null} for plain ws
     * @param upstreamTls TLS trust for wss upstreams, or {@code null} for the JDK default
     * @param workerThreads the plugin pool size
     * @param ioThreads the Grizzly worker pool size of each side
     * @param handshakeTimeout how long a new client connection has to send its upgrade request
     */
    public Settings(String host, int port, RouteTable routes, EngineFactory engineFactory, SSLContext serverTls,
        SSLContext upstreamTls, int workerThreads, int ioThreads, Duration handshakeTimeout) {
      this.host = host;
      this.port = port;
      this.routes = routes;
      this.engineFactory = engineFactory;
      this.serverTls = serverTls;
      this.upstreamTls = upstreamTls;
      this.workerThreads = workerThreads;
      this.ioThreads = ioThreads;
      this.handshakeTimeout = handshakeTimeout;
    }
  }

  /** Makes the engine once the runtime's scheduler exists. */
  @FunctionalInterface
  public interface EngineFactory {
    /**
     * Makes the engine.
     *
     * @param scheduler the runtime's scheduler
     * @return the engine
     */
    Engine create(Scheduler scheduler);
  }

  /**
   * The port the listener is bound to.
   *
   * @return the port
   */
  public int port() {
    return server.port();
  }

  /**
   * How many connections are open.
   *
   * @return the count
   */
  public int openConnections() {
    return open.size();
  }

  /**
   * The bytes in flight over all open connections and both directions: read from one side and not
   * yet written to the other (the back-pressure bound; each direction of each connection is bounded by its
   * route's {@code maxInFlightBytes}).
   *
   * @return the byte count
   */
  public long inFlightBytes() {
    long total = 0;
    for (ProxiedConnection proxied : open) {
      total += proxied.inFlightFrom(dev.framegate.engine.Side.CLIENT)
          + proxied.inFlightFrom(dev.framegate.engine.Side.UPSTREAM);
    }
    return total;
  }

  /**
   * The largest number of bytes in flight in one direction of one open connection.
   *
   * @return the byte count
   */
  public long largestInFlightBytes() {
    long largest = 0;
    for (ProxiedConnection proxied : open) {
      largest = Math.max(largest, Math.max(proxied.inFlightFrom(dev.framegate.engine.Side.CLIENT),
          proxied.inFlightFrom(dev.framegate.engine.Side.UPSTREAM)));
    }
    return largest;
  }

  /**
   * How many plugin and engine threads are stuck in one task (a plugin that blocks or loops) and
   * have been replaced.
   *
   * @return the thread count
   */
  public int stalledWorkerThreads() {
    return pool.stalledThreads();
  }

  boolean secure() {
    return secure;
  }

  RouteTable routes() {
    return routes;
  }

  ExecutorService pool() {
    return pool;
  }

  UpstreamConnector connector() {
    return connector;
  }

  long handshakeTimeoutNanos() {
    return handshakeTimeoutNanos;
  }

  long nanoTime() {
    return System.nanoTime();
  }

  void schedule(long delayNanos, Runnable task) {
    try {
      timers.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.log(Level.FINE, "timer stopped", e);
    }
  }

  private Scheduler scheduler() {
    return new Scheduler() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Cancellable schedule(long delayNanos, Runnable task) {
        try {
          var future = timers.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
          return () -> future.cancel(false);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          return () -> {};
        }
      }
    };
  }

  ProxiedConnection open(Route route) {
    ProxiedConnection proxied = new ProxiedConnection(this, route, UUID.randomUUID().toString());
    proxied.open(engine.open(route.chain(), route.settings(), proxied));
    open.add(proxied);
    if (closing) {
      proxied.engine().shutdown();
    }
    return proxied;
  }

  void awaitUpgrade(ProxiedConnection proxied) {
    upgrading.put(proxied.token(), proxied);
  }

  ProxiedConnection takeUpgrade(String token) {
    return upgrading.remove(token);
  }

  void finished(ProxiedConnection proxied) {
    open.remove(proxied);
    upgrading.remove(proxied.token());
  }

  /**
   * Closes every open connection with 1001 on both sides (rule C6), waits up to the grace period
   * for their close handshakes, then stops the listener, the client and the pools.
   *
   * @param grace how long to wait for the connections to finish
   */
  public void shutdown(Duration grace) {
    closing = true;
    for (ProxiedConnection proxied : open) {
      try {
        proxied.engine().shutdown();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "shutdown of a connection failed", e);
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
  }

  @Override
  public void close() {
    closing = true;
    if (server != null) {
      try {
        server.stopListening();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "listener stop failed", e);
      }
    }
    if (connector != null) {
      connector.close();
    }
    pool.shutdownNow();
    timers.shutdownNow();
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
