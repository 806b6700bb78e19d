package dev.framegate.plugins.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.plugins.testing.RuntimeProcess;
import dev.framegate.plugins.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin JAR in the distribution, local policy, on real time. */
class RateLimitRuntimeIT {

  @TempDir
  Path directory;

  @Test
  void theLocalPolicyClosesAFloodingClientWith1008() throws Exception {
    String yaml = """
        listeners: [{port: 0}]
        plugins: {directory: plugins, fail-fast: true}
        routes:
          - name: limited
            path: /limited
            upstream: builtin:echo
            plugins:
              - name: rate-limit
                config: {messages-per-second: 1, message-burst: 3, on-excess: close}
        """;
    try (RuntimeProcess runtime = RuntimeProcess.start(directory, yaml, RuntimeProcess.pluginJar());
        WsClient client = WsClient.connect(runtime.uri("/limited"))) {
      for (int i = 1; i <= 3; i++) {
        client.sendText("m" + i);
        client.expectText("m" + i);
      }
      client.sendText("one too many");
      WsClient.Close close = client.expectClose(1008);
      assertThat(close.reason()).isEqualTo("Rate Limit Exceeded");
      assertThat(client.poll(Duration.ofMillis(200))).isNull();
    }
  }
}
