package dev.framegate.runtime.internal.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a plugin JAR file looked like when it was read: a new build or a copied-over file changes
 * its size or its modification time.
 *
 * @param size the file size in bytes
 * @param modifiedMillis the last modification time
 */
record JarStamp(long size, long modifiedMillis) {

  /** The stamp of a file that could not be read. */
  static final JarStamp UNREADABLE = new JarStamp(-1, -1);

  static JarStamp of(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new JarStamp(attributes.size(), attributes.lastModifiedTime().toMillis());
    } catch (IOException e) {
      return UNREADABLE;
    }
  }
}
