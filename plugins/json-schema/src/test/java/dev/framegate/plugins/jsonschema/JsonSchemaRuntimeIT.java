package dev.framegate.plugins.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.plugins.testing.RuntimeProcess;
import dev.framegate.plugins.testing.WsClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin JAR, with its bundled validator and Jackson 3, loaded by the distribution (Jackson 2). */
class JsonSchemaRuntimeIT {

  @TempDir
  Path directory;

  @Test
  void theJarBundlesItsLibrariesAndTheRuntimeValidatesWithThem() throws Exception {
    List<String> bundled = new ArrayList<>();
    try (JarFile jar = new JarFile(RuntimeProcess.pluginJar().toFile())) {
      jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("META-INF/framegate/lib/") && n.endsWith(".jar")).forEach(bundled::add);
    }
    assertThat(bundled).anyMatch(n -> n.contains("json-schema-validator-"))
        .anyMatch(n -> n.contains("jackson-databind-3."))
        .noneMatch(n -> n.contains("framegate-sdk-api"));

    String yaml = """
        listeners: [{port: 0}]
        plugins: {directory: plugins, fail-fast: true}
        admin: {port: 0}
        routes:
          - name: validated
            path: /validated
            upstream: builtin:echo
            plugins:
              - name: json-schema
                config:
                  client:
                    text:
                      type: draft2020-12
                      schema: |
                        {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
          - name: dropping
            path: /dropping
            upstream: builtin:echo
            plugins:
              - name: json-schema
                config:
                  on-invalid: drop
                  client:
                    text: {schema: '{"type": "object", "required": ["name"]}'}
        """;
    try (RuntimeProcess runtime = RuntimeProcess.start(directory, yaml, RuntimeProcess.pluginJar())) {
      try (WsClient client = WsClient.connect(runtime.uri("/validated"))) {
        client.sendText("{\"name\": \"Alex\"}");
        client.expectText("{\"name\": \"Alex\"}");
        client.sendText("{\"name\": 7}");
        assertThat(client.expectClose(1007).reason()).isEqualTo("Invalid Frame Payload Data");
      }
      try (WsClient client = WsClient.connect(runtime.uri("/dropping"))) {
        client.sendText("{\"nom\": \"dropped\"}");
        client.sendText("{\"name\": \"kept\"}");
        client.expectText("{\"name\": \"kept\"}");
      }
      assertThat(runtime.admin("/metrics").body()).contains("framegate_frames_dropped_total{direction=\"client_to_upstream\",plugin=\"json-schema\"} 1");
    }
  }

  @Test
  void aBadSchemaStopsTheStartWithTheFieldNamed() throws Exception {
    String yaml = """
        listeners: [{port: 0}]
        plugins: {directory: plugins, fail-fast: true}
        routes:
          - name: validated
            path: /validated
            upstream: builtin:echo
            plugins:
              - name: json-schema
                config: {client: {text: {schema: '{"type": 12}'}}}
        """;
    try {
      RuntimeProcess.start(directory, yaml, RuntimeProcess.pluginJar()).close();
      throw new AssertionError("the runtime started with a bad schema");
    } catch (IllegalStateException e) {
      assertThat(e.getMessage()).contains("routes[0].plugins[0].config.client.text");
    }
  }
}
