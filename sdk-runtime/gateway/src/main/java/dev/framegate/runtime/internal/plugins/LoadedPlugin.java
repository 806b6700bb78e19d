package dev.framegate.runtime.internal.plugins;

import dev.framegate.api.FramePlugin;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * One plugin class found in a plugin JAR, ready to be instantiated for each route that uses it.
 *
 * @param name the plugin name from its annotation
 * @param priority the plugin priority from its annotation
 * @param pluginClass the plugin class, loaded by the JAR's own class loader
 * @param configType the configuration type from its annotation
 * @param jar the JAR it came from
 */
public record LoadedPlugin(
    String name, int priority, Class<?> pluginClass, Class<?> configType, PluginJar jar) {

  /**
   * Creates a new instance (one per configured plugin entry).
   *
   * @return the instance
   * @throws IllegalStateException naming the plugin and its JAR when the constructor fails
   */
  public FramePlugin<?> newInstance() {
    try {
      Constructor<?> constructor = pluginClass.getConstructor();
      return (FramePlugin<?>) constructor.newInstance();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IllegalStateException(
          "plugin '" + name + "' (" + jar.file().getFileName() + "): its constructor threw " + cause, cause);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException(
          "plugin '" + name + "' (" + jar.file().getFileName() + "): cannot be instantiated: " + e, e);
    }
  }
}
