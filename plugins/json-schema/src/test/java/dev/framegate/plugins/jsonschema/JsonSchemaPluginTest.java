package dev.framegate.plugins.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.FrameType;
import dev.framegate.api.config.ConfigException;
import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HarnessConnection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaPluginTest {

  private static final String NAMED = "{\"type\": \"object\", \"required\": [\"name\"]}";

  private static FrameHarness harness(Map<String, ?> config) {
    return FrameHarness.builder().plugin(JsonSchemaPlugin.class, config).build();
  }

  private static Map<String, ?> clientText(String type, String schema) {
    return Map.of("client", Map.of("text", Map.of("type", type, "schema", schema)));
  }

  @Test
  void invalidClientMessageClosesTheClientWith1007AndTheUpstreamWithoutCodeAsKongDoes() {
    try (FrameHarness harness = harness(clientText("draft4", NAMED))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("{ \"name\": \"Alex\" }");
      ws.upstream().expectText("{ \"name\": \"Alex\" }");
      ws.client().sendText("{ \"name\": \"Kiran\" }");
      ws.upstream().expectText("{ \"name\": \"Kiran\" }");
      ws.client().sendText("{ \"missing_name\": true }");
      ws.client().expectClose(1007, "Invalid Frame Payload Data");
      ws.upstream().expectCloseWithoutStatus();
      ws.upstream().expectNothing();
    }
  }

  @Test
  void aMessageThatIsNotJsonIsInvalid() {
    try (FrameHarness harness = harness(clientText("draft4", NAMED))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("{\"name\": \"Alex\"} trailing");
      ws.client().expectClose(1007);
      ws.upstream().expectCloseWithoutStatus();
    }
    try (FrameHarness harness = harness(clientText("draft4", NAMED))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("");
      ws.client().expectClose(1007);
    }
  }

  @Test
  void upstreamSchemaClosesTheUpstreamWith1007AndTheClientWithoutCode() {
    try (FrameHarness harness = harness(Map.of("upstream", Map.of("text", Map.of("schema", "{\"type\": \"array\"}"))))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("clients are not checked");
      ws.upstream().expectText("clients are not checked");
      ws.upstream().sendText("[1, 2]");
      ws.client().expectText("[1, 2]");
      ws.upstream().sendText("{}");
      ws.upstream().expectClose(1007, "Invalid Frame Payload Data");
      ws.client().expectCloseWithoutStatus();
    }
  }

  @Test
  void textAndBinaryMessagesHaveTheirOwnSchemas() {
    Map<String, ?> config = Map.of("client", Map.of(
        "text", Map.of("schema", "{\"type\": \"string\"}"),
        "binary", Map.of("schema", "{\"type\": \"integer\"}")));
    try (FrameHarness harness = harness(config)) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("\"a string\"");
      ws.upstream().expectText("\"a string\"");
      ws.client().sendBinary("42".getBytes(StandardCharsets.UTF_8));
      ws.upstream().expectBinary("42".getBytes(StandardCharsets.UTF_8));
      ws.client().sendBinary("\"a string\"".getBytes(StandardCharsets.UTF_8));
      ws.client().expectClose(1007);
    }
  }

  @Test
  void aTypeWithoutSchemaAndControlFramesPassUnchecked() {
    try (FrameHarness harness = harness(clientText("draft4", NAMED))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendBinary(new byte[] {1, 2, 3});
      ws.upstream().expectBinary(new byte[] {1, 2, 3});
      ws.client().sendPing("not json".getBytes(StandardCharsets.UTF_8));
      ws.upstream().expectPing("not json".getBytes(StandardCharsets.UTF_8));
      ws.upstream().sendText("upstream is not checked");
      ws.client().expectText("upstream is not checked");
    }
  }

  @Test
  void fragmentedMessagesAreValidatedWhole() {
    try (FrameHarness harness = harness(clientText("draft4", NAMED))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendFragments(FrameType.TEXT, "{\"na", "me\": 1}");
      ws.upstream().expectText("{\"name\": 1}");
      ws.client().sendFragments(FrameType.TEXT, "{\"na", "mm\": 1}");
      ws.client().expectClose(1007);
    }
  }

  @Test
  void dropModeDropsInvalidMessagesAndKeepsTheConnection() {
    Map<String, Object> config = new java.util.HashMap<>(clientText("draft4", NAMED));
    config.put("on-invalid", "drop");
    try (FrameHarness harness = harness(config)) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("{\"other\": 1}");
      ws.client().sendText("not even json");
      ws.client().sendText("{\"name\": \"ok\"}");
      ws.upstream().expectText("{\"name\": \"ok\"}");
      ws.upstream().expectNothing();
      ws.client().expectNothing();
    }
  }

  @Test
  void draft4ReadsExclusiveMaximumAsABoolean() {
    String schema = "{\"type\": \"number\", \"maximum\": 10, \"exclusiveMaximum\": true}";
    try (FrameHarness harness = harness(clientText("draft4", schema))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("9.5");
      ws.upstream().expectText("9.5");
      ws.client().sendText("10");
      ws.client().expectClose(1007);
    }
  }

  @Test
  void draft2020ReadsPrefixItems() {
    String schema = "{\"type\": \"array\", \"prefixItems\": [{\"type\": \"string\"}], \"items\": false}";
    try (FrameHarness harness = harness(clientText("draft2020-12", schema))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("[\"a\"]");
      ws.upstream().expectText("[\"a\"]");
      ws.client().sendText("[\"a\", 1]");
      ws.client().expectClose(1007);
    }
    // the same schema read as draft 4 ignores prefixItems, and "items": false is not a draft-4 schema
    assertThatThrownBy(() -> harness(clientText("draft4", schema))).isInstanceOf(ConfigException.class);
  }

  @Test
  void aSchemaDeclaringItsDialectWithDollarSchemaIsReadSo() {
    String schema = "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"prefixItems\": [{\"type\": \"integer\"}]}";
    try (FrameHarness harness = harness(clientText("draft4", schema))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("[\"not an integer\"]");
      ws.client().expectClose(1007);
    }
  }

  @Test
  void aBadSchemaIsAConfigurationErrorNamingItsField() {
    assertThatThrownBy(() -> harness(clientText("draft4", "{not json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client.text")
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> harness(clientText("draft4", "[1, 2]")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client.text")
        .hasMessageContaining("object");
    assertThatThrownBy(() -> harness(clientText("draft7", "{\"type\": \"objekt\"}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client.text")
        .hasMessageContaining("not a valid draft7 schema");
    assertThatThrownBy(() -> harness(clientText("draft5", NAMED)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client.text.type");
    assertThatThrownBy(() -> harness(Map.of("client", Map.of("text", Map.of("type", "draft4")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client.text.schema");
  }

  @Test
  void aSchemaNeverFetchesARemoteReference() {
    assertThatThrownBy(() -> harness(clientText("draft2020-12", "{\"$ref\": \"http://127.0.0.1:9/remote.json\"}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client.text");
  }

  @Test
  void schemasAreCompiledOncePerConfigurationNeverPerMessage() {
    String schema = "{\"type\": \"object\", \"required\": [\"unique-to-this-test\"]}";
    try (FrameHarness harness = harness(clientText("draft2020-12", schema))) {
      long compiled = Schemas.compilations();
      HarnessConnection ws = harness.connect("/chat");
      for (int i = 0; i < 100; i++) {
        ws.client().sendText("{\"unique-to-this-test\": " + i + "}");
        ws.upstream().expectText("{\"unique-to-this-test\": " + i + "}");
      }
      HarnessConnection second = harness.connect("/chat");
      second.client().sendText("{}");
      second.client().expectClose(1007);
      assertThat(Schemas.compilations()).isEqualTo(compiled);
    }
  }
}
