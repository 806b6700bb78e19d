package dev.framegate.maven.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * PDK versions ({@code major.minor}): the one a plugin is compiled against, read from its {@code
 * framegate-sdk-api} dependency, and the one this build tooling targets.
 */
public final class PdkVersions {

  /** Where the PDK API JAR records its PDK version. */
  public static final String SDK_API_RESOURCE = "META-INF/framegate/pdk.properties";

  private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(?:[.-].*)?");

  private PdkVersions() {}

  /**
   * The PDK version of a {@code framegate-sdk-api} artifact: the {@code pdk.version} its JAR (or
   * classes directory, inside a reactor build) records, else its version's {@code major.minor}.
   *
   * @param artifactFile the artifact's file, or {@code null} when it is not resolved
   * @param artifactVersion the artifact's version
   * @return {@code major.minor}
   * @throws IllegalArgumentException when neither gives a {@code major.minor}
   */
  public static String ofSdkApi(File artifactFile, String artifactVersion) {
    String recorded = artifactFile == null ? null : recorded(artifactFile);
    return majorMinor(recorded != null ? recorded : artifactVersion);
  }

  private static String recorded(File artifactFile) {
    Properties properties = new Properties();
    try {
      if (artifactFile.isDirectory()) {
        File resource = new File(artifactFile, SDK_API_RESOURCE);
        if (!resource.isFile()) {
          return null;
        }
        try (InputStream in = Files.newInputStream(resource.toPath())) {
          properties.load(in);
        }
      } else if (artifactFile.isFile()) {
        try (ZipFile zip = new ZipFile(artifactFile)) {
          ZipEntry entry = zip.getEntry(SDK_API_RESOURCE);
          if (entry == null) {
            return null;
          }
          try (InputStream in = zip.getInputStream(entry)) {
            properties.load(in);
          }
        }
      } else {
        return null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + artifactFile, e);
    }
    String value = properties.getProperty("pdk.version");
    return value == null || value.contains("${") ? null : value.trim();
  }

  /**
   * The {@code major.minor} of a version.
   *
   * @param version a version such as {@code 1.2}, {@code 1.2.3} or {@code 1.2.0-SNAPSHOT}
   * @return {@code major.minor}
   * @throws IllegalArgumentException when the version does not start with {@code major.minor}
   */
  public static String majorMinor(String version) {
    Matcher m = MAJOR_MINOR.matcher(version == null ? "" : version.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + version + "' is not a PDK version: expected major.minor, for example 1.0");
    }
    return Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2));
  }

  /**
   * Whether a plugin compiled against {@code plugin} loads in a runtime implementing {@code
   * runtime}: same major, minor no greater (docs/plugin-jar-format.md).
   *
   * @param runtime the runtime's PDK version
   * @param plugin the plugin's PDK version
   * @return {@code true} when compatible
   */
  public static boolean compatible(String runtime, String plugin) {
    String[] r = majorMinor(runtime).split("\\.");
    String[] p = majorMinor(plugin).split("\\.");
    return r[0].equals(p[0]) && Integer.parseInt(p[1]) <= Integer.parseInt(r[1]);
  }

  /**
   * The PDK version this build tooling targets: the runtime of the same release implements it.
   *
   * @return {@code major.minor}
   */
  public static String tooling() {
    return BuildInfo.property("pdk.version");
  }
}
