package dev.framegate.harness.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.framegate.api.FrameType;
import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import dev.framegate.harness.recording.RecordedEvent;
import dev.framegate.harness.recording.Recording;
import dev.framegate.harness.recording.Redaction;
import dev.framegate.harness.recording.ReplayOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a replay with its recording: the inputs and the gateway's outputs, in order, each
 * normalised (ignored headers and JSON fields out, the recording's JSON redaction applied to both),
 * and their times within the tolerance; renders the first difference side by side.
 */
public final class ReplayComparison {

  private static final int COLUMN = 64;
  private static final int CONTEXT = 6;

  private final ReplayOptions options;
  private final Redaction redaction;

  /**
   * Creates a comparison.
   *
   * @param recording the recording, whose header says which JSON fields it redacted
   * @param options what to ignore
   */
  public ReplayComparison(Recording recording, ReplayOptions options) {
    this.options = options;
    List<String> fields = recording.header().redacted().getOrDefault("jsonFields", List.of());
    this.redaction = Redaction.of(List.of(), fields);
  }

  /**
   * The events a replay compares: what the sides did and what the gateway wrote, without a side's
   * socket closing after its close handshake completed (the gateway has let it go by then; a
   * runtime reports it, a harness side is already disconnected).
   *
   * @param events all events
   * @return the inputs and outputs, in order
   */
  public static List<RecordedEvent> compared(List<RecordedEvent> events) {
    List<RecordedEvent> kept = new ArrayList<>();
    boolean[] closeSent = new boolean[2];
    boolean[] closeReceived = new boolean[2];
    for (RecordedEvent event : events) {
      if (event instanceof RecordedEvent.Sent sent && sent.frame().type() == FrameType.CLOSE) {
        closeSent[sent.to().ordinal()] = true;
      } else if (event instanceof RecordedEvent.Received received && received.frame().opcode() == 0x8) {
        closeReceived[received.from().ordinal()] = true;
      } else if (event instanceof RecordedEvent.Gone gone
          && closeSent[gone.side().ordinal()] && closeReceived[gone.side().ordinal()]) {
        continue; // the socket closing after a completed close handshake: the gateway had let the side go
      }
      if (event.isInput() || event.isOutput()) {
        kept.add(event);
      }
    }
    return kept;
  }

  /**
   * The first difference, side by side.
   *
   * @param name the recording's name
   * @param recorded the recorded events
   * @param replayed the replayed events
   * @return the side-by-side text, or empty when they match
   */
  public Optional<String> difference(String name, List<RecordedEvent> recorded, List<RecordedEvent> replayed) {
    List<RecordedEvent> left = compared(recorded);
    List<RecordedEvent> right = compared(replayed);
    int n = Math.max(left.size(), right.size());
    for (int i = 0; i < n; i++) {
      RecordedEvent a = i < left.size() ? left.get(i) : null;
      RecordedEvent b = i < right.size() ? right.get(i) : null;
      String why = differs(a, b);
      if (why != null) {
        return Optional.of(render(name, left, right, i, why));
      }
    }
    return Optional.empty();
  }

  private String differs(RecordedEvent recorded, RecordedEvent replayed) {
    if (recorded == null) {
      return "the replay has an event the recording does not";
    }
    if (replayed == null) {
      return "the replay ended before this recorded event";
    }
    if (!key(recorded).equals(key(replayed))) {
      return recorded.kind().equals(replayed.kind()) ? "the events differ" : "another event happened";
    }
    if (!options.ignoreTiming()) {
      long delta = Math.abs(recorded.time() - replayed.time());
      if (delta > options.timeTolerance().toNanos()) {
        return "the times differ by " + delta / 1_000_000 + " ms (tolerance " + options.timeTolerance().toMillis()
            + " ms; ReplayOptions.ignoringTiming() compares the order only)";
      }
    }
    return null;
  }

  /** The event's comparable form: its JSON line, normalised, without its time. */
  String key(RecordedEvent event) {
    return RecordingCodec.writeEvent(normalise(event));
  }

  private RecordedEvent normalise(RecordedEvent event) {
    if (event instanceof RecordedEvent.Handshake h) {
      return new RecordedEvent.Handshake(0, h.method(), h.path(), h.query(), headers(h.headers()), h.subprotocols(),
          h.remote());
    } else if (event instanceof RecordedEvent.UpstreamRequest u) {
      return new RecordedEvent.UpstreamRequest(0, headers(u.headers()), u.subprotocols());
    } else if (event instanceof RecordedEvent.ClientAccepted a) {
      return new RecordedEvent.ClientAccepted(0, a.subprotocol(), headers(a.headers()));
    } else if (event instanceof RecordedEvent.ClientRejected r) {
      return new RecordedEvent.ClientRejected(0, r.status(), headers(r.headers()), r.body());
    } else if (event instanceof RecordedEvent.Received r) {
      return new RecordedEvent.Received(0, r.from(), frame(r.frame()), r.masked());
    } else if (event instanceof RecordedEvent.Sent s) {
      return new RecordedEvent.Sent(0, s.to(), frame(s.frame()));
    } else if (event instanceof RecordedEvent.Finished f) {
      return new RecordedEvent.Finished(0, f.cause(), f.clientStatus(), f.upstreamStatus(), "");
    } else if (event instanceof RecordedEvent.UpstreamFailed f) {
      return new RecordedEvent.UpstreamFailed(0, f.status(), f.detail());
    } else if (event instanceof RecordedEvent.UpstreamConnected c) {
      return new RecordedEvent.UpstreamConnected(0, c.subprotocol());
    } else if (event instanceof RecordedEvent.Gone g) {
      return new RecordedEvent.Gone(0, g.side());
    } else if (event instanceof RecordedEvent.Shutdown) {
      return new RecordedEvent.Shutdown(0);
    }
    return event;
  }

  private Map<String, List<String>> headers(Map<String, List<String>> headers) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    headers.forEach((name, values) -> {
      if (!options.ignoredHeaders().contains(name.toLowerCase(Locale.ROOT))) {
        kept.put(name, values);
      }
    });
    return kept;
  }

  private WireFrame frame(WireFrame frame) {
    if (frame.type() != FrameType.TEXT || !frame.fin()) {
      return frame;
    }
    byte[] payload = redaction.payload(frame.payload());
    if (!options.ignoredJsonFields().isEmpty()) {
      payload = withoutFields(payload, options.ignoredJsonFields());
    }
    return new WireFrame(true, frame.rsv(), frame.opcode(), payload);
  }

  private static byte[] withoutFields(byte[] payload, Set<String> fields) {
    JsonNode tree;
    try {
      tree = RecordingCodec.mapper().readTree(payload);
    } catch (java.io.IOException e) {
      return payload;
    }
    if (tree == null || !tree.isContainerNode()) {
      return payload;
    }
    for (String field : fields) {
      if (field.startsWith("/")) {
        JsonPointer pointer = JsonPointer.compile(field);
        JsonNode parent = tree.at(pointer.head());
        if (parent instanceof ObjectNode object) {
          object.remove(pointer.last().getMatchingProperty());
        }
      } else {
        removeEverywhere(tree, field);
      }
    }
    return tree.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void removeEverywhere(JsonNode node, String field) {
    if (node instanceof ObjectNode object) {
      object.remove(field);
      for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
        removeEverywhere(it.next(), field);
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(element -> removeEverywhere(element, field));
    }
  }

  private static String render(String name, List<RecordedEvent> left, List<RecordedEvent> right, int at, String why) {
    StringBuilder out = new StringBuilder("replay of ").append(name).append(" differs from the recording at event ")
        .append(at + 1).append(": ").append(why).append('\n');
    out.append(String.format("       %-" + COLUMN + "s | %s%n", "recorded", "replayed"));
    int from = Math.max(0, at - CONTEXT);
    int to = Math.min(Math.max(left.size(), right.size()), at + CONTEXT + 1);
    for (int i = from; i < to; i++) {
      String a = i < left.size() ? describe(left.get(i)) : "";
      String b = i < right.size() ? describe(right.get(i)) : "";
      out.append(String.format("%s %4d %-" + COLUMN + "s %s %s%n", i == at ? ">>" : "  ", i + 1, fit(a),
          i == at ? "≠" : "|", fit(b)));
    }
    if (to < Math.max(left.size(), right.size())) {
      out.append("       (").append(left.size()).append(" recorded, ").append(right.size())
          .append(" replayed events in all)\n");
    }
    return out.toString();
  }

  private static String fit(String text) {
    return text.length() <= COLUMN ? text : text.substring(0, COLUMN - 1) + "…";
  }

  /**
   * One line for an event, as transcripts show it.
   *
   * @param event the event
   * @return the line
   */
  public static String describe(RecordedEvent event) {
    long ms = event.time() / 1_000_000;
    String time = String.format("t=%d.%03ds ", ms / 1000, ms % 1000);
    return time + what(event);
  }

  private static String what(RecordedEvent event) {
    if (event instanceof RecordedEvent.Handshake h) {
      return "client → gateway upgrade " + h.method() + " " + h.path() + (h.query().isEmpty() ? "" : "?" + h.query());
    } else if (event instanceof RecordedEvent.UpstreamRequest u) {
      return "gateway → upstream upgrade " + u.headers();
    } else if (event instanceof RecordedEvent.UpstreamConnected c) {
      return "upstream → gateway 101" + (c.subprotocol() == null ? "" : " " + c.subprotocol());
    } else if (event instanceof RecordedEvent.UpstreamFailed f) {
      return "upstream → gateway failed " + f.status() + " " + f.detail();
    } else if (event instanceof RecordedEvent.ClientAccepted a) {
      return "gateway → client 101" + (a.subprotocol() == null ? "" : " " + a.subprotocol())
          + (a.headers().isEmpty() ? "" : " " + a.headers());
    } else if (event instanceof RecordedEvent.ClientRejected r) {
      return "gateway → client " + r.status() + (r.body().isEmpty() ? "" : " \"" + r.body() + "\"");
    } else if (event instanceof RecordedEvent.Received r) {
      return (r.from() == Side.CLIENT ? "client → gateway " : "upstream → gateway ") + r.frame().describe()
          + (r.wrongMasking() ? (r.masked() ? " (masked)" : " (unmasked)") : "");
    } else if (event instanceof RecordedEvent.Sent s) {
      return (s.to() == Side.CLIENT ? "gateway → client " : "gateway → upstream ") + s.frame().describe();
    } else if (event instanceof RecordedEvent.RefusedHeader r) {
      return (r.from() == Side.CLIENT ? "client → gateway " : "upstream → gateway ")
          + WireFrame.describeHeader(r.fin(), r.rsv(), r.opcode(), r.length()) + " (refused at its header)";
    } else if (event instanceof RecordedEvent.Gone g) {
      return (g.side() == Side.CLIENT ? "client" : "upstream") + " ✕ gone";
    } else if (event instanceof RecordedEvent.Shutdown) {
      return "runtime shutdown";
    } else if (event instanceof RecordedEvent.Finished f) {
      return "finished " + f.cause().name().toLowerCase(Locale.ROOT) + " client="
          + (f.clientStatus().isPresent() ? f.clientStatus().getAsInt() : "-") + " upstream="
          + (f.upstreamStatus().isPresent() ? f.upstreamStatus().getAsInt() : "-");
    }
    return event.kind();
  }
}
