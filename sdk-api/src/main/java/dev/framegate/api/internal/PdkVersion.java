package dev.framegate.api.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PDK version, {@code major.minor}: the one version parser of the runtime and the build tooling.
 * A plugin loads in a runtime of the same major version whose minor version is at least the
 * plugin's (docs/plugin-jar-format.md).
 *
 * @param major the major version
 * @param minor the minor version
 */
public record PdkVersion(int major, int minor) implements Comparable<PdkVersion> {

  /** Where the PDK API JAR records the PDK version it implements. */
  public static final String RESOURCE = "META-INF/framegate/pdk.properties";

  private static final Pattern EXACT = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})");
  private static final Pattern RELEASE = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})(?:[.-].*)?");

  /**
   * Checks the numbers.
   *
   * @param major the major version
   * @param minor the minor version
   * @throws IllegalArgumentException when one is negative
   */
  public PdkVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("a PDK version has no negative numbers: " + major + "." + minor);
    }
  }

  /**
   * Parses a PDK version as a plugin descriptor records it: exactly {@code major.minor}.
   *
   * @param text such as {@code 1.0}
   * @return the version
   * @throws IllegalArgumentException when the text is not {@code major.minor}
   */
  public static PdkVersion parse(String text) {
    return parse(text, EXACT);
  }

  /**
   * The PDK version of a release version: its {@code major.minor}.
   *
   * @param version such as {@code 1.2}, {@code 1.2.3} or {@code 1.2.0-SNAPSHOT}
   * @return the version
   * @throws IllegalArgumentException when the text does not start with {@code major.minor}
   */
  public static PdkVersion ofRelease(String version) {
    return parse(version, RELEASE);
  }

  private static PdkVersion parse(String text, Pattern pattern) {
    Matcher m = pattern.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a PDK version: expected major.minor, for example 1.0");
    }
    return new PdkVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /**
   * The PDK version this PDK API implements, as its JAR records it ({@value #RESOURCE}).
   *
   * @return the version
   * @throws IllegalStateException when the build did not record it
   */
  public static PdkVersion current() {
    try (InputStream in = PdkVersion.class.getResourceAsStream("/" + RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the PDK API");
      }
      Properties properties = new Properties();
      properties.load(in);
      String value = properties.getProperty("pdk.version");
      if (value == null || value.contains("${")) {
        throw new IllegalStateException(RESOURCE + " has no pdk.version: the build did not filter it");
      }
      return parse(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether a plugin built against {@code plugin} loads in a runtime implementing this version.
   *
   * @param plugin the plugin's PDK version
   * @return {@code true} for the same major and a minor no greater than this one
   */
  public boolean accepts(PdkVersion plugin) {
    return plugin.major == major && plugin.minor <= minor;
  }

  @Override
  public int compareTo(PdkVersion other) {
    return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
