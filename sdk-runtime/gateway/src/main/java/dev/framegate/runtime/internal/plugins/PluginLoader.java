package dev.framegate.runtime.internal.plugins;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.internal.PdkVersion;
import dev.framegate.api.internal.PluginInspection;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Loads plugin JARs in the format of docs/plugin-jar-format.md: one isolated class loader per JAR,
 * reading a private copy of the JAR and its bundled libraries in a temporary directory, every
 * declared class checked.
 */
public final class PluginLoader {

  /** Where the descriptor lives in a plugin JAR. */
  public static final String DESCRIPTOR = "META-INF/framegate/plugin.properties";

  private static final String LIB_PREFIX = "META-INF/framegate/lib/";
  private static final String COPY_NAME = "plugin.jar";

  private final PdkVersion runtimePdk;
  private final ClassLoader apiLoader;

  /** A loader for this runtime's PDK version. */
  public PluginLoader() {
    this(PdkVersion.current());
  }

  /**
   * A loader accepting plugins compatible with a given PDK version.
   *
   * @param runtimePdk the PDK version the runtime implements
   */
  public PluginLoader(PdkVersion runtimePdk) {
    this.runtimePdk = Objects.requireNonNull(runtimePdk, "runtimePdk");
    this.apiLoader = FramePlugin.class.getClassLoader();
  }

  /**
   * Loads every {@code *.jar} of a directory, in file-name order. A refused JAR is reported in the
   * result and does not stop the others; a plugin name already provided by an earlier JAR refuses
   * the later JAR.
   *
   * @param directory the plugin directory
   * @return the loaded plugins and the refusals
   * @throws IOException when the directory cannot be listed
   */
  public Plugins loadDirectory(Path directory) throws IOException {
    Plugins plugins = new Plugins();
    plugins.refresh(this, directory);
    return plugins;
  }

  /**
   * Loads one plugin JAR.
   *
   * @param file the JAR
   * @return the loaded JAR with its plugins
   * @throws PluginLoadException naming the JAR and the reason when it is refused
   */
  public PluginJar load(Path file) throws PluginLoadException {
    Properties descriptor = new Properties();
    List<String> libraries = new ArrayList<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry entry = zip.getEntry(DESCRIPTOR);
      if (entry == null) {
        throw new PluginLoadException(file, "no descriptor " + DESCRIPTOR
            + ": build the plugin with framegate-maven-plugin or add the descriptor (docs/plugin-jar-format.md)", null);
      }
      try (InputStream in = zip.getInputStream(entry)) {
        descriptor.load(in);
      }
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (name.startsWith(LIB_PREFIX) && name.endsWith(".jar") && name.indexOf('/', LIB_PREFIX.length()) < 0) {
          libraries.add(name);
        }
      }
    } catch (ZipException e) {
      throw new PluginLoadException(file, "not a ZIP file (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new PluginLoadException(file, "cannot be read: " + e, e);
    }

    String id = required(file, descriptor, "plugin.id");
    String version = required(file, descriptor, "plugin.version");
    String pdk = required(file, descriptor, "pdk.version");
    String classes = required(file, descriptor, "plugin.classes");
    PdkVersion pluginPdk;
    try {
      pluginPdk = PdkVersion.parse(pdk);
    } catch (IllegalArgumentException e) {
      throw new PluginLoadException(file, "pdk.version " + e.getMessage(), e);
    }
    if (!runtimePdk.accepts(pluginPdk)) {
      throw new PluginLoadException(file, "incompatible PDK version: the plugin needs PDK " + pluginPdk
          + ", this runtime implements PDK " + runtimePdk + " (same major, minor at most "
          + runtimePdk.minor() + ")", null);
    }

    JarStamp stamp = JarStamp.of(file);
    Path privateCopy = privateCopy(file);
    PluginJar jar;
    try {
      Path extracted = libraries.isEmpty() ? null : extractLibraries(file, privateCopy, libraries);
      PluginClassLoader loader = new PluginClassLoader("plugin:" + file.getFileName(),
          urls(file, privateCopy.resolve(COPY_NAME), extracted), apiLoader);
      jar = new PluginJar(file, stamp, id, version, pdk,
          descriptor.getProperty("plugin.description", "").trim(), loader, privateCopy);
    } catch (PluginLoadException | RuntimeException e) {
      TempFiles.deleteRecursively(privateCopy);
      throw e;
    }
    ClassLoader loader = jar.classLoader();
    try {
      List<LoadedPlugin> plugins = new ArrayList<>();
      for (String className : classes.split(",")) {
        String name = className.trim();
        if (!name.isEmpty()) {
          plugins.add(inspect(file, jar, loader, name));
        }
      }
      if (plugins.isEmpty()) {
        throw new PluginLoadException(file, "plugin.classes names no class", null);
      }
      jar.plugins(plugins);
      return jar;
    } catch (PluginLoadException | RuntimeException | LinkageError e) {
      jar.close();
      throw e;
    }
  }

  private static String required(Path file, Properties descriptor, String key) throws PluginLoadException {
    String value = descriptor.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new PluginLoadException(file, "the descriptor lacks the required key " + key, null);
    }
    return value.trim();
  }

  private static LoadedPlugin inspect(Path file, PluginJar jar, ClassLoader loader, String className)
      throws PluginLoadException {
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new PluginLoadException(file, "class " + className + " named in plugin.classes is missing", e);
    } catch (LinkageError e) {
      throw new PluginLoadException(file, "class " + className + " cannot be loaded: " + e, e);
    }
    PluginInspection.Result inspection;
    try {
      inspection = PluginInspection.loadable(type);
    } catch (LinkageError e) {
      throw new PluginLoadException(file, "class " + className + " cannot be inspected: " + e, e);
    }
    if (!inspection.valid()) {
      throw new PluginLoadException(file, inspection.problems().size() == 1
          ? inspection.describe() : System.lineSeparator() + inspection.describe(), null);
    }
    return new LoadedPlugin(inspection.declaration(), jar);
  }

  /**
   * Copies the JAR into a private directory, so that replacing the file on disk (a new build, a
   * redeploy) never changes the classes a running class loader reads.
   */
  private static Path privateCopy(Path file) throws PluginLoadException {
    Path directory = null;
    try {
      directory = Files.createTempDirectory("framegate-plugin-");
      directory.toFile().deleteOnExit();
      Path copy = directory.resolve(COPY_NAME);
      Files.copy(file, copy);
      copy.toFile().deleteOnExit();
      return directory;
    } catch (IOException e) {
      if (directory != null) {
        TempFiles.deleteRecursively(directory);
      }
      throw new PluginLoadException(file, "cannot copy it to a private directory: " + e, e);
    }
  }

  private static Path extractLibraries(Path file, Path privateCopy, List<String> libraries) throws PluginLoadException {
    try {
      Path directory = Files.createDirectory(privateCopy.resolve("lib"));
      directory.toFile().deleteOnExit();
      try (ZipFile zip = new ZipFile(privateCopy.resolve(COPY_NAME).toFile())) {
        for (String name : libraries) {
          // only the file name: entry names never escape the directory
          Path target = directory.resolve(name.substring(LIB_PREFIX.length()));
          try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
          target.toFile().deleteOnExit();
        }
      }
      return directory;
    } catch (IOException e) {
      throw new PluginLoadException(file, "cannot extract its bundled libraries: " + e, e);
    }
  }

  private static URL[] urls(Path file, Path copy, Path extracted) throws PluginLoadException {
    try {
      List<URL> urls = new ArrayList<>();
      urls.add(copy.toUri().toURL());
      if (extracted != null) {
        try (DirectoryStream<Path> libs = Files.newDirectoryStream(extracted, "*.jar")) {
          List<Path> sorted = new ArrayList<>();
          libs.forEach(sorted::add);
          sorted.sort(null);
          for (Path lib : sorted) {
            urls.add(lib.toUri().toURL());
          }
        }
      }
      return urls.toArray(URL[]::new);
    } catch (MalformedURLException e) {
      throw new PluginLoadException(file, "bad path: " + e, e);
    } catch (IOException e) {
      throw new PluginLoadException(file, "cannot list its bundled libraries: " + e, e);
    }
  }
}
