package dev.framegate.runtime.internal.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plugins a runtime loaded, by name, and the JARs it refused. */
public final class Plugins implements AutoCloseable {

  private final List<PluginJar> jars = new ArrayList<>();
  private final Map<String, LoadedPlugin> byName = new LinkedHashMap<>();
  private final List<PluginLoadException> refusals = new ArrayList<>();

  /** An empty set, to which JARs are added. */
  public Plugins() {}

  /**
   * Adds a loaded JAR. A JAR providing a plugin name already present is refused and closed.
   *
   * @param jar the JAR
   */
  public void add(PluginJar jar) {
    for (LoadedPlugin plugin : jar.plugins()) {
      LoadedPlugin existing = byName.get(plugin.name());
      if (existing != null) {
        refusals.add(new PluginLoadException(jar.file(), "plugin name '" + plugin.name()
            + "' is already provided by " + existing.jar().file().getFileName(), null));
        jar.close();
        return;
      }
    }
    jars.add(jar);
    for (LoadedPlugin plugin : jar.plugins()) {
      byName.put(plugin.name(), plugin);
    }
  }

  void refused(PluginLoadException refusal) {
    refusals.add(refusal);
  }

  /**
   * Finds a plugin by its annotation name.
   *
   * @param name the plugin name
   * @return the plugin, or empty
   */
  public Optional<LoadedPlugin> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The names of every loaded plugin.
   *
   * @return the names, in load order
   */
  public Collection<String> names() {
    return List.copyOf(byName.keySet());
  }

  /**
   * The loaded JARs.
   *
   * @return the JARs, in load order
   */
  public List<PluginJar> jars() {
    return List.copyOf(jars);
  }

  /**
   * The refused JARs.
   *
   * @return one exception per refused JAR, each naming the JAR and the reason
   */
  public List<PluginLoadException> refusals() {
    return List.copyOf(refusals);
  }

  /** Closes every JAR's class loader. */
  @Override
  public void close() {
    jars.forEach(PluginJar::close);
  }
}
