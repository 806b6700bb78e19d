package dev.framegate.runtime.internal.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The runtime's own version, recorded by its build. The PDK version it implements is the PDK API's
 * ({@link dev.framegate.api.internal.PdkVersion#current()}).
 */
public final class RuntimeVersion {

  private static final String VERSION_RESOURCE = "/dev/framegate/runtime/version.properties";

  private RuntimeVersion() {}

  /**
   * The runtime's version.
   *
   * @return the version, such as {@code 1.0.0-SNAPSHOT}
   */
  public static String version() {
    try (InputStream in = RuntimeVersion.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(VERSION_RESOURCE + " is missing from the runtime build");
      }
      Properties properties = new Properties();
      properties.load(in);
      String value = properties.getProperty("runtime.version");
      if (value == null || value.contains("${")) {
        throw new IllegalStateException(VERSION_RESOURCE + " has no runtime.version: the build did not filter it");
      }
      return value.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
