package dev.framegate.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ConfigMap volume laid out and updated on disk as the kubelet's atomic writer does: each key is a
 * symlink {@code key -> ..data/key}, {@code ..data} a symlink to a timestamped directory holding the
 * files. An update writes a new timestamped directory, points a new {@code ..data_tmp} symlink at
 * it, renames that over {@code ..data} (one atomic step) and removes the old directory.
 */
final class KubeletVolume {

  private final Path mount;
  private final AtomicInteger version = new AtomicInteger();
  private Path current;

  KubeletVolume(Path mount, Map<String, String> data) throws IOException {
    this.mount = Files.createDirectories(mount);
    current = writeVersion(data);
    Files.createSymbolicLink(mount.resolve("..data"), current.getFileName());
    for (String key : data.keySet()) {
      Files.createSymbolicLink(mount.resolve(key), Path.of("..data", key));
    }
  }

  Path file(String key) {
    return mount.resolve(key);
  }

  void update(Map<String, String> data) throws IOException {
    Path previous = current;
    current = writeVersion(data);
    Path staging = Files.createSymbolicLink(mount.resolve("..data_tmp"), current.getFileName());
    Files.move(staging, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
    try (var files = Files.list(previous)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(previous);
  }

  private Path writeVersion(Map<String, String> data) throws IOException {
    Path directory = Files.createDirectories(mount.resolve("..2026_12_01_10_00_0" + version.incrementAndGet() + ".00000000" + version.get()));
    for (Map.Entry<String, String> entry : data.entrySet()) {
      Files.writeString(directory.resolve(entry.getKey()), entry.getValue());
    }
    return directory;
  }
}
