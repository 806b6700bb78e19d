package dev.framegate.runtime.internal.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin JAR. Child-first for the plugin's classes and its bundled
 * libraries; the PDK API ({@code dev.framegate.api.*}) always comes from the runtime, so that plugin
 * and runtime share one PDK. Its parent is the JDK's platform loader, not the runtime's class path:
 * a plugin sees the JDK, the PDK and what it ships, never the runtime's own libraries (Tyrus,
 * Jackson, the engine).
 */
final class PluginClassLoader extends URLClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String API_PACKAGE = "dev.framegate.api.";
  private static final String API_RESOURCES = "dev/framegate/api/";
  private static final String[] JDK_PACKAGES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

  private final ClassLoader apiLoader;

  PluginClassLoader(String name, URL[] urls, ClassLoader apiLoader) {
    super(name, urls, ClassLoader.getPlatformClassLoader());
    this.apiLoader = apiLoader;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(API_PACKAGE)) {
      return apiLoader.loadClass(name);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        if (isJdk(name)) {
          loaded = getParent().loadClass(name);
        } else {
          try {
            loaded = findClass(name);
          } catch (ClassNotFoundException notInPlugin) {
            // JDK classes outside the usual prefixes (org.w3c.dom, org.xml.sax, ...)
            loaded = getParent().loadClass(name);
          }
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private static boolean isJdk(String name) {
    for (String prefix : JDK_PACKAGES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public URL getResource(String name) {
    if (name.startsWith(API_RESOURCES)) {
      return apiLoader.getResource(name);
    }
    URL own = findResource(name);
    return own != null ? own : getParent().getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (name.startsWith(API_RESOURCES)) {
      return apiLoader.getResources(name);
    }
    List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
    all.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(all);
  }
}
