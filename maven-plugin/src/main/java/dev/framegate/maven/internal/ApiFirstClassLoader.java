package dev.framegate.maven.internal;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads a plugin project's classes and libraries with the PDK API of this build tooling, as the
 * runtime loads a plugin JAR with its own: {@code dev.framegate.api} classes come from the tooling,
 * everything else from the given URLs, then the platform. The plugin classes therefore implement the
 * very {@code FramePlugin} the shared inspection checks against, and nothing of Maven or of the
 * tooling's other libraries leaks in.
 */
public final class ApiFirstClassLoader extends URLClassLoader {

  private static final String API_PACKAGE = "dev.framegate.api.";

  private final ClassLoader api;

  /**
   * Creates a loader.
   *
   * @param name the loader's name, for error messages
   * @param urls the classes directories and JARs
   */
  public ApiFirstClassLoader(String name, URL[] urls) {
    super(name, urls, ClassLoader.getPlatformClassLoader());
    this.api = ApiFirstClassLoader.class.getClassLoader();
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(API_PACKAGE)) {
      return api.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }
}
