package dev.framegate.runtime.cli;

import dev.framegate.engine.Engine;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.config.GatewayConfig;
import java.io.IOException;

/** Starts the client-facing listeners of a configuration over a transport. */
interface ClientListeners {

  /** A running listener. */
  interface Running extends AutoCloseable, dev.framegate.runtime.internal.admin.GatewayObserver.TransportGauges {
    /**
     * The bound port.
     *
     * @return the port
     */
    int port();

    @Override
    default long inFlightBytes() {
      return 0;
    }

    @Override
    default int stalledWorkerThreads() {
      return 0;
    }

    /** Closes every open connection with 1001 and stops listening. */
    @Override
    void close();
  }

  /**
   * Starts one listener.
   *
   * @param listener the configured listener
   * @param routes the routes, looked up once per new connection
   * @param engine the engine for its connections
   * @return the running listener
   * @throws IOException when it cannot bind
   */
  Running start(GatewayConfig.Listener listener, RouteTable routes, Engine engine) throws IOException;
}
