package dev.framegate.harness.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framegate.api.CloseCause;
import dev.framegate.api.FrameType;
import dev.framegate.api.Phase;
import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import dev.framegate.harness.recording.RecordedEvent;
import dev.framegate.harness.recording.Recording;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** The JSON Lines form of recordings (docs/recording-format.md): one JSON object per line. */
public final class RecordingCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordingCodec() {}

  /**
   * The shared mapper (thread-safe once configured).
   *
   * @return the mapper
   */
  public static ObjectMapper mapper() {
    return JSON;
  }

  // ------------------------------------------------------------------ writing

  /**
   * The header line.
   *
   * @param header the header
   * @return one line of JSON
   */
  public static String writeHeader(Recording.Header header) {
    ObjectNode node = JSON.createObjectNode();
    node.put("format", Recording.FORMAT);
    node.put("version", header.version());
    node.put("connection", header.connection());
    if (!header.route().isEmpty()) {
      node.put("route", header.route());
    }
    node.put("recordedAt", header.recordedAt().toString());
    ArrayNode plugins = node.putArray("plugins");
    header.plugins().forEach(plugins::add);
    if (!header.settings().isEmpty()) {
      node.set("settings", JSON.valueToTree(header.settings()));
    }
    if (!header.redacted().isEmpty()) {
      node.set("redacted", JSON.valueToTree(header.redacted()));
    }
    return text(node);
  }

  /**
   * One event line.
   *
   * @param event the event
   * @return one line of JSON
   */
  public static String writeEvent(RecordedEvent event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("t", event.time());
    node.put("event", event.kind());
    if (event instanceof RecordedEvent.Handshake h) {
      node.put("method", h.method());
      node.put("path", h.path());
      if (!h.query().isEmpty()) {
        node.put("query", h.query());
      }
      node.set("headers", headers(h.headers()));
      if (!h.subprotocols().isEmpty()) {
        node.set("subprotocols", JSON.valueToTree(h.subprotocols()));
      }
      if (!h.remote().isEmpty()) {
        node.put("remote", h.remote());
      }
    } else if (event instanceof RecordedEvent.UpstreamRequest u) {
      node.set("headers", headers(u.headers()));
      if (!u.subprotocols().isEmpty()) {
        node.set("subprotocols", JSON.valueToTree(u.subprotocols()));
      }
    } else if (event instanceof RecordedEvent.UpstreamConnected u) {
      if (u.subprotocol() != null) {
        node.put("subprotocol", u.subprotocol());
      }
    } else if (event instanceof RecordedEvent.UpstreamFailed u) {
      node.put("status", u.status());
      node.put("detail", u.detail());
    } else if (event instanceof RecordedEvent.ClientAccepted a) {
      if (a.subprotocol() != null) {
        node.put("subprotocol", a.subprotocol());
      }
      if (!a.headers().isEmpty()) {
        node.set("headers", headers(a.headers()));
      }
    } else if (event instanceof RecordedEvent.ClientRejected r) {
      node.put("status", r.status());
      if (!r.headers().isEmpty()) {
        node.set("headers", headers(r.headers()));
      }
      node.put("body", r.body());
    } else if (event instanceof RecordedEvent.Received r) {
      node.put("side", side(r.from()));
      frame(node, r.frame(), true);
      if (r.wrongMasking()) {
        node.put("masked", r.masked());
      }
    } else if (event instanceof RecordedEvent.RefusedHeader r) {
      node.put("side", side(r.from()));
      node.put("fin", r.fin());
      node.put("rsv", r.rsv());
      node.put("opcode", r.opcode());
      node.put("masked", r.masked());
      node.put("length", r.length());
    } else if (event instanceof RecordedEvent.Sent s) {
      node.put("side", side(s.to()));
      frame(node, s.frame(), false);
    } else if (event instanceof RecordedEvent.Gone g) {
      node.put("side", side(g.side()));
    } else if (event instanceof RecordedEvent.Dropped d) {
      node.put("side", side(d.from()));
      node.put("type", type(d.type()));
      node.put("plugin", d.plugin());
    } else if (event instanceof RecordedEvent.Rewritten r) {
      node.put("side", side(r.from()));
      node.put("type", type(r.type()));
      node.put("plugin", r.plugin());
    } else if (event instanceof RecordedEvent.PluginClosed c) {
      node.put("side", side(c.from()));
      node.put("plugin", c.plugin());
    } else if (event instanceof RecordedEvent.PluginSent p) {
      node.put("plugin", p.plugin());
      node.put("side", side(p.to()));
      node.put("type", type(p.type()));
    } else if (event instanceof RecordedEvent.PluginFailed f) {
      node.put("plugin", f.plugin());
      node.put("phase", f.phase().name().toLowerCase(Locale.ROOT));
      node.put("error", f.errorType());
      node.put("message", f.message());
    } else if (event instanceof RecordedEvent.Finished f) {
      node.put("cause", f.cause().name().toLowerCase(Locale.ROOT));
      if (f.clientStatus().isPresent()) {
        node.put("clientStatus", f.clientStatus().getAsInt());
      }
      if (f.upstreamStatus().isPresent()) {
        node.put("upstreamStatus", f.upstreamStatus().getAsInt());
      }
      node.put("detail", f.detail());
    } else if (event instanceof RecordedEvent.Truncated t) {
      node.put("reason", t.reason());
    } // shutdown: nothing but the time
    return text(node);
  }

  private static void frame(ObjectNode node, WireFrame frame, boolean raw) {
    FrameType type = frame.type();
    if (type == null) {
      if (frame.opcode() == 0) {
        node.put("type", "continuation");
      } else {
        node.put("opcode", frame.opcode());
      }
    } else {
      node.put("type", type(type));
    }
    if (raw && !frame.fin()) {
      node.put("fin", false);
    }
    if (frame.rsv() != 0) {
      node.put("rsv", frame.rsv());
    }
    byte[] payload = frame.payload();
    if (type == FrameType.CLOSE) {
      if (payload.length == 0) {
        return;
      }
      if (payload.length >= 2) {
        String reason = strictUtf8(payload, 2);
        if (reason != null) {
          node.put("code", ((payload[0] & 0xff) << 8) | (payload[1] & 0xff));
          if (!reason.isEmpty()) {
            node.put("reason", reason);
          }
          return;
        }
      }
      node.put("base64", Base64.getEncoder().encodeToString(payload));
      return;
    }
    String text = type == FrameType.BINARY ? null : strictUtf8(payload, 0);
    if (text != null) {
      node.put("text", text);
    } else if (payload.length > 0) {
      node.put("base64", Base64.getEncoder().encodeToString(payload));
    }
  }

  /**
   * The bytes as text if they are well-formed UTF-8.
   *
   * @param bytes the bytes
   * @param offset where the text starts
   * @return the text, or {@code null} for malformed UTF-8
   */
  public static String strictUtf8(byte[] bytes, int offset) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static ObjectNode headers(Map<String, List<String>> headers) {
    ObjectNode node = JSON.createObjectNode();
    headers.forEach((name, values) -> {
      ArrayNode array = node.putArray(name);
      values.forEach(array::add);
    });
    return node;
  }

  private static String side(Side side) {
    return side == Side.CLIENT ? "client" : "upstream";
  }

  private static String type(FrameType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  private static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ reading

  /**
   * Reads the header line.
   *
   * @param line the line
   * @return the header
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Recording.Header readHeader(String line) {
    JsonNode node = parse(line);
    if (!Recording.FORMAT.equals(node.path("format").asText())) {
      throw new IllegalArgumentException("not a Framegate recording: the first line must have \"format\":\""
          + Recording.FORMAT + "\"");
    }
    int version = requiredInt(node, "version");
    Instant recordedAt;
    try {
      recordedAt = Instant.parse(node.path("recordedAt").asText("1970-01-01T00:00:00Z"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("recordedAt: not an ISO-8601 instant: " + node.path("recordedAt").asText());
    }
    List<String> plugins = new ArrayList<>();
    node.path("plugins").forEach(p -> plugins.add(p.asText()));
    Map<String, Object> settings = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("settings").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      settings.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
    }
    Map<String, List<String>> redacted = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("redacted").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      redacted.put(e.getKey(), values);
    }
    return new Recording.Header(version, node.path("connection").asText(""), node.path("route").asText(""),
        recordedAt, plugins, settings, redacted);
  }

  /**
   * Reads one event line.
   *
   * @param line the line
   * @return the event
   * @throws IllegalArgumentException naming what is wrong
   */
  public static RecordedEvent readEvent(String line) {
    JsonNode node = parse(line);
    long t = requiredLong(node, "t");
    String kind = required(node, "event");
    return switch (kind) {
      case "handshake" -> new RecordedEvent.Handshake(t, node.path("method").asText("GET"), required(node, "path"),
          node.path("query").asText(""), readHeaders(node.path("headers")), strings(node.path("subprotocols")),
          node.path("remote").asText(""));
      case "upstream-request" -> new RecordedEvent.UpstreamRequest(t, readHeaders(node.path("headers")),
          strings(node.path("subprotocols")));
      case "upstream-connected" -> new RecordedEvent.UpstreamConnected(t, optionalText(node, "subprotocol"));
      case "upstream-failed" -> new RecordedEvent.UpstreamFailed(t, requiredInt(node, "status"),
          node.path("detail").asText(""));
      case "client-accepted" -> new RecordedEvent.ClientAccepted(t, optionalText(node, "subprotocol"),
          readHeaders(node.path("headers")));
      case "client-rejected" -> new RecordedEvent.ClientRejected(t, requiredInt(node, "status"),
          readHeaders(node.path("headers")), node.path("body").asText(""));
      case "receive" -> {
        Side from = side(node);
        boolean expected = from == Side.CLIENT;
        yield new RecordedEvent.Received(t, from, readFrame(node, true), node.path("masked").asBoolean(expected));
      }
      case "send" -> new RecordedEvent.Sent(t, side(node), readFrame(node, false));
      case "refused-header" -> new RecordedEvent.RefusedHeader(t, side(node), node.path("fin").asBoolean(true),
          node.path("rsv").asInt(0), requiredInt(node, "opcode"), node.path("masked").asBoolean(false),
          requiredLong(node, "length"));
      case "gone" -> new RecordedEvent.Gone(t, side(node));
      case "shutdown" -> new RecordedEvent.Shutdown(t);
      case "dropped" -> new RecordedEvent.Dropped(t, side(node), frameType(node), node.path("plugin").asText(""));
      case "rewritten" -> new RecordedEvent.Rewritten(t, side(node), frameType(node), node.path("plugin").asText(""));
      case "plugin-closed" -> new RecordedEvent.PluginClosed(t, side(node), node.path("plugin").asText(""));
      case "plugin-sent" -> new RecordedEvent.PluginSent(t, node.path("plugin").asText(""), side(node), frameType(node));
      case "plugin-failed" -> new RecordedEvent.PluginFailed(t, node.path("plugin").asText(""),
          phase(node), node.path("error").asText(""), node.path("message").asText(""));
      case "finished" -> new RecordedEvent.Finished(t, cause(node), optionalInt(node, "clientStatus"),
          optionalInt(node, "upstreamStatus"), node.path("detail").asText(""));
      case "truncated" -> new RecordedEvent.Truncated(t, node.path("reason").asText(""));
      default -> throw new IllegalArgumentException("event: unknown kind '" + kind + "'");
    };
  }

  private static WireFrame readFrame(JsonNode node, boolean raw) {
    int opcode;
    if (node.has("opcode")) {
      opcode = requiredInt(node, "opcode");
    } else {
      String type = required(node, "type");
      if (type.equals("continuation")) {
        opcode = 0;
      } else {
        opcode = frameType(node).opcode();
      }
    }
    boolean fin = node.path("fin").asBoolean(true);
    int rsv = node.path("rsv").asInt(0);
    byte[] payload;
    if (node.has("base64")) {
      try {
        payload = Base64.getDecoder().decode(node.get("base64").asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("base64: " + e.getMessage());
      }
    } else if (opcode == FrameType.CLOSE.opcode() && node.has("code")) {
      payload = WireFrame.closePayload(requiredInt(node, "code"), node.path("reason").asText(""));
    } else if (node.has("text")) {
      payload = node.get("text").asText().getBytes(StandardCharsets.UTF_8);
    } else {
      payload = new byte[0];
    }
    if (!raw && !fin) {
      throw new IllegalArgumentException("fin: the gateway sends whole frames only");
    }
    try {
      return new WireFrame(fin, rsv, opcode, payload);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("frame: " + e.getMessage());
    }
  }

  private static Map<String, List<String>> readHeaders(JsonNode node) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> values.add(v.asText()));
      } else {
        values.add(e.getValue().asText());
      }
      headers.put(e.getKey(), values);
    }
    return headers;
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Side side(JsonNode node) {
    String side = required(node, "side");
    return switch (side) {
      case "client" -> Side.CLIENT;
      case "upstream" -> Side.UPSTREAM;
      default -> throw new IllegalArgumentException("side: expected client or upstream, got '" + side + "'");
    };
  }

  private static FrameType frameType(JsonNode node) {
    String type = required(node, "type");
    try {
      return FrameType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("type: expected text, binary, close, ping or pong, got '" + type + "'");
    }
  }

  private static Phase phase(JsonNode node) {
    String phase = required(node, "phase");
    try {
      return Phase.valueOf(phase.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("phase: unknown phase '" + phase + "'");
    }
  }

  private static CloseCause cause(JsonNode node) {
    String cause = required(node, "cause");
    try {
      return CloseCause.valueOf(cause.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cause: unknown cause '" + cause + "'");
    }
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("expected one JSON object per line");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return value.asText();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static int requiredInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new IllegalArgumentException(field + ": expected an integer");
    }
    return value.asInt();
  }

  private static long requiredLong(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToLong()) {
      throw new IllegalArgumentException(field + ": expected an integer (nanoseconds)");
    }
    return value.asLong();
  }

  private static OptionalInt optionalInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? OptionalInt.empty() : OptionalInt.of(value.asInt());
  }
}
