package dev.framegate.runtime.internal.transport;

import dev.framegate.engine.Engine;
import dev.framegate.engine.Scheduler;
import dev.framegate.engine.Side;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.nio.transport.TCPNIOServerConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.ssl.SSLFilter;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * Everything one gateway's connections share: the engine, the routes, the Grizzly transport (its
 * selector threads read, run the plugins and write, for clients and upstreams alike), the stall
 * watchdog, the timer and the upstream connector. Created and owned by {@code Gateway}.
 */
public final class GatewayRuntime implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(GatewayRuntime.class.getName());

  private final RouteTable routes;
  private final Engine engine;
  private final ScheduledExecutorService timers;
  private final ThreadPoolExecutor events;
  private final StallWatchdog watchdog;
  private final long handshakeTimeoutNanos;
  private final boolean secure;
  private final TCPNIOTransport transport;
  private final UpstreamConnector connector;
  private final int port;
  private final Set<ProxiedConnection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  /**
   * Starts a gateway's transport.
   *
   * @param settings what to start
   * @throws IOException when the listener cannot bind
   */
  public GatewayRuntime(Settings settings) throws IOException {
    this.routes = settings.routes;
    this.secure = settings.serverTls != null;
    this.handshakeTimeoutNanos = settings.handshakeTimeout.toNanos();
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("framegate-timer"));
    timer.setRemoveOnCancelPolicy(true);
    this.timers = timer;
    this.events = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        daemonThreads("framegate-events"));
    this.watchdog = new StallWatchdog(timers, Math.max(64, settings.workerThreads * 16), StallWatchdog.STALL_MILLIS);
    this.engine = settings.engineFactory.create(scheduler());
    this.transport = TCPNIOTransportBuilder.newInstance()
        .setName("framegate")
        .setIOStrategy(new InlineIOStrategy(watchdog))
        .setSelectorRunnersCount(settings.ioThreads)
        .setSelectorThreadPoolConfig(ThreadPoolConfig.defaultConfig()
            .setPoolName("framegate-io")
            .setCorePoolSize(settings.ioThreads)
            .setMaxPoolSize(settings.ioThreads)
            .setDaemon(true))
        .setWorkerThreadPoolConfig(null)
        .build();
    // Each direction is bounded by back-pressure and the send timeout, not by Grizzly's queue limit.
    transport.getAsyncQueueIO().getWriter().setMaxPendingBytesPerConnection(AsyncQueueWriter.UNLIMITED_SIZE);
    FilterChainBuilder clients = FilterChainBuilder.stateless().add(new TransportFilter());
    if (settings.serverTls != null) {
      clients.add(new SSLFilter(
          new SSLEngineConfigurator(CloseTolerantTls.wrap(settings.serverTls), false, false, false), null));
    }
    clients.add(new ClientFilter(this));
    transport.setProcessor(clients.build());
    this.connector = new UpstreamConnector(this, transport, settings.upstreamTls);
    try {
      TCPNIOServerConnection listener = transport.bind(settings.host, settings.port);
      this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
      transport.start();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** What a gateway starts with. */
  public static final class Settings {
    final String host;
    final int port;
    final RouteTable routes;
    final EngineFactory engineFactory;
    final SSLContext serverTls;
    final SSLContext upstreamTls;
    final int workerThreads;
    final int ioThreads;
    final Duration handshakeTimeout;

    /**
     * Collects the settings.
     *
     * @param host the address to bind
     * @param port the port, 0 for any free one
     * @param routes the routes
     * @param engineFactory makes the engine from the gateway's scheduler
     * @param serverTls TLS for the listener, or {@code null} for plain ws
     * @param upstreamTls TLS trust for wss upstreams, or {@code null} for the JDK default
     * @param workerThreads sizes how many I/O threads stuck in plugin calls are replaced at once
     *     (16 times this, at least 64)
     * @param ioThreads the I/O threads: they read, run the plugins and write, for both sides
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
    return port;
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
   * The bytes held over all open connections and both directions: a frame being read, the unfinished
   * message the engine reassembles, and what is queued for the other side's socket.
   *
   * @return the byte count
   */
  public long inFlightBytes() {
    long total = 0;
    for (ProxiedConnection proxied : open) {
      total += proxied.inFlightFrom(Side.CLIENT) + proxied.inFlightFrom(Side.UPSTREAM);
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
      largest = Math.max(largest, Math.max(proxied.inFlightFrom(Side.CLIENT), proxied.inFlightFrom(Side.UPSTREAM)));
    }
    return largest;
  }

  /**
   * How many I/O threads are stuck in a plugin call and had their other connections moved to a
   * fresh thread.
   *
   * @return the thread count
   */
  public int stalledWorkerThreads() {
    return watchdog.stuckThreads();
  }

  boolean secure() {
    return secure;
  }

  RouteTable routes() {
    return routes;
  }

  UpstreamConnector connector() {
    return connector;
  }

  StallWatchdog watchdog() {
    return watchdog;
  }

  /**
   * Runs the rare work that must leave the thread it arises on (ends of connections, connects,
   * send timeouts). Once the gateway has stopped, the work runs on the calling thread.
   */
  Executor events() {
    return task -> {
      try {
        events.execute(task);
      } catch (RejectedExecutionException e) {
        task.run();
      }
    };
  }

  long handshakeTimeoutNanos() {
    return handshakeTimeoutNanos;
  }

  Future<?> schedule(long delayNanos, Runnable task) {
    try {
      return timers.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.log(Level.FINE, "timer stopped", e);
      return null;
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
        Future<?> future = GatewayRuntime.this.schedule(delayNanos, task);
        return future == null ? () -> {} : () -> future.cancel(false);
      }

      @Override
      public void execute(Runnable task) {
        try {
          events.execute(task); // plugins' timer tasks run plugin code that may block: off the I/O threads
        } catch (RejectedExecutionException e) {
          LOG.log(Level.FINE, "gateway stopped; a plugin timer task is dropped", e);
        }
      }
    };
  }

  ProxiedConnection open(Route route, URI upstream, Connection<?> client, String clientKey) {
    ProxiedConnection proxied = new ProxiedConnection(this, route, upstream, client, clientKey);
    proxied.open(engine.open(route.chain(), route.settings(), proxied));
    open.add(proxied);
    if (closing) {
      proxied.engine().shutdown();
    }
    return proxied;
  }

  void finished(ProxiedConnection proxied) {
    open.remove(proxied);
  }

  /**
   * Closes every open connection with 1001 on both sides (rule C6), waits up to the grace period
   * for their close handshakes, then stops the listener and the threads.
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
    try {
      transport.shutdownNow();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "transport stop failed", e);
    }
    watchdog.close();
    events.shutdownNow();
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
