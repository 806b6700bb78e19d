package dev.framegate.runtime.internal.plugins;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.internal.PluginInspection;

/**
 * One plugin class found in a plugin JAR, checked by {@link PluginInspection#loadable(Class)} and
 * ready to be instantiated for each route that uses it.
 *
 * @param declaration what the class declares: name, priority, configuration type
 * @param jar the JAR it came from
 */
public record LoadedPlugin(PluginInspection.Declaration declaration, PluginJar jar) {

  /**
   * The plugin name from its annotation.
   *
   * @return the name
   */
  public String name() {
    return declaration.name();
  }

  /**
   * The plugin priority from its annotation.
   *
   * @return the priority
   */
  public int priority() {
    return declaration.priority();
  }

  /**
   * The plugin class, loaded by the JAR's own class loader.
   *
   * @return the class
   */
  public Class<?> pluginClass() {
    return declaration.pluginClass();
  }

  /**
   * The configuration type from its annotation.
   *
   * @return the record type
   */
  public Class<?> configType() {
    return declaration.configType();
  }

  /**
   * Creates a new instance (one per configured plugin entry).
   *
   * @return the instance
   * @throws IllegalStateException naming the plugin and its JAR when the constructor fails
   */
  public FramePlugin<?> newInstance() {
    return PluginInspection.newInstance(declaration, jar.file().getFileName().toString());
  }
}
