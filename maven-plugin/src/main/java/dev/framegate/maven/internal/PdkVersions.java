package dev.framegate.maven.internal;

import dev.framegate.api.internal.PdkVersion;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The PDK version a plugin project compiles against, read from its {@code framegate-sdk-api}
 * dependency; parsed and compared by the shared {@link PdkVersion}.
 */
public final class PdkVersions {

  private PdkVersions() {}

  /**
   * The PDK version of a {@code framegate-sdk-api} artifact: the {@code pdk.version} its JAR (or
   * classes directory, inside a reactor build) records, else its version's {@code major.minor}.
   *
   * @param artifactFile the artifact's file, or {@code null} when it is not resolved
   * @param artifactVersion the artifact's version
   * @return the version
   * @throws IllegalArgumentException when neither gives a {@code major.minor}
   */
  public static PdkVersion ofSdkApi(File artifactFile, String artifactVersion) {
    String recorded = artifactFile == null ? null : recorded(artifactFile);
    return recorded != null ? PdkVersion.parse(recorded) : PdkVersion.ofRelease(artifactVersion);
  }

  private static String recorded(File artifactFile) {
    Properties properties = new Properties();
    try {
      if (artifactFile.isDirectory()) {
        File resource = new File(artifactFile, PdkVersion.RESOURCE);
        if (!resource.isFile()) {
          return null;
        }
        try (InputStream in = Files.newInputStream(resource.toPath())) {
          properties.load(in);
        }
      } else if (artifactFile.isFile()) {
        try (ZipFile zip = new ZipFile(artifactFile)) {
          ZipEntry entry = zip.getEntry(PdkVersion.RESOURCE);
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
   * The PDK version this build tooling checks against: the PDK API it is built with, which the
   * runtime of the same release implements.
   *
   * @return the version
   */
  public static PdkVersion tooling() {
    return PdkVersion.current();
  }
}
