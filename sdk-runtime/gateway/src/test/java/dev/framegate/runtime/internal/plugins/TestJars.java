package dev.framegate.runtime.internal.plugins;

import dev.framegate.api.FramePlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real JARs at test time: compiles Java sources with javax.tools against the PDK API and zips
 * the classes, an optional plugin descriptor and bundled libraries.
 */
public final class TestJars {

  private final Path workDir;
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();
  private final List<Path> classPath = new ArrayList<>();
  private String descriptor;

  private TestJars(Path workDir) {
    this.workDir = workDir;
  }

  /**
   * Starts a JAR whose build files go below a directory.
   *
   * @param workDir a scratch directory
   * @return the builder
   */
  public static TestJars in(Path workDir) {
    return new TestJars(workDir);
  }

  /** Adds a Java source; the class name decides the file name. */
  public TestJars source(String qualifiedClassName, String code) {
    sources.put(qualifiedClassName, code);
    return this;
  }

  /** Sets the descriptor's content, written to META-INF/framegate/plugin.properties. */
  public TestJars descriptor(String properties) {
    this.descriptor = properties;
    return this;
  }

  /** A descriptor with the usual keys. */
  public TestJars descriptor(String pdkVersion, String... classes) {
    return descriptor("plugin.id=com.example:test-plugin\nplugin.version=1.2.3\npdk.version=" + pdkVersion
        + "\nplugin.classes=" + String.join(",", classes) + "\nplugin.description=a test plugin\n");
  }

  /** Bundles a library JAR as META-INF/framegate/lib/NAME, and compiles against it. */
  public TestJars bundle(Path libraryJar) {
    try {
      extraEntries.put("META-INF/framegate/lib/" + libraryJar.getFileName(), Files.readAllBytes(libraryJar));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    classPath.add(libraryJar);
    return this;
  }

  /** Compiles against a JAR without bundling it. */
  public TestJars compileAgainst(Path jar) {
    classPath.add(jar);
    return this;
  }

  /** Adds a raw entry. */
  public TestJars entry(String name, String content) {
    extraEntries.put(name, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * Compiles and zips.
   *
   * @param fileName the JAR's file name, created in the work directory
   * @return the JAR
   */
  public Path build(String fileName) {
    try {
      Path base = Files.createTempDirectory(workDir, "build-");
      Path src = base.resolve("src");
      Path classes = base.resolve("classes");
      Files.createDirectories(classes);
      List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-classpath", classPathString()));
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        args.add(file.toString());
      }
      if (!sources.isEmpty()) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        int status = compiler.run(null, null, new java.io.PrintStream(new WriterStream(errors), true), args.toArray(String[]::new));
        if (status != 0) {
          throw new IllegalStateException("test plugin does not compile:\n" + errors);
        }
      }
      Path jar = workDir.resolve(fileName);
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
        if (descriptor != null) {
          put(zip, PluginLoader.DESCRIPTOR, descriptor.getBytes(StandardCharsets.UTF_8));
        }
        try (Stream<Path> files = Files.walk(classes)) {
          for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
            put(zip, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
          }
        }
        for (Map.Entry<String, byte[]> entry : extraEntries.entrySet()) {
          put(zip, entry.getKey(), entry.getValue());
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String classPathString() {
    List<String> entries = new ArrayList<>();
    entries.add(locationOf(FramePlugin.class).toString());
    classPath.forEach(p -> entries.add(p.toString()));
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** Where a class was loaded from (a JAR or a classes directory). */
  public static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }

  /** A plugin source: a public class in package {@code pkg} with the given annotation and body. */
  public static String pluginSource(String pkg, String simpleName, String annotation, String body) {
    return "package " + pkg + ";\n"
        + "import dev.framegate.api.*;\n"
        + annotation + "\n"
        + "public class " + simpleName + " implements FramePlugin<NoConfig> {\n"
        + body + "\n}\n";
  }

  private static final class WriterStream extends OutputStream {
    private final StringWriter out;

    WriterStream(StringWriter out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      out.write(b);
    }
  }
}
