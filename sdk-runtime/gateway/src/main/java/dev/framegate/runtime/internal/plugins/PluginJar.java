package dev.framegate.runtime.internal.plugins;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded plugin JAR: its descriptor and its plugins. Closing it closes its class loader and
 * removes its private copy and extracted libraries.
 */
public final class PluginJar implements AutoCloseable {

  private final Path file;
  private final JarStamp stamp;
  private final String id;
  private final String version;
  private final String pdkVersion;
  private final String description;
  private final PluginClassLoader classLoader;
  private final Path privateDirectory;
  private volatile List<LoadedPlugin> plugins = List.of();

  PluginJar(Path file, JarStamp stamp, String id, String version, String pdkVersion, String description,
      PluginClassLoader classLoader, Path privateDirectory) {
    this.file = file;
    this.stamp = stamp;
    this.id = id;
    this.version = version;
    this.pdkVersion = pdkVersion;
    this.description = description;
    this.classLoader = classLoader;
    this.privateDirectory = privateDirectory;
  }

  void plugins(List<LoadedPlugin> plugins) {
    this.plugins = List.copyOf(plugins);
  }

  /**
   * The JAR file.
   *
   * @return its path
   */
  public Path file() {
    return file;
  }

  JarStamp stamp() {
    return stamp;
  }

  /**
   * The descriptor's {@code plugin.id}.
   *
   * @return {@code groupId:artifactId}
   */
  public String id() {
    return id;
  }

  /**
   * The descriptor's {@code plugin.version}.
   *
   * @return the plugin version
   */
  public String version() {
    return version;
  }

  /**
   * The descriptor's {@code pdk.version}.
   *
   * @return the PDK version the plugin was built against
   */
  public String pdkVersion() {
    return pdkVersion;
  }

  /**
   * The descriptor's {@code plugin.description}.
   *
   * @return the description, empty when absent
   */
  public String description() {
    return description;
  }

  /**
   * The plugins the JAR declares.
   *
   * @return the plugins, in descriptor order
   */
  public List<LoadedPlugin> plugins() {
    return plugins;
  }

  /**
   * The JAR's class loader.
   *
   * @return the loader of its classes
   */
  public ClassLoader classLoader() {
    return classLoader;
  }

  @Override
  public void close() {
    try {
      classLoader.close();
    } catch (IOException e) {
      // the loader only holds open JAR files: nothing to recover
    }
    TempFiles.deleteRecursively(privateDirectory);
  }

  @Override
  public String toString() {
    return file.getFileName() + " (" + id + " " + version + ")";
  }
}
