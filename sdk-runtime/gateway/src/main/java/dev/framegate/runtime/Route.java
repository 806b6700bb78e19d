package dev.framegate.runtime;

import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import java.net.URI;
import java.util.Objects;

/**
 * One route of the runtime: the client path it serves, the upstream it proxies to, the plugin chain
 * and the limits of its connections.
 *
 * @param name the route's name, for logs and metrics
 * @param path the client-facing path, such as {@code /chat}
 * @param upstream the upstream WebSocket URL ({@code ws://} or {@code wss://})
 * @param chain the plugin chain new connections get
 * @param settings limits and timeouts
 */
public record Route(String name, String path, URI upstream, PluginChain chain, EngineSettings settings) {
  /** Checks that nothing is missing. */
  public Route {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(settings, "settings");
  }
}
