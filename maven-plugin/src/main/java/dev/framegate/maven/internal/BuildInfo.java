package dev.framegate.maven.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this release of the build tooling, recorded by its own build. */
public final class BuildInfo {

  private static final String RESOURCE = "/dev/framegate/maven/build.properties";

  private BuildInfo() {}

  /**
   * The Framegate release this tooling belongs to; the runtime of the same version is used by the
   * {@code run} goal.
   *
   * @return the version, such as {@code 0.1.0}
   */
  public static String framegateVersion() {
    return property("framegate.version");
  }

  static String property(String key) {
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from framegate-maven-plugin");
      }
      Properties properties = new Properties();
      properties.load(in);
      String value = properties.getProperty(key);
      if (value == null || value.contains("${")) {
        throw new IllegalStateException(RESOURCE + " has no " + key + ": the build did not filter it");
      }
      return value.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
