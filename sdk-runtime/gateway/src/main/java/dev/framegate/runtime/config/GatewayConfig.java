package dev.framegate.runtime.config;

import dev.framegate.api.ErrorPolicy;
import dev.framegate.engine.EngineSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * @param builtinEcho where the built-in echo upstream listens when a route uses {@code builtin:echo}
 */
public record GatewayConfig(
    Path source,
    List<Listener> listeners,
    List<RouteConfig> routes,
    Plugins plugins,
    Optional<Admin> admin,
    BuiltinEcho builtinEcho) {

  /**
   * Copies the lists.
   *
   * @param source the file it was read from
   * @param listeners where clients connect
   * @param routes the routes, in file order
   * @param plugins where plugin JARs are loaded from
   * @param admin the admin HTTP listener, or empty when disabled
   * @param builtinEcho where the built-in echo upstream listens
   */
  public GatewayConfig {
    listeners = List.copyOf(listeners);
    routes = List.copyOf(routes);
    builtinEcho = builtinEcho == null ? BuiltinEcho.DEFAULT : builtinEcho;
  }

  /**
   * A configuration whose built-in echo upstream, if used, listens on a free port.
   *
   * @param source the file it was read from
   * @param listeners where clients connect
   * @param routes the routes, in file order
   * @param plugins where plugin JARs are loaded from
   * @param admin the admin HTTP listener, or empty when disabled
   */
  public GatewayConfig(Path source, List<Listener> listeners, List<RouteConfig> routes, Plugins plugins,
      Optional<Admin> admin) {
    this(source, listeners, routes, plugins, admin, BuiltinEcho.DEFAULT);
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
      List<PluginEntry> plugins, EngineSettings settings) {
    /** Copies the list. */
    public RouteConfig {
      plugins = List.copyOf(plugins);
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
   */
  public record Admin(String host, int port) {}

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
