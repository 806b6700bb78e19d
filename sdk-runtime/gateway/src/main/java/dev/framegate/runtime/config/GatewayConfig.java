package dev.framegate.runtime.config;

import dev.framegate.api.ErrorPolicy;
import dev.framegate.engine.EngineSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated gateway configuration file (docs/runtime-config.md). Built by {@link ConfigFiles};
 * every value has been checked, and defaults are filled in.
 *
 * @param source the file it was read from
 * @param listeners where clients connect
 * @param routes the routes, in file order
 * @param plugins where plugin JARs are loaded from
 * @param admin the admin HTTP listener, or empty when disabled
 * @param shutdown what happens on SIGTERM before connections are closed
 * @param builtinEcho where the built-in echo upstream listens when a route uses {@code builtin:echo}
 */
public record GatewayConfig(
    Path source,
    List<Listener> listeners,
    List<RouteConfig> routes,
    Plugins plugins,
    Optional<Admin> admin,
    Shutdown shutdown,
    BuiltinEcho builtinEcho) {

  /**
   * Copies the lists.
   *
   * @param source the file it was read from
   * @param listeners where clients connect
   * @param routes the routes, in file order
   * @param plugins where plugin JARs are loaded from
   * @param admin the admin HTTP listener, or empty when disabled
   * @param shutdown what happens on SIGTERM before connections are closed
   * @param builtinEcho where the built-in echo upstream listens
   */
  public GatewayConfig {
    listeners = List.copyOf(listeners);
    routes = List.copyOf(routes);
    shutdown = shutdown == null ? Shutdown.IMMEDIATE : shutdown;
    builtinEcho = builtinEcho == null ? BuiltinEcho.DEFAULT : builtinEcho;
  }

  /**
   * A client-facing listener.
   *
   * @param name the listener's name
   * @param host the address to bind, {@code 127.0.0.1} unless configured
   * @param port the port; 0 picks a free one
   * @param tls the TLS settings for a {@code wss} listener, empty for {@code ws}
   */
  public record Listener(String name, String host, int port, Optional<Tls> tls) {}

  /**
   * A listener's TLS key material.
   *
   * @param keystore the key store file
   * @param password its password
   * @param type the key store type, {@code PKCS12} unless configured
   */
  public record Tls(Path keystore, String password, String type) {
    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + ", type=" + type + "]";
    }
  }

  /**
   * One route.
   *
   * @param name the route name, unique
   * @param path the client path, unique, starting with {@code /}; it also serves the paths below it
   * @param stripPath whether the route path is removed from the request path sent upstream
   * @param upstream the upstream URL: {@code ws://}, {@code wss://} or {@code builtin:echo}
   * @param plugins the configured plugins, in file order (the chain orders them by priority)
   * @param settings the route's limits and timeouts, defaults applied
   */
  public record RouteConfig(String name, String path, boolean stripPath, URI upstream,
      List<PluginEntry> plugins, EngineSettings settings, Optional<RecordingConfig> recording) {
    /** Copies the list. */
    public RouteConfig {
      plugins = List.copyOf(plugins);
      Objects.requireNonNull(recording, "recording");
    }

    /**
     * A route that does not record.
     *
     * @param name the route name
     * @param path the client path
     * @param stripPath whether the route path is removed upstream
     * @param upstream the upstream URL
     * @param plugins the plugins
     * @param settings the limits and timeouts
     */
    public RouteConfig(String name, String path, boolean stripPath, URI upstream, List<PluginEntry> plugins,
        EngineSettings settings) {
      this(name, path, stripPath, upstream, plugins, settings, Optional.empty());
    }
  }

  /**
   * A route's recording of its connections (docs/recording-format.md): one JSON Lines file per
   * recorded connection.
   *
   * @param directory where the files go, created if needed
   * @param sampleRate the share of connections recorded, from 0 to 1
   * @param maxConnectionBytes the most bytes one connection's file may hold; it ends with a
   *     {@code truncated} line when cut short
   * @param maxDirectoryBytes the most bytes the directory's recordings may hold; the oldest are
   *     deleted first
   * @param redactHeaders header names whose values are left out, besides {@code Authorization} and
   *     {@code Cookie}
   * @param redactJsonFields JSON field names whose values are left out of text messages
   */
  public record RecordingConfig(Path directory, double sampleRate, long maxConnectionBytes, long maxDirectoryBytes,
      List<String> redactHeaders, List<String> redactJsonFields) {
    /** Copies the lists. */
    public RecordingConfig {
      Objects.requireNonNull(directory, "directory");
      redactHeaders = List.copyOf(redactHeaders);
      redactJsonFields = List.copyOf(redactJsonFields);
    }
  }

  /**
   * One plugin of a route.
   *
   * @param name the plugin name
   * @param config the configuration tree (maps, lists, strings, numbers, booleans), bound with
   *     {@link dev.framegate.api.config.ConfigBinder} when the route is built
   * @param onError the error policy
   */
  public record PluginEntry(String name, Map<String, Object> config, ErrorPolicy onError) {}

  /**
   * The plugin directory settings.
   *
   * @param directory the directory whose {@code *.jar} files are loaded, or empty for none
   * @param failFast whether a refused plugin JAR stops the runtime
   */
  public record Plugins(Optional<Path> directory, boolean failFast) {}

  /**
   * The admin HTTP listener, always on loopback.
   *
   * @param host a loopback address
   * @param port the port; 0 picks a free one
   * @param workerThreads the threads answering requests
   * @param headerTimeout how long a client has to send a complete request head, from its connection
   *     or from the end of its previous response
   * @param readTimeout the longest silence in the middle of a request head
   * @param maxHeaderSize the largest request head (request line and headers) in bytes
   * @param token the bearer token {@code /plugins}, {@code /connections} and {@code /metrics} require,
   *     read from an environment variable or a file; empty for none
   */
  public record Admin(String host, int port, int workerThreads, Duration headerTimeout, Duration readTimeout,
      int maxHeaderSize, Optional<Secret> token) {}

  /**
   * A secret read from outside the configuration file, never printed.
   *
   * @param value the secret
   * @param source where it was read from ({@code environment variable NAME} or {@code file PATH}),
   *     for messages
   */
  public record Secret(String value, String source) {
    @Override
    public String toString() {
      return "Secret[from " + source + "]";
    }
  }

  /**
   * Shutdown settings.
   *
   * @param drainDelay how long the runtime drains on SIGTERM (readiness 503, new upgrades refused with
   *     503, open connections untouched) before it closes every connection with 1001
   */
  public record Shutdown(Duration drainDelay) {
    /** No drain delay: SIGTERM closes connections at once. */
    public static final Shutdown IMMEDIATE = new Shutdown(Duration.ZERO);
  }

  /**
   * The built-in echo upstream ({@code builtin:echo}), on 127.0.0.1: started with the first route that
   * uses it.
   *
   * @param port its port; 0 picks a free one (the runtime logs it)
   */
  public record BuiltinEcho(int port) {

    /** A free port. */
    public static final BuiltinEcho DEFAULT = new BuiltinEcho(0);
  }
}
