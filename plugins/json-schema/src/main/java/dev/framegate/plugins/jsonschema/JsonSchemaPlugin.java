package dev.framegate.plugins.jsonschema;

import com.networknt.schema.Schema;
import dev.framegate.api.Frame;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.Peer;
import dev.framegate.api.WsContext;
import dev.framegate.api.config.ConfigName;
import dev.framegate.api.config.DefaultValue;
import dev.framegate.api.config.Required;
import java.util.Optional;

/**
 * Kong's {@code websocket-validator}: validates each text or binary message against a JSON Schema
 * chosen by its sender (client, upstream) and type (text, binary). An invalid message closes the
 * sender with 1007 and the other side with a close frame without a code, as Kong does; with {@code
 * on-invalid: drop} it is dropped instead and the connection stays open. A message type without a
 * schema passes unchecked; control frames are never checked.
 *
 * <pre>{@code
 * plugins:
 *   - name: json-schema
 *     config:
 *       client:
 *         text:
 *           type: draft4
 *           schema: '{"type": "object", "required": ["name"]}'
 * }</pre>
 *
 * <p>Each schema is compiled once, when the configuration is bound (an invalid schema is a
 * configuration error naming its field), never per message.
 */
@FramegatePlugin(name = "json-schema", priority = 1006, config = JsonSchemaPlugin.Config.class)
public final class JsonSchemaPlugin implements FramePlugin<JsonSchemaPlugin.Config> {

  /** The close code an invalid message gets: 1007, invalid frame payload data. */
  public static final int INVALID_PAYLOAD = 1007;

  /** The close reason an invalid message gets (Kong's wording). */
  public static final String INVALID_REASON = "Invalid Frame Payload Data";

  /** The JSON Schema dialect a schema is written in, when it does not say with {@code $schema}. */
  public enum Dialect {
    /** Draft 4, the only one Kong supports. */
    DRAFT4,
    /** Draft 6. */
    DRAFT6,
    /** Draft 7. */
    DRAFT7,
    /** Draft 2019-09. */
    DRAFT2019_09,
    /** Draft 2020-12. */
    DRAFT2020_12
  }

  /** What an invalid message does. */
  public enum OnInvalid {
    /** Close the sender with 1007 and the other side without a code (Kong). */
    CLOSE,
    /** Drop the message; the connection stays open. */
    DROP
  }

  /**
   * The schema of one message type of one sender.
   *
   * @param type the dialect the schema is read as (a {@code $schema} in it takes precedence)
   * @param schema the schema, as JSON text
   */
  public record MessageSchema(@DefaultValue("draft4") Dialect type, @Required String schema) {

    /** Compiles the schema, so that a bad one is reported against this field. */
    public MessageSchema {
      Schemas.compile(type, schema);
    }

    Schema compiled() {
      return Schemas.compile(type, schema);
    }
  }

  /**
   * The schemas of one sender.
   *
   * @param text the schema of its text messages; none: not checked
   * @param binary the schema of its binary messages (read as UTF-8 JSON); none: not checked
   */
  public record SenderSchemas(Optional<MessageSchema> text, Optional<MessageSchema> binary) {}

  /**
   * The plugin's configuration.
   *
   * @param client the schemas of the client's messages
   * @param upstream the schemas of the upstream's messages
   * @param onInvalid {@code close} (default, as Kong) or {@code drop}
   */
  public record Config(
      Optional<SenderSchemas> client,
      Optional<SenderSchemas> upstream,
      @ConfigName("on-invalid") @DefaultValue("close") OnInvalid onInvalid) {}

  /** The compiled schemas of one configuration; a plugin instance serves one configuration. */
  private record Compiled(Config config, Schema clientText, Schema clientBinary, Schema upstreamText, Schema upstreamBinary) {

    static Compiled of(Config config) {
      return new Compiled(config,
          config.client().flatMap(SenderSchemas::text).map(MessageSchema::compiled).orElse(null),
          config.client().flatMap(SenderSchemas::binary).map(MessageSchema::compiled).orElse(null),
          config.upstream().flatMap(SenderSchemas::text).map(MessageSchema::compiled).orElse(null),
          config.upstream().flatMap(SenderSchemas::binary).map(MessageSchema::compiled).orElse(null));
    }
  }

  private volatile Compiled compiled;

  /** Creates the plugin. */
  public JsonSchemaPlugin() {}

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    Compiled schemas = compiled(config);
    check(ws, ws.client(), "client", schemas.clientText(), schemas.clientBinary(), config.onInvalid());
  }

  @Override
  public void onUpstreamFrame(WsContext ws, Config config) {
    Compiled schemas = compiled(config);
    check(ws, ws.upstream(), "upstream", schemas.upstreamText(), schemas.upstreamBinary(), config.onInvalid());
  }

  private Compiled compiled(Config config) {
    Compiled current = compiled;
    if (current == null || current.config() != config) {
      current = Compiled.of(config);
      compiled = current;
    }
    return current;
  }

  private static void check(WsContext ws, Peer sender, String side, Schema text, Schema binary, OnInvalid onInvalid) {
    Frame frame = sender.getFrame();
    FrameType type = frame.type();
    Schema schema = type == FrameType.TEXT ? text : type == FrameType.BINARY ? binary : null;
    if (schema == null) {
      return;
    }
    String problem = Schemas.problem(schema, frame.payloadBuffer());
    if (problem == null) {
      return;
    }
    ws.log().debug("{} {} message is invalid ({}): {}", side, type.name().toLowerCase(java.util.Locale.ROOT),
        onInvalid == OnInvalid.DROP ? "dropped" : "closing with 1007", problem);
    if (onInvalid == OnInvalid.DROP) {
      sender.dropFrame();
    } else {
      sender.close(INVALID_PAYLOAD, INVALID_REASON);
    }
  }
}
