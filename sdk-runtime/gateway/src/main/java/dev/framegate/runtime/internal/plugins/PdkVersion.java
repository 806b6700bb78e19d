package dev.framegate.runtime.internal.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PDK API version, {@code major.minor}. A plugin loads when it has the runtime's major version and
 * a minor version no greater than the runtime's (docs/plugin-jar-format.md).
 *
 * @param major the major version
 * @param minor the minor version
 */
public record PdkVersion(int major, int minor) {

  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\.(\\d+)");

  private static final String VERSION_RESOURCE = "/dev/framegate/runtime/version.properties";

  /**
   * Parses {@code major.minor}.
   *
   * @param text the version text
   * @return the version
   * @throws IllegalArgumentException when the text is not {@code major.minor}
   */
  public static PdkVersion parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a PDK version: expected major.minor, for example 1.0");
    }
    return new PdkVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /**
   * The PDK version this runtime implements, set by the build ({@code framegate.pdk.version}).
   *
   * @return the runtime's PDK version
   */
  public static PdkVersion runtime() {
    return parse(buildProperty("pdk.version"));
  }

  /**
   * The runtime's own version, set by the build.
   *
   * @return the version, such as {@code 0.1.0-SNAPSHOT}
   */
  public static String runtimeVersion() {
    return buildProperty("runtime.version");
  }

  private static String buildProperty(String key) {
    try (InputStream in = PdkVersion.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(VERSION_RESOURCE + " is missing from the runtime build");
      }
      Properties properties = new Properties();
      properties.load(in);
      String value = properties.getProperty(key);
      if (value == null || value.contains("${")) {
        throw new IllegalStateException(VERSION_RESOURCE + " has no " + key + ": the build did not filter it");
      }
      return value.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether a plugin built against {@code plugin} loads in a runtime of this version.
   *
   * @param plugin the plugin's PDK version
   * @return {@code true} for the same major and a minor no greater than this one
   */
  public boolean accepts(PdkVersion plugin) {
    return plugin.major == major && plugin.minor <= minor;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
