package dev.framegate.engine;

import java.util.Objects;

/**
 * Creates connections. One engine serves a whole runtime (or one harness); it holds no lock shared
 * by its connections.
 */
public final class Engine {

  private final Scheduler scheduler;

  private Engine(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /**
   * Creates an engine.
   *
   * @param scheduler the clock and timer for every connection's timeouts
   * @return the engine
   */
  public static Engine create(Scheduler scheduler) {
    return new Engine(scheduler);
  }

  /**
   * Opens a connection: the caller then calls {@link Connection#start} with the client's request.
   *
   * @param chain the route's plugins, fixed for the connection's life (SPEC P2)
   * @param settings the route's limits and timeouts
   * @param transport where the connection's output goes
   * @return the new connection
   */
  public Connection open(PluginChain chain, EngineSettings settings, Transport transport) {
    throw new UnsupportedOperationException("engine implementation pending");
  }
}
