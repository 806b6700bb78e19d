package dev.framegate.runtime.internal.plugins;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugins a runtime loaded, by name, and the JARs it refused. A {@link #refresh} picks up JARs
 * added to or rebuilt in the plugin directory; the JARs they replace stay open until {@link #close()},
 * because connections opened before the refresh still run their classes (rule P2).
 */
public final class Plugins implements AutoCloseable {

  /**
   * What a {@link #refresh} changed.
   *
   * @param added JARs loaded for the first time
   * @param replaced JARs loaded again because their file changed
   * @param refused JARs refused by this refresh
   */
  public record Refresh(List<PluginJar> added, List<PluginJar> replaced, List<PluginLoadException> refused) {

    /**
     * Whether the refresh changed nothing.
     *
     * @return {@code true} when no JAR was added, replaced or refused
     */
    public boolean isEmpty() {
      return added.isEmpty() && replaced.isEmpty() && refused.isEmpty();
    }
  }

  private record Refusal(JarStamp stamp, PluginLoadException exception) {}

  private final List<PluginJar> jars = new ArrayList<>();
  private final Map<String, LoadedPlugin> byName = new LinkedHashMap<>();
  private final Map<Path, Refusal> refusals = new LinkedHashMap<>();
  private final List<PluginJar> retired = new ArrayList<>();

  /** An empty set, to which JARs are added. */
  public Plugins() {}

  /**
   * Adds a loaded JAR. A JAR providing a plugin name already present is refused and closed.
   *
   * @param jar the JAR
   */
  public synchronized void add(PluginJar jar) {
    PluginLoadException conflict = conflict(jar, null);
    if (conflict != null) {
      refused(jar.stamp(), conflict);
      jar.close();
      return;
    }
    refusals.remove(jar.file());
    jars.add(jar);
    jar.plugins().forEach(plugin -> byName.put(plugin.name(), plugin));
  }

  private void refused(JarStamp stamp, PluginLoadException refusal) {
    refusals.put(refusal.jar(), new Refusal(stamp, refusal));
  }

  /** The refusal of a JAR whose plugin names another loaded JAR (other than {@code replacing}) provides. */
  private PluginLoadException conflict(PluginJar jar, PluginJar replacing) {
    for (LoadedPlugin plugin : jar.plugins()) {
      LoadedPlugin existing = byName.get(plugin.name());
      if (existing != null && existing.jar() != replacing) {
        return new PluginLoadException(jar.file(), "plugin name '" + plugin.name()
            + "' is already provided by " + existing.jar().file().getFileName(), null);
      }
    }
    return null;
  }

  /**
   * Loads the JARs of a directory that are new or whose file changed since they were loaded or
   * refused, in file-name order. A changed JAR that loads replaces the previous one for new chains;
   * one that is refused leaves the previous one in force. A JAR whose file disappeared stays loaded.
   *
   * @param loader the loader to read JARs with
   * @param directory the plugin directory
   * @return what changed
   * @throws IOException when the directory cannot be listed
   */
  public synchronized Refresh refresh(PluginLoader loader, Path directory) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.jar")) {
      for (Path file : stream) {
        if (Files.isRegularFile(file)) {
          files.add(file);
        }
      }
    }
    files.sort(null);
    List<PluginJar> added = new ArrayList<>();
    List<PluginJar> replaced = new ArrayList<>();
    List<PluginLoadException> refused = new ArrayList<>();
    for (Path file : files) {
      JarStamp stamp = JarStamp.of(file);
      PluginJar current = loadedFrom(file);
      Refusal refusal = refusals.get(file);
      if ((current != null && current.stamp().equals(stamp)) || (refusal != null && refusal.stamp().equals(stamp))) {
        continue;
      }
      PluginJar next;
      try {
        next = loader.load(file);
      } catch (PluginLoadException e) {
        refused(stamp, e);
        refused.add(e);
        continue;
      }
      PluginLoadException conflict = conflict(next, current);
      if (conflict != null) {
        next.close();
        refused(stamp, conflict);
        refused.add(conflict);
        continue;
      }
      refusals.remove(file);
      if (current == null) {
        jars.add(next);
        added.add(next);
      } else {
        jars.set(jars.indexOf(current), next);
        current.plugins().forEach(plugin -> byName.remove(plugin.name()));
        retired.add(current);
        replaced.add(next);
      }
      next.plugins().forEach(plugin -> byName.put(plugin.name(), plugin));
    }
    return new Refresh(List.copyOf(added), List.copyOf(replaced), List.copyOf(refused));
  }

  private PluginJar loadedFrom(Path file) {
    for (PluginJar jar : jars) {
      if (jar.file().equals(file)) {
        return jar;
      }
    }
    return null;
  }

  /**
   * Finds a plugin by its annotation name.
   *
   * @param name the plugin name
   * @return the plugin, or empty
   */
  public synchronized Optional<LoadedPlugin> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The names of every loaded plugin.
   *
   * @return the names, in load order
   */
  public synchronized Collection<String> names() {
    return List.copyOf(byName.keySet());
  }

  /**
   * The loaded JARs in force.
   *
   * @return the JARs, in load order
   */
  public synchronized List<PluginJar> jars() {
    return List.copyOf(jars);
  }

  /**
   * The refused JARs.
   *
   * @return one exception per refused JAR, each naming the JAR and the reason
   */
  public synchronized List<PluginLoadException> refusals() {
    return refusals.values().stream().map(Refusal::exception).toList();
  }

  /** Closes every JAR's class loader, including those replaced by a refresh. */
  @Override
  public synchronized void close() {
    jars.forEach(PluginJar::close);
    retired.forEach(PluginJar::close);
  }
}
