package dev.framegate.harness.fuzz;

import dev.framegate.api.CloseCodes;
import dev.framegate.api.FrameType;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import dev.framegate.harness.internal.RecordingCodec;
import dev.framegate.harness.recording.RecordedEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the {@link FuzzInvariant}s on the recorded events of one run. The engine reports what the
 * plugins did (dropped, rewrote, closed, sent); this oracle reassembles the messages each side sent
 * on its own and follows each one to the other side.
 */
final class InvariantChecker {

  private static final byte[] KEEPALIVE = "framegate-keepalive".getBytes(StandardCharsets.US_ASCII);

  private final EngineSettings settings;
  private final Set<FuzzInvariant> invariants;
  private final List<RecordedEvent> events;
  private final TreeSet<Integer> boundaries;
  private final List<String> violations = new ArrayList<>();

  InvariantChecker(EngineSettings settings, Set<FuzzInvariant> invariants, List<RecordedEvent> events,
      List<Integer> boundaries) {
    this.settings = settings;
    this.invariants = invariants;
    this.events = events;
    this.boundaries = new TreeSet<>(boundaries);
  }

  List<String> check() {
    pluginFailures();
    wireRules();
    closePhase();
    timeouts();
    if (invariants.contains(FuzzInvariant.MESSAGES_UNCHANGED_AND_IN_ORDER)) {
      messages();
    }
    return violations;
  }

  private void fail(FuzzInvariant invariant, String detail) {
    if (invariants.contains(invariant)) {
      String line = FrameFuzzer.violation(invariant, detail);
      if (!violations.contains(line)) {
        violations.add(line);
      }
    }
  }

  private void pluginFailures() {
    for (RecordedEvent event : events) {
      if (event instanceof RecordedEvent.PluginFailed failed) {
        String what = "plugin '" + failed.plugin() + "' threw " + failed.errorType() + " in "
            + failed.phase().methodName() + ": " + failed.message();
        if (failed.isPdkMisuse()) {
          fail(FuzzInvariant.NO_PDK_MISUSE, what);
        } else {
          fail(FuzzInvariant.NO_PLUGIN_FAILURE, what);
        }
      }
    }
  }

  private void wireRules() {
    boolean[] closed = new boolean[2];
    boolean[] gone = new boolean[2];
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent event = events.get(i);
      if (event instanceof RecordedEvent.Gone g) {
        gone[g.side().ordinal()] = true;
      } else if (event instanceof RecordedEvent.Sent sent) {
        int side = sent.to().ordinal();
        WireFrame frame = sent.frame();
        if (closed[side]) {
          fail(FuzzInvariant.NOTHING_AFTER_CLOSE, "event " + (i + 1) + ": " + frame.describe() + " written to the "
              + name(sent.to()) + " after its close frame");
        } else if (gone[side]) {
          fail(FuzzInvariant.NOTHING_AFTER_CLOSE, "event " + (i + 1) + ": " + frame.describe() + " written to the "
              + name(sent.to()) + " after it was gone");
        }
        FrameType type = frame.type();
        if (type != null && type.isControl() && frame.length() > 125) {
          fail(FuzzInvariant.CONTROL_FRAMES_AT_MOST_125_BYTES, "event " + (i + 1) + ": " + frame.describe()
              + " of " + frame.length() + " bytes written to the " + name(sent.to()));
        }
        if (type == FrameType.CLOSE) {
          closed[side] = true;
          byte[] payload = frame.payload();
          if (payload.length == 1) {
            fail(FuzzInvariant.VALID_CLOSE_CODES, "event " + (i + 1) + ": a close frame with a 1-byte payload"
                + " written to the " + name(sent.to()));
          } else if (payload.length >= 2) {
            int code = frame.closeCode().getAsInt();
            if (!CloseCodes.isSendable(code)) {
              fail(FuzzInvariant.VALID_CLOSE_CODES, "event " + (i + 1) + ": close code " + code + " written to the "
                  + name(sent.to()) + " (RFC 6455 7.4 forbids it on the wire)");
            }
            if (RecordingCodec.strictUtf8(payload, 2) == null) {
              fail(FuzzInvariant.VALID_CLOSE_CODES, "event " + (i + 1) + ": a close reason that is not UTF-8"
                  + " written to the " + name(sent.to()));
            }
          }
        }
      }
    }
  }

  private void closePhase() {
    int finished = 0;
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent event = events.get(i);
      if (event instanceof RecordedEvent.Finished) {
        finished++;
      } else if (finished > 0) {
        fail(FuzzInvariant.CLOSE_PHASE_ONCE, "event " + (i + 1) + " (" + event.kind() + ") happened after the close"
            + " phase ran");
      }
    }
    if (finished == 0) {
      fail(FuzzInvariant.CLOSE_PHASE_ONCE, "the close phase never ran");
    } else if (finished > 1) {
      fail(FuzzInvariant.CLOSE_PHASE_ONCE, "the close phase ran " + finished + " times");
    }
  }

  private void timeouts() {
    Long firstClose = null;
    for (RecordedEvent event : events) {
      if (firstClose == null && event instanceof RecordedEvent.Sent sent && sent.frame().type() == FrameType.CLOSE) {
        firstClose = sent.time();
      }
      if (event instanceof RecordedEvent.Finished finish && firstClose != null) {
        long took = finish.time() - firstClose;
        if (took > settings.closeLinger().toNanos()) {
          fail(FuzzInvariant.ENDS_WITHIN_TIMEOUTS, "the connection ended " + took / 1_000_000 + " ms after its first"
              + " close frame, past the close linger of " + settings.closeLinger().toMillis() + " ms");
        }
      }
    }
  }

  // ------------------------------------------------------------------ messages

  /** A message one side sent, reassembled by the oracle. */
  private record Message(Side from, FrameType type, byte[] payload, int index) {
    WireFrame frame() {
      return WireFrame.of(type, payload);
    }
  }

  private void messages() {
    ByteArrayOutputStream[] open = new ByteArrayOutputStream[2];
    FrameType[] openType = new FrameType[2];
    boolean[] closeReceived = new boolean[2];
    boolean[] closeSent = new boolean[2];
    boolean[] gone = new boolean[2];
    boolean[] explained = new boolean[events.size()];
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent event = events.get(i);
      if (event instanceof RecordedEvent.Gone g) {
        gone[g.side().ordinal()] = true;
        continue;
      }
      if (event instanceof RecordedEvent.Sent sent) {
        if (sent.frame().type() == FrameType.CLOSE) {
          closeSent[sent.to().ordinal()] = true;
          explained[i] = true; // the engine's own close frames may go out at any time
        } else if (i > 0 && events.get(i - 1) instanceof RecordedEvent.PluginSent) {
          explained[i] = true;
        } else if (sent.frame().type() == FrameType.PING && Arrays.equals(sent.frame().payload(), KEEPALIVE)
            && !settings.keepaliveInterval().isZero()) {
          explained[i] = true;
        }
        continue;
      }
      if (!(event instanceof RecordedEvent.Received received)) {
        continue;
      }
      Side from = received.from();
      int x = from.ordinal();
      if (closeReceived[x] || gone[x]) {
        continue; // RFC 6455 5.5.1: nothing follows a close frame; the engine ignores it
      }
      WireFrame frame = received.frame();
      Message message = null;
      if (frame.rsv() != 0 || received.wrongMasking()) {
        open[x] = null;
      } else {
        switch (frame.opcode()) {
          case 0x1, 0x2 -> {
            FrameType type = frame.opcode() == 1 ? FrameType.TEXT : FrameType.BINARY;
            if (open[x] != null) {
              open[x] = null;
            } else if (frame.fin()) {
              message = new Message(from, type, frame.payload(), i);
            } else {
              open[x] = new ByteArrayOutputStream();
              open[x].writeBytes(frame.payload());
              openType[x] = type;
            }
          }
          case 0x0 -> {
            if (open[x] != null) {
              open[x].writeBytes(frame.payload());
              if (frame.fin()) {
                message = new Message(from, openType[x], open[x].toByteArray(), i);
                open[x] = null;
              }
            }
          }
          case 0x8, 0x9, 0xA -> {
            if (frame.fin()) {
              message = new Message(from, frame.type(), frame.payload(), i);
            }
            if (frame.opcode() == 0x8) {
              closeReceived[x] = true;
              open[x] = null;
            }
          }
          default -> open[x] = null;
        }
      }
      if (message != null) {
        boolean otherClosed = closeSent[from.other().ordinal()] || gone[from.other().ordinal()];
        follow(message, otherClosed, explained);
      }
    }
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof RecordedEvent.Sent sent && !explained[i]) {
        fail(FuzzInvariant.MESSAGES_UNCHANGED_AND_IN_ORDER, "event " + (i + 1) + ": " + sent.frame().describe()
            + " was written to the " + name(sent.to()) + " but no one sent it (no message of the "
            + name(sent.to().other()) + " and no plugin's own send explains it)");
      }
    }
  }

  /** Follows one message through the events its arrival caused, up to the next input or step. */
  private void follow(Message message, boolean otherClosed, boolean[] explained) {
    Side from = message.from();
    Side to = from.other();
    if (message.type() == FrameType.CLOSE && !forwardableClose(message.payload())) {
      return; // a malformed close frame: the engine must refuse it, which the wire rules check
    }
    Integer boundary = boundaries.higher(message.index());
    int end = boundary == null ? events.size() : boundary;
    boolean dropped = false;
    boolean rewritten = false;
    boolean closedOnIt = false;
    boolean pluginFailed = false;
    boolean engineClosed = false;
    int forwarded = -1;
    int answer = -1;
    for (int j = message.index() + 1; j < end; j++) {
      RecordedEvent event = events.get(j);
      if (event.isInput()) {
        break;
      }
      if (event instanceof RecordedEvent.Dropped d && d.from() == from) {
        dropped = true;
      } else if (event instanceof RecordedEvent.Rewritten r && r.from() == from) {
        rewritten = true;
      } else if (event instanceof RecordedEvent.PluginClosed c && c.from() == from) {
        closedOnIt = true;
      } else if (event instanceof RecordedEvent.PluginFailed) {
        pluginFailed = true;
      } else if (event instanceof RecordedEvent.Sent sent && !(events.get(j - 1) instanceof RecordedEvent.PluginSent)) {
        if (sent.to() == to && forwarded < 0 && sent.frame().type() == message.type()) {
          forwarded = j;
        } else if (sent.frame().type() == FrameType.CLOSE) {
          engineClosed = true;
        } else if (sent.to() == from && sent.frame().type() == FrameType.PONG && message.type() == FrameType.PING
            && settings.autoPong() && answer < 0) {
          answer = j;
        }
      }
    }
    String what = message.frame().describe() + " from the " + name(from) + " (event " + (message.index() + 1) + ")";
    if (message.type() == FrameType.PING && settings.autoPong()) {
      if (answer >= 0) {
        explained[answer] = true;
        if (!Arrays.equals(((RecordedEvent.Sent) events.get(answer)).frame().payload(), message.payload())) {
          fail(FuzzInvariant.MESSAGES_UNCHANGED_AND_IN_ORDER, what + " was answered with a pong of another payload");
        }
      }
      return;
    }
    if (message.type() == FrameType.PONG && !settings.keepaliveInterval().isZero()
        && Arrays.equals(message.payload(), KEEPALIVE)) {
      return; // the answer to the engine's own keepalive ping
    }
    if (message.type() == FrameType.CLOSE && (closedOnIt || pluginFailed)) {
      return; // the close frames that went out are the plugin's, or the engine's 1011
    }
    if (forwarded >= 0) {
      explained[forwarded] = true;
      WireFrame out = ((RecordedEvent.Sent) events.get(forwarded)).frame();
      if (dropped) {
        fail(FuzzInvariant.MESSAGES_UNCHANGED_AND_IN_ORDER, what + " was dropped by a plugin, yet "
            + out.describe() + " reached the " + name(to) + " (event " + (forwarded + 1) + ")");
      } else if (!rewritten && !out.equals(message.frame())) {
        fail(FuzzInvariant.MESSAGES_UNCHANGED_AND_IN_ORDER, what + " reached the " + name(to) + " as "
            + out.describe() + " (event " + (forwarded + 1) + "), but no plugin rewrote it");
      }
      return;
    }
    if (dropped || closedOnIt || pluginFailed || otherClosed || engineClosed) {
      return; // a plugin took it, or the engine refused it (protocol, limits, rate) or was closing
    }
    fail(FuzzInvariant.MESSAGES_UNCHANGED_AND_IN_ORDER, what + " never reached the " + name(to)
        + ": no plugin dropped it or closed on it, and the engine neither refused it nor was closing");
  }

  private static boolean forwardableClose(byte[] payload) {
    if (payload.length == 0) {
      return true;
    }
    if (payload.length == 1 || payload.length > 125) {
      return false;
    }
    int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    return CloseCodes.isSendable(code) && RecordingCodec.strictUtf8(payload, 2) != null;
  }

  private static String name(Side side) {
    return side == Side.CLIENT ? "client" : "upstream";
  }
}
