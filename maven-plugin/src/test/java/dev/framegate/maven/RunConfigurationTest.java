package dev.framegate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.maven.internal.DevConfiguration;
import dev.framegate.maven.internal.RunConfiguration;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigurationTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("framegate:run's runtime configuration: each plugin's development configuration, the echo port when set")
  void yaml() throws Exception {
    File file = dir.resolve("dev.yaml").toFile();
    Files.writeString(file.toPath(), "prefix:\n  prefix: \"[file] \"\n  skipEmpty: true\n");
    DevConfiguration dev = DevConfiguration.read(dir.resolve("pom.xml").toFile(),
        Map.of("prefix", "{prefix: \"[pom] \"}", "rate-limit", "{limit: 10, window: 1s}"), file,
        Map.of("framegate.pluginConfig.rate-limit", "{limit: 20}", "unrelated", "x"));

    assertThat(dev.flowMapping("prefix")).contains("{\"prefix\":\"[file] \",\"skipEmpty\":true}");
    assertThat(dev.flowMapping("rate-limit")).contains("{\"limit\":20}");
    assertThat(dev.flowMapping("other")).isEmpty();
    assertThat(dev.entry("rate-limit").orElseThrow().origin()).isEqualTo("-Dframegate.pluginConfig.rate-limit");

    RunConfiguration run = new RunConfiguration("127.0.0.1", 8080, "/", "builtin:echo", "/tmp/plugins",
        List.of("prefix", "rate-limit"), Map.of("prefix", dev.flowMapping("prefix").orElseThrow()), null, 9000);
    assertThat(run.yaml()).contains("builtin-echo:\n  port: 9000\n", "      - name: \"prefix\"\n        config: {\"prefix\":\"[file] \",\"skipEmpty\":true}\n",
        "      - name: \"rate-limit\"\n");
    assertThat(new RunConfiguration("127.0.0.1", 8080, "/", "ws://127.0.0.1:9000/", "/tmp/plugins", List.of("prefix"),
        Map.of(), null, 9000).yaml()).doesNotContain("builtin-echo");
    assertThatThrownBy(() -> new RunConfiguration("127.0.0.1", 8080, "/", "builtin:echo", "/tmp", List.of(), Map.of(), null, 70000))
        .hasMessageContaining("framegate.echoPort must be between 0 and 65535");
  }

  @Test
  @DisplayName("a POM entry that is not a mapping is refused, naming the POM")
  void badPomEntry() {
    assertThatThrownBy(() -> DevConfiguration.read(dir.resolve("pom.xml").toFile(), Map.of("prefix", "[1, 2]"), null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.resolve("pom.xml") + ": framegate-maven-plugin <pluginConfigs><prefix>: expected a mapping");
  }
}
