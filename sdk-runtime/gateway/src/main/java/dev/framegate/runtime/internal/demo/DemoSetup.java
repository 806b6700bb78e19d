package dev.framegate.runtime.internal.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Prepares {@code framegate demo}: a working directory with the example plugin JAR (embedded in
 * the runtime at build time) in {@code plugins/}, and a {@code gateway.yaml} that uses it.
 */
public final class DemoSetup {

  /** The example plugin JAR's resource name, next to this class. */
  static final String EXAMPLES_JAR = "framegate-examples.jar";

  private DemoSetup() {}

  /**
   * Writes the demo's plugin directory and configuration.
   *
   * @param directory the working directory, created if needed
   * @param port the gateway port
   * @param adminPort the admin port
   * @return the configuration file
   * @throws IOException when the files cannot be written or the example JAR is not in the build
   */
  public static Path prepare(Path directory, int port, int adminPort) throws IOException {
    Path plugins = Files.createDirectories(directory.resolve("plugins"));
    try (InputStream jar = DemoSetup.class.getResourceAsStream(EXAMPLES_JAR)) {
      if (jar == null) {
        throw new IOException("the example plugin JAR is not in this build (" + EXAMPLES_JAR
            + "): build with ./mvnw package");
      }
      Files.copy(jar, plugins.resolve(EXAMPLES_JAR), StandardCopyOption.REPLACE_EXISTING);
    }
    return Files.writeString(directory.resolve("gateway.yaml"), """
        # Written by `framegate demo`. Edit and save: routes reload without a restart.
        listeners:
          - {protocol: ws, host: 127.0.0.1, port: %d}
        plugins:
          directory: plugins
          fail-fast: true
        admin:
          port: %d
        routes:
          - name: echo
            path: /echo
            upstream: builtin:echo
            plugins:
              - name: redact
                config: {words: [secret, password], replacement: "***"}
              - name: uppercase
                config: {direction: upstream-to-client}
          - name: plain
            path: /plain
            upstream: builtin:echo
        """.formatted(port, adminPort));
  }
}
