package dev.framegate.harness.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framegate.harness.internal.RecordingCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a recording leaves out: the values of some headers (of the client's request, the upstream
 * request and the 101) and of some fields of JSON text messages, each replaced by {@value
 * #REDACTED}. {@code Authorization} and {@code Cookie} are always redacted.
 *
 * <p>A JSON field name matches a field of that name at any depth, in any case ({@code token} also
 * hides {@code Token} and {@code TOKEN}, as a plugin may have changed the case); a text message that
 * is not JSON is recorded as it is.
 *
 * @param headers the header names, lower case
 * @param jsonFields the JSON field names, lower case
 */
public record Redaction(Set<String> headers, Set<String> jsonFields) {

  /** What replaces a redacted value. */
  public static final String REDACTED = "[redacted]";

  /** The headers every recording redacts. */
  public static final List<String> DEFAULT_HEADERS = List.of("authorization", "cookie");

  /** Lower-cases the header names and adds the defaults. */
  public Redaction {
    Set<String> names = new LinkedHashSet<>(DEFAULT_HEADERS);
    headers.forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
    headers = Collections.unmodifiableSet(names);
    Set<String> fields = new LinkedHashSet<>();
    jsonFields.forEach(f -> fields.add(f.toLowerCase(Locale.ROOT)));
    jsonFields = Collections.unmodifiableSet(fields);
  }

  /**
   * The default: {@code Authorization} and {@code Cookie}, no JSON fields.
   *
   * @return the redaction
   */
  public static Redaction defaults() {
    return new Redaction(Set.of(), Set.of());
  }

  /**
   * The defaults and more.
   *
   * @param headers more header names
   * @param jsonFields JSON field names
   * @return the redaction
   */
  public static Redaction of(List<String> headers, List<String> jsonFields) {
    return new Redaction(new LinkedHashSet<>(headers), new LinkedHashSet<>(jsonFields));
  }

  /**
   * The headers with the redacted values replaced.
   *
   * @param original the headers
   * @return a copy
   */
  public Map<String, List<String>> headers(Map<String, List<String>> original) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    original.forEach((name, values) -> {
      if (headers.contains(name.toLowerCase(Locale.ROOT))) {
        List<String> hidden = new ArrayList<>();
        values.forEach(v -> hidden.add(REDACTED));
        copy.put(name, hidden);
      } else {
        copy.put(name, values);
      }
    });
    return copy;
  }

  /**
   * A text message with the redacted JSON fields replaced, or the message itself when it is not
   * JSON or has none of them.
   *
   * @param payload the UTF-8 text
   * @return the payload to record
   */
  public byte[] payload(byte[] payload) {
    if (jsonFields.isEmpty() || payload.length == 0) {
      return payload;
    }
    byte first = firstNonSpace(payload);
    if (first != '{' && first != '[') {
      return payload;
    }
    JsonNode tree;
    try {
      tree = RecordingCodec.mapper().readTree(payload);
    } catch (java.io.IOException e) {
      return payload;
    }
    if (tree == null || !redact(tree)) {
      return payload;
    }
    return tree.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether a text message needs JSON redaction at all: some rule exists.
   *
   * @return {@code true} when JSON fields are redacted
   */
  public boolean redactsPayloads() {
    return !jsonFields.isEmpty();
  }

  private boolean redact(JsonNode node) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (jsonFields.contains(field.getKey().toLowerCase(Locale.ROOT))) {
          field.setValue(object.textNode(REDACTED));
          changed = true;
        } else {
          changed |= redact(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        changed |= redact(element);
      }
    }
    return changed;
  }

  private static byte firstNonSpace(byte[] payload) {
    for (byte b : payload) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b;
      }
    }
    return 0;
  }

  /**
   * What the header of a recording says was redacted.
   *
   * @return {@code headers} and {@code jsonFields}
   */
  public Map<String, List<String>> describe() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("headers", List.copyOf(headers));
    if (!jsonFields.isEmpty()) {
      map.put("jsonFields", List.copyOf(jsonFields));
    }
    return map;
  }
}
