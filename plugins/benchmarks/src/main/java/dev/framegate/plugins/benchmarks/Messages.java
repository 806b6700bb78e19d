package dev.framegate.plugins.benchmarks;

import java.util.Map;

/** The messages and schema the benchmarks use: a chat message, as a JSON object. */
final class Messages {

  /** A draft 2020-12 schema of a chat message. */
  static final String SCHEMA = """
      {"type": "object", "required": ["type", "room", "text"],
       "properties": {
         "type": {"enum": ["message", "typing", "read"]},
         "room": {"type": "string", "pattern": "^[a-z0-9-]{1,32}$"},
         "text": {"type": "string", "maxLength": 8192},
         "mentions": {"type": "array", "items": {"type": "string"}, "maxItems": 50}
       },
       "additionalProperties": false}
      """;

  private Messages() {}

  static Map<String, Object> jsonSchemaConfig() {
    return Map.of("client", Map.of("text", Map.of("type", "draft2020-12", "schema", SCHEMA)));
  }

  static String json(String size) {
    String text = size.equals("large") ? "lorem ipsum dolor sit amet ".repeat(150) : "hello, everyone";
    return "{\"type\": \"message\", \"room\": \"general\", \"text\": \"" + text + "\", \"mentions\": [\"alice\", \"bob\"]}";
  }
}
