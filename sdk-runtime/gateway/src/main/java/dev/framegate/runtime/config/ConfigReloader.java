package dev.framegate.runtime.config;

import dev.framegate.runtime.RouteTable;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reloads the configuration file when it changes on disk and on SIGHUP. A valid new configuration
 * replaces the route table for new connections; an invalid one is logged and the old table stays.
 * Listeners, the admin endpoint and the plugin directory are read at start only: a change to them
 * is logged as needing a restart.
 */
public final class ConfigReloader implements AutoCloseable {

  /** Builds the route table of a configuration. */
  @FunctionalInterface
  public interface TableBuilder {
    /**
     * Builds the route table.
     *
     * @param config the validated configuration
     * @return its route table
     * @throws InvalidConfigException when its plugins do not resolve or bind
     */
    RouteTable build(GatewayConfig config) throws InvalidConfigException;
  }

  private static final Logger LOG = System.getLogger(ConfigReloader.class.getName());

  private final Path file;
  private final ReloadableRouteTable table;
  private final TableBuilder builder;
  private final CopyOnWriteArrayList<Consumer<Optional<InvalidConfigException>>> listeners = new CopyOnWriteArrayList<>();
  private GatewayConfig config;
  private byte[] lastContent;
  private WatchService watcher;
  private Thread watchThread;

  /**
   * Creates a reloader; it does nothing until {@link #watchFile()} or {@link #reloadOnSighup()}.
   *
   * @param file the configuration file
   * @param initial the configuration in force
   * @param table the table to update
   * @param builder builds a table from a new configuration
   */
  public ConfigReloader(Path file, GatewayConfig initial, ReloadableRouteTable table, TableBuilder builder) {
    this.file = Objects.requireNonNull(file, "file");
    this.config = Objects.requireNonNull(initial, "initial");
    this.table = Objects.requireNonNull(table, "table");
    this.builder = Objects.requireNonNull(builder, "builder");
    this.lastContent = readQuietly();
  }

  /**
   * Registers a callback told of every reload: empty on success, the errors otherwise.
   *
   * @param listener the callback
   */
  public void onReload(Consumer<Optional<InvalidConfigException>> listener) {
    listeners.add(listener);
  }

  /**
   * Reads, validates and applies the file now.
   *
   * @return {@code true} when the new configuration is in force
   */
  public synchronized boolean reload() {
    lastContent = readQuietly();
    try {
      GatewayConfig next = ConfigFiles.read(file);
      RouteTable nextTable = builder.build(next);
      warnAboutRestartOnlyChanges(next);
      table.replace(nextTable);
      config = next;
      LOG.log(Level.INFO, "configuration reloaded from {0}: {1} route(s)", file, nextTable.routes().size());
      listeners.forEach(l -> l.accept(Optional.empty()));
      return true;
    } catch (InvalidConfigException e) {
      LOG.log(Level.ERROR, "configuration reload rejected, the previous configuration stays in force:{0}{1}",
          System.lineSeparator(), e.getMessage());
      listeners.forEach(l -> l.accept(Optional.of(e)));
      return false;
    } catch (RuntimeException e) {
      InvalidConfigException failure = new InvalidConfigException(
          java.util.List.of(file.getFileName() + ": reload failed: " + e));
      LOG.log(Level.ERROR, "configuration reload failed, the previous configuration stays in force", e);
      listeners.forEach(l -> l.accept(Optional.of(failure)));
      return false;
    }
  }

  private void warnAboutRestartOnlyChanges(GatewayConfig next) {
    if (!next.listeners().equals(config.listeners())) {
      LOG.log(Level.WARNING, "listeners changed in {0}: they take effect after a restart", file);
    }
    if (!next.admin().equals(config.admin())) {
      LOG.log(Level.WARNING, "admin changed in {0}: it takes effect after a restart", file);
    }
    if (!next.plugins().equals(config.plugins())) {
      LOG.log(Level.WARNING, "plugins changed in {0}: the plugin directory is read at start only", file);
    }
  }

  /**
   * Watches the file's directory and reloads when the file's content changes, whether the file is
   * written in place, replaced by a rename, or reached through a symlink that is swapped (a
   * Kubernetes ConfigMap volume).
   *
   * @throws IOException when the directory cannot be watched
   */
  public synchronized void watchFile() throws IOException {
    if (watcher != null) {
      return;
    }
    Path directory = file.toAbsolutePath().getParent();
    watcher = FileSystems.getDefault().newWatchService();
    directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    WatchService service = watcher;
    watchThread = new Thread(() -> watchLoop(service), "framegate-config-watch");
    watchThread.setDaemon(true);
    watchThread.start();
  }

  private void watchLoop(WatchService service) {
    try {
      while (true) {
        WatchKey key = service.take();
        // Any change in the directory may have changed the file: a Kubernetes ConfigMap volume
        // updates gateway.yaml (a symlink to ..data/gateway.yaml) by swapping the ..data symlink
        // atomically, so the only events name ..data and the new ..<timestamp> directory, never the
        // file. The content comparison below keeps unrelated changes from reloading.
        key.pollEvents();
        key.reset();
        // editors write in several steps: let them finish, then read once
        WatchKey more;
        while ((more = service.poll(150, TimeUnit.MILLISECONDS)) != null) {
          more.pollEvents();
          more.reset();
        }
        byte[] content = readQuietly();
        boolean changed;
        synchronized (this) {
          changed = content != null && !Arrays.equals(content, lastContent);
        }
        if (changed) {
          reload();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  /**
   * Reloads on SIGHUP. Signals are a JDK-internal facility ({@code sun.misc.Signal}); where they are
   * unavailable (Windows), this logs and returns {@code false}.
   *
   * @return whether the handler is installed
   */
  public boolean reloadOnSighup() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
        LOG.log(Level.INFO, "SIGHUP: reloading {0}", file);
        reload();
      });
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.log(Level.WARNING, "SIGHUP is not available on this platform: reload by editing the file");
      return false;
    }
  }

  /**
   * The configuration in force.
   *
   * @return the last configuration applied
   */
  public synchronized GatewayConfig config() {
    return config;
  }

  private byte[] readQuietly() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** Stops watching the file. */
  @Override
  public synchronized void close() {
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        // nothing left to release
      }
      watchThread.interrupt();
      watcher = null;
    }
  }
}
