package dev.framegate.engine;

import dev.framegate.engine.internal.ProxyConnection;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates connections. One engine serves a whole runtime (or one harness); it holds no lock shared
 * by its connections.
 */
public final class Engine {

  private final Scheduler scheduler;
  private final EngineObserver observer;
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean draining;

  private Engine(Scheduler scheduler, EngineObserver observer) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /**
   * Creates an engine.
   *
   * @param scheduler the clock and timer for every connection's timeouts
   * @return the engine
   */
  public static Engine create(Scheduler scheduler) {
    return new Engine(scheduler, EngineObserver.NONE);
  }

  /**
   * Creates an engine that reports to an observer.
   *
   * @param scheduler the clock and timer for every connection's timeouts
   * @param observer receives connection, message and plugin events (metrics, logs)
   * @return the engine
   */
  public static Engine create(Scheduler scheduler, EngineObserver observer) {
    return new Engine(scheduler, observer);
  }

  /**
   * Opens a connection: the caller then calls {@link Connection#start} with the client's request.
   *
   * @param chain the route's plugins, fixed for the connection's life (rule P2)
   * @param settings the route's limits and timeouts
   * @param transport where the connection's output goes
   * @return the new connection
   */
  public Connection open(PluginChain chain, EngineSettings settings, Transport transport) {
    Connection connection = new ProxyConnection(
        "c" + Long.toHexString(ids.incrementAndGet()),
        Objects.requireNonNull(chain, "chain"),
        Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(transport, "transport"),
        scheduler,
        observer);
    if (draining) {
      // A connection told to shut down before its start refuses the client with 503.
      connection.shutdown();
    }
    return connection;
  }

  /**
   * Starts draining before a shutdown: from now on every new connection refuses its client with 503
   * "the server is shutting down" in {@link Connection#start}, before the handshake phase runs and
   * without contacting the upstream, while the connections already open go on until they are shut
   * down. A runtime drains when it stops (SIGTERM), so that a load balancer that still sends a client
   * during the drain delay gets a clear answer. Irreversible.
   */
  public void drain() {
    draining = true;
  }

  /**
   * Whether {@link #drain} was called.
   *
   * @return {@code true} while draining
   */
  public boolean isDraining() {
    return draining;
  }
}
