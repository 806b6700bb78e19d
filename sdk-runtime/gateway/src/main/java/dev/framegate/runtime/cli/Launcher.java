package dev.framegate.runtime.cli;

import dev.framegate.engine.Engine;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.config.ConfigFiles;
import dev.framegate.runtime.config.ConfigReloader;
import dev.framegate.runtime.config.GatewayConfig;
import dev.framegate.runtime.config.InvalidConfigException;
import dev.framegate.runtime.config.ReloadableRouteTable;
import dev.framegate.runtime.internal.routes.RouteTables;
import dev.framegate.runtime.internal.admin.AdminServer;
import dev.framegate.runtime.internal.admin.GatewayObserver;
import dev.framegate.runtime.internal.demo.EchoServer;
import dev.framegate.runtime.internal.plugins.LoadedPlugin;
import dev.framegate.runtime.internal.plugins.PluginJar;
import dev.framegate.runtime.internal.plugins.PluginLoadException;
import dev.framegate.runtime.internal.plugins.PluginLoader;
import dev.framegate.runtime.internal.plugins.Plugins;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a running gateway from a configuration file: plugins, routes, engine, listeners, admin
 * endpoint, reload; and takes it down again. {@link #close()} closes every connection with 1001.
 */
final class Launcher implements AutoCloseable {

  private static final Logger LOG = System.getLogger(Launcher.class.getName());

  /** The configuration could not be used; the message says why, one error per line. */
  static final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Plugins plugins;
  private final List<ClientListeners.Running> listeners = new ArrayList<>();
  private ExecutorScheduler scheduler;
  private EchoServer echo;
  private int echoPort;
  private AdminServer admin;
  private ConfigReloader reloader;
  private ReloadableRouteTable table;
  private GatewayObserver observer;
  private Engine engine;
  private java.time.Duration drainDelay = java.time.Duration.ZERO;

  private Launcher(Plugins plugins) {
    this.plugins = plugins;
  }

  /**
   * Validates a configuration completely (syntax, values, plugins, plugin configurations) without
   * opening any socket.
   *
   * @param file the configuration file
   * @return the plugins it loaded, to close
   * @throws StartupException with every error
   */
  static Plugins validate(Path file) throws StartupException {
    GatewayConfig config = read(file);
    Plugins plugins = loadPlugins(config);
    try {
      RouteTables.build(config, plugins, upstream -> upstream);
      return plugins;
    } catch (InvalidConfigException e) {
      plugins.close();
      throw new StartupException(e.getMessage(), e);
    }
  }

  /**
   * Starts a gateway.
   *
   * @param file the configuration file
   * @param transport starts the client-facing listeners
   * @return the running gateway
   * @throws StartupException when the configuration or a listener fails
   */
  static Launcher start(Path file, ClientListeners transport) throws StartupException {
    GatewayConfig config = read(file);
    Launcher launcher = new Launcher(loadPlugins(config));
    try {
      launcher.startWith(file, config, transport);
      return launcher;
    } catch (StartupException | RuntimeException e) {
      launcher.close();
      throw e;
    }
  }

  private void startWith(Path file, GatewayConfig config, ClientListeners transport) throws StartupException {
    echoPort = config.builtinEcho().port();
    if (config.routes().stream().anyMatch(route -> route.upstream().equals(ConfigFiles.BUILTIN_ECHO))) {
      try {
        resolveUpstream(ConfigFiles.BUILTIN_ECHO);
      } catch (RuntimeException e) {
        throw new StartupException(config.source().getFileName() + ": builtin-echo.port: cannot listen on 127.0.0.1:"
            + echoPort + ": " + e.getMessage(), e);
      }
    }
    ConfigReloader.TableBuilder builder = next -> RouteTables.build(next, plugins, this::resolveUpstream);
    ConfigReloader.TableBuilder reloadBuilder = next -> {
      refreshPlugins(config);
      return builder.build(next);
    };
    try {
      table = new ReloadableRouteTable(builder.build(config));
    } catch (InvalidConfigException e) {
      throw new StartupException(e.getMessage(), e);
    }
    observer = new GatewayObserver(table, Clock.systemUTC());
    scheduler = new ExecutorScheduler();
    engine = Engine.create(scheduler, observer);
    drainDelay = config.shutdown().drainDelay();
    for (GatewayConfig.Listener listener : config.listeners()) {
      try {
        ClientListeners.Running running = transport.start(listener, table, engine);
        listeners.add(running);
        observer.addTransport(running);
        LOG.log(Level.INFO, "listening on {0}://{1}:{2,number,#}",
            listener.tls().isPresent() ? "wss" : "ws", listener.host(), running.port());
      } catch (IOException | RuntimeException e) {
        throw new StartupException("listeners: cannot listen on " + listener.host() + ":" + listener.port() + ": " + e, e);
      }
    }
    if (config.admin().isPresent()) {
      GatewayConfig.Admin adminConfig = config.admin().get();
      try {
        AdminServer.Settings settings = new AdminServer.Settings(adminConfig.host(), adminConfig.port(),
            adminConfig.workerThreads(), adminConfig.headerTimeout(), adminConfig.readTimeout(),
            adminConfig.maxHeaderSize(), adminConfig.token().map(GatewayConfig.Secret::value),
            config.plugins().directory());
        admin = AdminServer.start(settings, observer, plugins);
        adminConfig.token().ifPresent(token -> LOG.log(Level.INFO,
            "admin endpoint requires a bearer token (from {0}) for /plugins, /connections and /metrics", token.source()));
        LOG.log(Level.INFO, "admin endpoint on http://{0}:{1,number,#}/", adminConfig.host(), admin.port());
      } catch (IOException e) {
        throw new StartupException("admin: cannot listen on " + adminConfig.host() + ":" + adminConfig.port() + ": " + e, e);
      }
    }
    reloader = new ConfigReloader(file, config, table, reloadBuilder);
    try {
      reloader.watchFile();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot watch {0} for changes: reload with SIGHUP ({1})", file, e);
    }
    reloader.reloadOnSighup();
  }

  /**
   * Loads the JARs added to or rebuilt in the plugin directory since the start (the directory itself
   * is read from the configuration the runtime started with). Under fail-fast, a refused JAR rejects
   * the reload.
   */
  private void refreshPlugins(GatewayConfig startConfig) throws InvalidConfigException {
    if (startConfig.plugins().directory().isEmpty()) {
      return;
    }
    Path directory = startConfig.plugins().directory().get();
    Plugins.Refresh refresh;
    try {
      refresh = plugins.refresh(new PluginLoader(), directory);
    } catch (IOException e) {
      throw new InvalidConfigException(List.of(startConfig.source().getFileName()
          + ": plugins.directory: cannot list " + directory + ": " + e));
    }
    refresh.added().forEach(jar -> LOG.log(Level.INFO, "loaded plugin JAR {0}: {1}", jar, pluginNames(jar)));
    refresh.replaced().forEach(jar -> LOG.log(Level.INFO,
        "reloaded plugin JAR {0} for new connections: {1}", jar, pluginNames(jar)));
    refresh.refused().forEach(refusal -> LOG.log(Level.WARNING, refusal.getMessage()));
    if (!refresh.refused().isEmpty() && startConfig.plugins().failFast()) {
      List<String> lines = new ArrayList<>();
      refresh.refused().forEach(refusal -> lines.add(refusal.getMessage()));
      lines.add("(plugins.fail-fast is true: a refused plugin JAR rejects the reload)");
      throw new InvalidConfigException(lines);
    }
  }

  private static String pluginNames(PluginJar jar) {
    return String.join(", ", jar.plugins().stream().map(LoadedPlugin::name).toList());
  }

  private synchronized URI resolveUpstream(URI upstream) {
    if (!upstream.equals(ConfigFiles.BUILTIN_ECHO)) {
      return upstream;
    }
    if (echo == null) {
      echo = EchoServer.start(echoPort);
      LOG.log(Level.INFO, "built-in echo upstream on {0}", echo.uri());
    }
    return echo.uri();
  }

  private static GatewayConfig read(Path file) throws StartupException {
    try {
      return ConfigFiles.read(file);
    } catch (InvalidConfigException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  private static Plugins loadPlugins(GatewayConfig config) throws StartupException {
    if (config.plugins().directory().isEmpty()) {
      return new Plugins();
    }
    Path directory = config.plugins().directory().get();
    Plugins plugins;
    try {
      plugins = new PluginLoader().loadDirectory(directory);
    } catch (IOException e) {
      throw new StartupException(config.source().getFileName() + ": plugins.directory: cannot list " + directory + ": " + e, e);
    }
    for (PluginLoadException refusal : plugins.refusals()) {
      LOG.log(config.plugins().failFast() ? Level.ERROR : Level.WARNING, refusal.getMessage());
    }
    if (!plugins.refusals().isEmpty() && config.plugins().failFast()) {
      List<String> lines = new ArrayList<>();
      plugins.refusals().forEach(r -> lines.add(r.getMessage()));
      plugins.close();
      throw new StartupException(String.join(System.lineSeparator(), lines)
          + System.lineSeparator() + "(plugins.fail-fast is true: not starting)", null);
    }
    plugins.jars().forEach(jar -> LOG.log(Level.INFO, "loaded plugin JAR {0}: {1}", jar, pluginNames(jar)));
    return plugins;
  }

  /** The routes in force. */
  RouteTable routes() {
    return table;
  }

  /**
   * Reloads the configuration file now, as SIGHUP does.
   *
   * @return {@code true} when the new configuration is in force
   */
  boolean reload() {
    return reloader.reload();
  }

  /** The first listener's port. */
  int port() {
    return listeners.get(0).port();
  }

  /** The admin port, or -1 without admin endpoint. */
  int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  /** The loaded plugins. */
  Plugins plugins() {
    return plugins;
  }

  /**
   * Starts draining: {@code /health/ready} answers 503 and new upgrades are refused with 503, while
   * open connections go on. Safe to call twice.
   */
  synchronized void drain() {
    if (admin != null) {
      admin.startDraining();
    }
    if (engine != null) {
      engine.drain();
    }
  }

  /** The configured drain delay. */
  java.time.Duration drainDelay() {
    return drainDelay;
  }

  /**
   * Stops as on SIGTERM: drains for the configured {@code shutdown.drain-delay}, so that a load
   * balancer watching {@code /health/ready} stops sending new clients, then closes every connection
   * with 1001 and stops everything.
   */
  void stop() {
    drain();
    if (!drainDelay.isZero()) {
      LOG.log(Level.INFO, "draining for {0} ms before closing connections (shutdown.drain-delay)", drainDelay.toMillis());
      try {
        Thread.sleep(drainDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    close();
  }

  /** Closes every connection with 1001, then stops everything; safe to call twice. */
  @Override
  public synchronized void close() {
    if (reloader != null) {
      reloader.close();
      reloader = null;
    }
    for (ClientListeners.Running listener : listeners) {
      try {
        listener.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "listener did not stop cleanly", e);
      }
    }
    listeners.clear();
    if (admin != null) {
      admin.close();
      admin = null;
    }
    if (echo != null) {
      echo.close();
      echo = null;
    }
    if (scheduler != null) {
      scheduler.close();
      scheduler = null;
    }
    plugins.close();
  }
}
