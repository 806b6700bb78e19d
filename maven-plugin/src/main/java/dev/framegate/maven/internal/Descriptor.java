package dev.framegate.maven.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The plugin descriptor, {@code META-INF/framegate/plugin.properties} (docs/plugin-jar-format.md).
 *
 * @param id the plugin id, {@code groupId:artifactId}
 * @param version the plugin version
 * @param pdkVersion the PDK version compiled against, {@code major.minor}
 * @param classes the plugin classes
 * @param description a one-line description, or {@code null}
 */
public record Descriptor(String id, String version, String pdkVersion, List<String> classes, String description) {

  /** The descriptor's path inside the plugin JAR and the classes directory. */
  public static final String PATH = "META-INF/framegate/plugin.properties";

  /** Checks the required keys and copies the class list. */
  public Descriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(pdkVersion, "pdkVersion");
    classes = List.copyOf(classes);
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("a plugin descriptor needs at least one plugin class");
    }
  }

  /**
   * The descriptor as properties text, keys in a fixed order and no timestamp, so that builds are
   * reproducible.
   *
   * @return the file content
   */
  public String text() {
    StringBuilder out = new StringBuilder("# Framegate plugin descriptor, written by framegate-maven-plugin\n");
    line(out, "plugin.id", id);
    line(out, "plugin.version", version);
    line(out, "pdk.version", pdkVersion);
    line(out, "plugin.classes", String.join(",", classes));
    if (description != null && !description.isBlank()) {
      line(out, "plugin.description", description.strip().replaceAll("\\s+", " "));
    }
    return out.toString();
  }

  /**
   * Writes the descriptor below a classes directory.
   *
   * @param classesDirectory the directory
   * @return the written file
   * @throws IOException when it cannot be written
   */
  public Path writeTo(Path classesDirectory) throws IOException {
    Path file = classesDirectory.resolve(PATH);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text(), StandardCharsets.ISO_8859_1);
    return file;
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(key).append('=');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('\n');
  }
}
