package dev.framegate.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.runtime.config.GatewayConfig.RecordingConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route's {@code record} block. */
class RecordingConfigTest {

  @TempDir
  Path dir;

  private GatewayConfig parse(String record) throws InvalidConfigException {
    return ConfigFiles.parse(dir.resolve("gateway.yaml"), """
        listeners:
          - {port: 0}
        routes:
          - name: chat
            path: /chat
            upstream: ws://127.0.0.1:9000/
        %s
        """.formatted(record.indent(4)));
  }

  @Test
  void aRouteWithoutARecordBlockDoesNotRecord() throws Exception {
    assertThat(parse("").routes().get(0).recording()).isEmpty();
  }

  @Test
  void theBlockIsReadWithItsDefaultsAndTheDirectoryRelativeToTheFile() throws Exception {
    RecordingConfig full = parse("""
        record:
          directory: recordings/chat
          sample-rate: 0.25
          max-connection-bytes: 64KiB
          max-directory-bytes: 2GiB
          redact:
            headers: [X-Api-Key]
            json-fields: [password, token]
        """).routes().get(0).recording().orElseThrow();
    assertThat(full.directory()).isEqualTo(dir.resolve("recordings/chat"));
    assertThat(full.sampleRate()).isEqualTo(0.25);
    assertThat(full.maxConnectionBytes()).isEqualTo(64 << 10);
    assertThat(full.maxDirectoryBytes()).isEqualTo(2L << 30);
    assertThat(full.redactHeaders()).containsExactly("X-Api-Key");
    assertThat(full.redactJsonFields()).containsExactly("password", "token");

    RecordingConfig defaults = parse("record: {directory: /var/recordings}").routes().get(0).recording().orElseThrow();
    assertThat(defaults.sampleRate()).isEqualTo(1.0);
    assertThat(defaults.maxConnectionBytes()).isEqualTo(1 << 20);
    assertThat(defaults.maxDirectoryBytes()).isEqualTo(100L << 20);
    assertThat(defaults.redactHeaders()).isEmpty();
  }

  @Test
  void everyMistakeNamesItsField() {
    assertThatThrownBy(() -> parse("""
        record:
          sample-rate: 2
          max-connection-bytes: lots
          redact: {cookies: [a]}
          keep: forever
        """))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(e -> assertThat(((InvalidConfigException) e).errors()).containsExactlyInAnyOrderElementsOf(List.of(
            "gateway.yaml: routes[0].record.keep: unknown key; allowed here: directory, sample-rate, max-connection-bytes, max-directory-bytes, redact",
            "gateway.yaml: routes[0].record.directory: is required: the directory recordings are written to, for example recordings/chat",
            "gateway.yaml: routes[0].record.sample-rate: expected a number from 0 to 1 (the share of connections recorded), got 2",
            "gateway.yaml: routes[0].record.max-connection-bytes: expected a size of at least 1024 bytes such as \"1MiB\" or \"1GiB\", got \"lots\"",
            "gateway.yaml: routes[0].record.redact.cookies: unknown key; allowed here: headers, json-fields")));
  }
}
