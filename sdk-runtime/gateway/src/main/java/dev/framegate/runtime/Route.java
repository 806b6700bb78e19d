package dev.framegate.runtime;

import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import java.net.URI;
import dev.framegate.runtime.config.GatewayConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * One route of the runtime: the client path it serves, the upstream it proxies to, the plugin chain
 * and the limits of its connections.
 *
 * <p>A route serves its path and every path below it on a segment boundary: {@code /chat} serves
 * {@code /chat} and {@code /chat/room/1}, not {@code /chatroom}; {@code /} serves every path. The
 * upstream request path is the upstream URL's path followed by what the client asked for below the
 * route path (or by the whole client path when {@code stripPath} is off), and the client's query
 * string follows the upstream URL's own query: the same rules as Kong's routes and services.
 *
 * @param name the route's name, for logs and metrics
 * @param path the client-facing path, such as {@code /chat}
 * @param stripPath whether the route path is removed from the path sent upstream (Kong's {@code strip_path})
 * @param upstream the upstream WebSocket URL ({@code ws://} or {@code wss://})
 * @param chain the plugin chain new connections get
 * @param settings limits and timeouts
 * @param recording how the route records its connections, or empty when it does not
 */
public record Route(String name, String path, boolean stripPath, URI upstream, PluginChain chain, EngineSettings settings,
    Optional<GatewayConfig.RecordingConfig> recording) {
  /** Checks that nothing is missing. */
  public Route {
    Objects.requireNonNull(recording, "recording");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(settings, "settings");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a route path starts with /, got " + path);
    }
  }

  /**
   * A route that does not record its connections.
   *
   * @param name the route's name, for logs and metrics
   * @param path the client-facing path, such as {@code /chat}
   * @param stripPath whether the route path is removed from the path sent upstream
   * @param upstream the upstream WebSocket URL ({@code ws://} or {@code wss://})
   * @param chain the plugin chain new connections get
   * @param settings limits and timeouts
   */
  public Route(String name, String path, boolean stripPath, URI upstream, PluginChain chain, EngineSettings settings) {
    this(name, path, stripPath, upstream, chain, settings, Optional.empty());
  }

  /**
   * A route that strips its path, as Kong's routes do by default.
   *
   * @param name the route's name, for logs and metrics
   * @param path the client-facing path, such as {@code /chat}
   * @param upstream the upstream WebSocket URL ({@code ws://} or {@code wss://})
   * @param chain the plugin chain new connections get
   * @param settings limits and timeouts
   */
  public Route(String name, String path, URI upstream, PluginChain chain, EngineSettings settings) {
    this(name, path, true, upstream, chain, settings);
  }

  /**
   * Whether this route serves a request path.
   *
   * @param requestPath the request path, without the query
   * @return {@code true} for the route path itself and the paths below it
   */
  public boolean serves(String requestPath) {
    if (!requestPath.startsWith(path)) {
      return false;
    }
    return requestPath.length() == path.length() || path.endsWith("/") || requestPath.charAt(path.length()) == '/';
  }

  /**
   * The upstream URL for one client request this route serves.
   *
   * @param requestPath the client's raw request path, without the query
   * @param rawQuery the client's raw query string without {@code '?'}, or {@code null}
   * @return the URL to connect to
   */
  public URI upstreamFor(String requestPath, String rawQuery) {
    String below;
    if (!stripPath) {
      below = requestPath;
    } else if (requestPath.equals(path)) {
      below = "";
    } else {
      // a route path ending in '/' keeps that slash as the start of what lies below it
      below = requestPath.substring(Math.min(requestPath.length(), path.endsWith("/") ? path.length() - 1 : path.length()));
    }
    String base = upstream.getRawPath() == null ? "" : upstream.getRawPath();
    String upstreamPath;
    if (below.isEmpty()) {
      upstreamPath = base.isEmpty() ? "/" : base;
    } else if (base.endsWith("/")) {
      upstreamPath = base + below.substring(1);
    } else {
      upstreamPath = base + below;
    }
    String query = upstream.getRawQuery();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      query = query == null || query.isEmpty() ? rawQuery : query + "&" + rawQuery;
    }
    if (upstreamPath.equals(upstream.getRawPath()) && Objects.equals(query, upstream.getRawQuery())) {
      return upstream;
    }
    return URI.create(upstream.getScheme() + "://" + upstream.getRawAuthority() + upstreamPath
        + (query == null || query.isEmpty() ? "" : "?" + query));
  }
}
