package dev.framegate.maven.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Writes a plugin JAR in the documented format: the compiled classes and resources (descriptor
 * included), a manifest, and the bundled libraries under {@code META-INF/framegate/lib/}.
 */
public final class PluginJarWriter {

  /** Where bundled libraries go inside the JAR. */
  public static final String LIB_DIRECTORY = "META-INF/framegate/lib/";

  private final Instant timestamp;

  /**
   * Creates a writer.
   *
   * @param timestamp the modification time of every entry (reproducible builds)
   */
  public PluginJarWriter(Instant timestamp) {
    this.timestamp = timestamp;
  }

  /**
   * A library to bundle.
   *
   * @param fileName its name inside {@code META-INF/framegate/lib/}
   * @param file the JAR
   */
  public record Library(String fileName, Path file) {}

  /**
   * Writes the JAR.
   *
   * @param target the JAR to create (replaced if it exists)
   * @param classesDirectory the compiled classes and resources, descriptor included
   * @param libraries the libraries to bundle
   * @param manifestEntries extra main manifest attributes, in order
   * @throws IOException when reading or writing fails
   */
  public void write(Path target, Path classesDirectory, List<Library> libraries, List<String[]> manifestEntries)
      throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Created-By", "framegate-maven-plugin");
    for (String[] entry : manifestEntries) {
      if (entry[1] != null) {
        main.putValue(entry[0], entry[1]);
      }
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try (OutputStream file = Files.newOutputStream(partial); JarOutputStream jar = new JarOutputStream(file)) {
      directory(jar, "META-INF/");
      JarEntry manifestEntry = entry(JarFile.MANIFEST_NAME);
      jar.putNextEntry(manifestEntry);
      manifest.write(jar);
      jar.closeEntry();
      List<String> written = new ArrayList<>(List.of("META-INF/", JarFile.MANIFEST_NAME));
      if (Files.isDirectory(classesDirectory)) {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(classesDirectory)) {
          paths = walk.filter(p -> !p.equals(classesDirectory)).sorted().toList();
        }
        for (Path path : paths) {
          String name = classesDirectory.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
          if (Files.isDirectory(path)) {
            name += "/";
          }
          if (written.contains(name) || name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || name.startsWith(LIB_DIRECTORY)) {
            continue;
          }
          written.add(name);
          if (name.endsWith("/")) {
            directory(jar, name);
          } else {
            jar.putNextEntry(entry(name));
            Files.copy(path, jar);
            jar.closeEntry();
          }
        }
      }
      if (!libraries.isEmpty()) {
        for (String dir : List.of("META-INF/framegate/", LIB_DIRECTORY)) {
          if (!written.contains(dir)) {
            directory(jar, dir);
            written.add(dir);
          }
        }
        for (Library library : libraries) {
          jar.putNextEntry(entry(LIB_DIRECTORY + library.fileName()));
          Files.copy(library.file(), jar);
          jar.closeEntry();
        }
      }
    }
    Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private void directory(JarOutputStream jar, String name) throws IOException {
    jar.putNextEntry(entry(name));
    jar.closeEntry();
  }

  private JarEntry entry(String name) {
    JarEntry entry = new JarEntry(name);
    entry.setLastModifiedTime(FileTime.from(timestamp));
    return entry;
  }
}
