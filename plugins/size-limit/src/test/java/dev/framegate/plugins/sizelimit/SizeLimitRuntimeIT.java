package dev.framegate.plugins.sizelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.plugins.testing.RuntimeProcess;
import dev.framegate.plugins.testing.WsClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin JAR loaded by the distribution, in front of the built-in echo upstream. */
class SizeLimitRuntimeIT {

  @TempDir
  Path directory;

  @Test
  void theRuntimeLoadsTheJarAndClosesAnOversizedClientMessageWith1009() throws Exception {
    String yaml = """
        listeners: [{port: 0}]
        plugins: {directory: plugins, fail-fast: true}
        admin: {port: 0}
        routes:
          - name: limited
            path: /limited
            upstream: builtin:echo
            plugins:
              - name: size-limit
                config: {client-max-payload: 1024}
        """;
    try (RuntimeProcess runtime = RuntimeProcess.start(directory, yaml, RuntimeProcess.pluginJar())) {
      assertThat(runtime.admin("/plugins").body()).contains("\"size-limit\"");
      try (WsClient client = WsClient.connect(runtime.uri("/limited"))) {
        client.sendText("y".repeat(1024));
        client.expectText("y".repeat(1024));
        client.sendText("y".repeat(1025));
        WsClient.Close close = client.expectClose(1009);
        assertThat(close.reason()).isEqualTo("Payload Too Large");
      }
    }
  }
}
