package dev.framegate.plugins.jsonschema;

import com.networknt.schema.Error;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.framegate.plugins.jsonschema.JsonSchemaPlugin.Dialect;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compiles schemas (once per dialect and schema text) and validates payloads with networknt's
 * json-schema-validator. Schemas never fetch anything: a {@code $ref} to a remote document is a
 * configuration error, so that a message can never make the gateway open a connection.
 */
final class Schemas {

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final Map<Dialect, SchemaRegistry> REGISTRIES = new EnumMap<>(Dialect.class);

  static {
    for (Dialect dialect : Dialect.values()) {
      REGISTRIES.put(dialect, SchemaRegistry.withDefaultDialect(version(dialect),
          builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false))));
    }
  }

  private record Key(Dialect dialect, String schema) {}

  private static final Map<Dialect, Schema> META_SCHEMAS = new ConcurrentHashMap<>();

  // Compiled schemas are immutable and thread-safe; the same text in the same dialect compiles once,
  // also across reloads of the same configuration.
  private static final Map<Key, Schema> COMPILED = new ConcurrentHashMap<>();
  private static final java.util.concurrent.atomic.LongAdder COMPILATIONS = new java.util.concurrent.atomic.LongAdder();

  private Schemas() {}

  private static SpecificationVersion version(Dialect dialect) {
    return switch (dialect) {
      case DRAFT4 -> SpecificationVersion.DRAFT_4;
      case DRAFT6 -> SpecificationVersion.DRAFT_6;
      case DRAFT7 -> SpecificationVersion.DRAFT_7;
      case DRAFT2019_09 -> SpecificationVersion.DRAFT_2019_09;
      case DRAFT2020_12 -> SpecificationVersion.DRAFT_2020_12;
    };
  }

  /**
   * The compiled schema.
   *
   * @throws IllegalArgumentException when the text is not JSON or not a valid schema
   */
  static Schema compile(Dialect dialect, String schema) {
    Key key = new Key(dialect, schema);
    Schema compiled = COMPILED.get(key);
    if (compiled != null) {
      return compiled;
    }
    JsonNode node;
    try {
      node = JSON.readTree(schema);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("schema: not JSON: " + e.getOriginalMessage());
    }
    if (node == null || node.isMissingNode() || !(node.isObject() || node.isBoolean())) {
      throw new IllegalArgumentException("schema: a JSON Schema is an object (or true/false), got " + (node == null ? "nothing" : node.getNodeType()));
    }
    String metaProblem = metaSchemaProblem(dialect, node);
    if (metaProblem != null) {
      throw new IllegalArgumentException("schema: not a valid " + dialectName(dialect) + " schema: " + metaProblem);
    }
    try {
      compiled = REGISTRIES.get(dialect).getSchema(node);
      // resolves every $ref now, so that a bad one fails here rather than on the first message
      compiled.initializeValidators();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("schema: not a valid " + dialectName(dialect) + " schema: " + e.getMessage());
    }
    COMPILATIONS.increment();
    Schema raced = COMPILED.putIfAbsent(key, compiled);
    return raced != null ? raced : compiled;
  }

  private static String dialectName(Dialect dialect) {
    return dialect.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * Checks a schema against the meta-schema of its dialect (its own {@code $schema}, else the
   * configured one): the validator itself accepts some malformed schemas and ignores what it does
   * not understand, which would make a typo in a schema pass every message.
   */
  private static String metaSchemaProblem(Dialect dialect, JsonNode schema) {
    Dialect declared = dialect;
    JsonNode id = schema.isObject() ? schema.get("$schema") : null;
    if (id != null && id.isString()) {
      declared = dialectOf(id.asString());
      if (declared == null) {
        return "$schema " + id.asString() + " is not one of draft-04, -06, -07, 2019-09, 2020-12";
      }
    }
    Dialect chosen = declared;
    Schema meta = META_SCHEMAS.computeIfAbsent(chosen,
        d -> REGISTRIES.get(d).getSchema(SchemaLocation.of(version(d).getDialectId())));
    List<Error> errors = meta.validate(schema);
    return errors.isEmpty() ? null : errors.get(0).toString();
  }

  private static Dialect dialectOf(String id) {
    String wanted = trimHash(id);
    for (Dialect dialect : Dialect.values()) {
      if (trimHash(version(dialect).getDialectId()).equals(wanted)) {
        return dialect;
      }
    }
    return null;
  }

  private static String trimHash(String id) {
    String trimmed = id.endsWith("#") ? id.substring(0, id.length() - 1) : id;
    return trimmed.replaceFirst("^https://", "http://");
  }

  /** How many schemas were compiled since the plugin's classes loaded (tests check it stays put per message). */
  static long compilations() {
    return COMPILATIONS.sum();
  }

  /**
   * Validates a payload as UTF-8 JSON.
   *
   * @return {@code null} when it is valid, else what is wrong with it
   */
  static String problem(Schema schema, ByteBuffer payload) {
    JsonNode node;
    try {
      node = JSON.readTree(new BufferInput(payload));
    } catch (JacksonException e) {
      return "not JSON: " + e.getOriginalMessage();
    }
    if (node == null || node.isMissingNode()) {
      return "not JSON: empty message";
    }
    if (Boolean.TRUE.equals(schema.validate(node, OutputFormat.BOOLEAN))) {
      return null;
    }
    // only an invalid message pays for the error list
    List<Error> errors = schema.validate(node);
    return errors.isEmpty() ? "does not match the schema" : errors.get(0).toString();
  }

  /** Reads a buffer without copying it whole. */
  private static final class BufferInput extends InputStream {
    private final ByteBuffer buffer;

    BufferInput(ByteBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public int read() {
      return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      if (!buffer.hasRemaining()) {
        return -1;
      }
      int count = Math.min(length, buffer.remaining());
      buffer.get(target, offset, count);
      return count;
    }

    @Override
    public int available() {
      return buffer.remaining();
    }
  }
}
