package dev.framegate.runtime.internal.routes;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.config.ConfigBinder;
import dev.framegate.api.config.ConfigException;
import dev.framegate.engine.PluginChain;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.config.GatewayConfig;
import dev.framegate.runtime.config.GatewayConfig.PluginEntry;
import dev.framegate.runtime.config.GatewayConfig.RouteConfig;
import dev.framegate.runtime.config.InvalidConfigException;
import dev.framegate.runtime.internal.plugins.LoadedPlugin;
import dev.framegate.runtime.internal.plugins.PluginLoadException;
import dev.framegate.runtime.internal.plugins.Plugins;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Builds the {@link RouteTable} of a configuration: finds each route's plugins among the loaded
 * ones, creates one instance per entry, binds its configuration and orders the chain.
 */
public final class RouteTables {

  private RouteTables() {}

  /**
   * Builds the routes of a configuration.
   *
   * @param config the validated configuration
   * @param plugins the loaded plugins
   * @param upstreams maps configured upstreams to the URLs to connect to (for {@code builtin:echo})
   * @return the route table
   * @throws InvalidConfigException naming the file and field path of every plugin that is unknown,
   *     fails to construct or rejects its configuration
   */
  public static RouteTable build(GatewayConfig config, Plugins plugins, UnaryOperator<URI> upstreams)
      throws InvalidConfigException {
    String label = config.source().getFileName().toString();
    List<String> errors = new ArrayList<>();
    List<Route> routes = new ArrayList<>();
    for (int r = 0; r < config.routes().size(); r++) {
      RouteConfig route = config.routes().get(r);
      PluginChain.Builder chain = PluginChain.builder();
      int errorsBefore = errors.size();
      for (int p = 0; p < route.plugins().size(); p++) {
        String path = label + ": routes[" + r + "].plugins[" + p + "]";
        PluginEntry entry = route.plugins().get(p);
        Optional<LoadedPlugin> found = plugins.find(entry.name());
        if (found.isEmpty()) {
          errors.add(path + ".name: no plugin named '" + entry.name() + "' is loaded" + loadedSummary(plugins));
          continue;
        }
        LoadedPlugin plugin = found.get();
        Object bound;
        try {
          bound = ConfigBinder.bind(entry.config(), plugin.configType());
        } catch (ConfigException e) {
          errors.add(path + ".config" + (e.field().isEmpty() ? "" : "." + e.field()) + ": " + withoutFieldPrefix(e));
          continue;
        }
        FramePlugin<?> instance;
        try {
          instance = plugin.newInstance();
        } catch (IllegalStateException e) {
          errors.add(path + ": " + e.getMessage());
          continue;
        }
        try {
          chain.add(instance, bound, entry.onError());
        } catch (IllegalArgumentException e) {
          errors.add(path + ".name: " + e.getMessage());
        }
      }
      if (errors.size() == errorsBefore) {
        URI upstream = upstreams.apply(route.upstream());
        routes.add(new Route(route.name(), route.path(), route.stripPath(), upstream, chain.build(), route.settings(),
            route.recording()));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidConfigException(errors);
    }
    return new StaticRouteTable(routes);
  }

  private static String loadedSummary(Plugins plugins) {
    StringBuilder summary = new StringBuilder();
    summary.append(plugins.names().isEmpty() ? " (no plugins are loaded" : " (loaded: " + String.join(", ", plugins.names()));
    for (PluginLoadException refusal : plugins.refusals()) {
      summary.append("; ").append(refusal.getMessage());
    }
    return summary.append(")").toString();
  }

  private static String withoutFieldPrefix(ConfigException e) {
    String prefix = "field '" + e.field() + "': ";
    String message = e.getMessage();
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  /** An immutable table: the longest route path serving the request path wins. */
  private static final class StaticRouteTable implements RouteTable {
    private final List<Route> routes;
    private final Map<String, Route> byPath = new LinkedHashMap<>();
    private final List<Route> longestFirst;

    StaticRouteTable(List<Route> routes) {
      this.routes = List.copyOf(routes);
      routes.forEach(route -> byPath.put(route.path(), route));
      this.longestFirst = routes.stream()
          .sorted(Comparator.comparingInt((Route route) -> route.path().length()).reversed())
          .toList();
    }

    @Override
    public Optional<Route> resolve(String path) {
      Route exact = byPath.get(path);
      if (exact != null) {
        return Optional.of(exact);
      }
      for (Route route : longestFirst) {
        if (route.serves(path)) {
          return Optional.of(route);
        }
      }
      return Optional.empty();
    }

    @Override
    public List<Route> routes() {
      return routes;
    }

    @Override
    public String toString() {
      return "RouteTable" + byPath.keySet();
    }
  }
}
