package dev.framegate.harness.conformance;

import static dev.framegate.harness.conformance.Checks.PAST_SHORT;
import static dev.framegate.harness.conformance.Checks.SHORT;
import static dev.framegate.harness.conformance.Checks.awaitEvent;
import static dev.framegate.harness.conformance.Checks.bytes;
import static dev.framegate.harness.conformance.Checks.chain;
import static dev.framegate.harness.conformance.Checks.check;
import static dev.framegate.harness.conformance.Checks.open;
import static dev.framegate.harness.conformance.Checks.settings;
import static dev.framegate.harness.conformance.Checks.utf8;

import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.FrameType;
import dev.framegate.api.NoConfig;
import dev.framegate.engine.PluginChain;
import dev.framegate.harness.FrameEndpoint;
import dev.framegate.harness.HandshakeSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Scenarios of the SPEC rules C1–C6: close, errors and time. */
final class CloseScenarios {

  private static final NoConfig NONE = NoConfig.INSTANCE;

  private CloseScenarios() {}

  static List<Scenario> all() {
    return List.of(
        new Scenario("C1.1", "a close frame passes the plugins and is forwarded; the other side keeps sending until it answers", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          c.client().sendClose(1000, "bye");
          c.upstream().expectClose(1000, "bye");
          c.upstream().sendText("late");
          c.client().expectText("late");
          c.upstream().sendClose(1000, "bye");
          c.client().expectClose(1000, "bye");
          c.client().expectDisconnected();
          c.upstream().expectDisconnected();
          check(log.events().contains("recording client CLOSE 1000 bye"), "the close frame passes the plugins", c, log);
          awaitEvent(g, log, "recording close CLIENT_CLOSE", c);
        }),
        new Scenario("C1.2", "frames queued before a close are not lost", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().build());
          c.client().sendText("a").sendText("b").sendFragments(FrameType.TEXT, "c", "d").sendClose(1000);
          c.upstream().expectText("a").expectText("b").expectText("cd").expectClose(1000);
        }),
        new Scenario("C1.3", "a close handshake started by the upstream", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          c.upstream().sendClose(1001, "restart");
          c.client().expectClose(1001, "restart");
          c.client().sendText("late");
          c.upstream().expectText("late");
          c.client().sendClose(1001);
          c.upstream().expectClose(1001);
          c.client().expectDisconnected();
          c.upstream().expectDisconnected();
          awaitEvent(g, log, "recording close UPSTREAM_CLOSE", c);
        }),
        new Scenario("C1.4", "an unanswered close ends the connection after the close linger", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().closeLinger(SHORT).build());
          c.client().sendClose(1000);
          c.upstream().expectClose(1000);
          g.passTime(PAST_SHORT);
          c.client().expectDisconnected();
          c.upstream().expectDisconnected();
          Checks.awaitEvents(g, log, events -> events.stream().filter(e -> e.startsWith("recording close")).count() == 1,
              "the close phase to run once", c);
        }),
        new Scenario("C2.1", "the upstream vanishes: the client gets 1001 and the close phase runs", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          c.upstream().vanish();
          c.client().expectClose(1001);
          c.client().sendClose(1001);
          awaitEvent(g, log, "recording close UPSTREAM_GONE", c);
        }),
        new Scenario("C2.2", "the client vanishes: the upstream gets 1001 and the close phase runs", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          c.client().vanish();
          c.upstream().expectClose(1001);
          c.upstream().sendClose(1001);
          awaitEvent(g, log, "recording close CLIENT_GONE", c);
        }),
        new Scenario("C3.1", "a plugin that throws ends its connection with 1011 on both sides; later plugins do not run", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new ThrowingPlugin(), new ThrowingPlugin.Config("boom"), new RecordingPlugin.Last(log), NONE),
              settings().build());
          c.client().sendText("boom");
          c.client().expectClose(1011);
          c.upstream().expectClose(1011);
          c.upstream().expectNothing();
          Checks.finishClose(c, 1011, 1011);
          awaitEvent(g, log, "recording-last close PLUGIN_ERROR", c);
          check(!log.events().contains("recording-last client TEXT boom"), "later plugins do not run", c, log);
        }),
        new Scenario("C3.2", "a plugin that misuses the PDK ends its connection with 1011 on both sides", g -> {
          GatewayConnection c = open(g, chain(new PhaseMisusingPlugin(new EventLog()), NONE), settings().build());
          c.client().sendText("misuse-uncaught");
          c.client().expectClose(1011);
          c.upstream().expectClose(1011);
        }),
        new Scenario("C3.3", "a plugin failure on one connection leaves other connections untouched", g -> {
          GatewayConnection first = open(g, chain(new ThrowingPlugin(), new ThrowingPlugin.Config("boom")), settings().build());
          GatewayConnection second = open(g, HandshakeSpec.path("/other"), UpstreamAnswer.accept());
          first.upstream().sendText("boom");
          first.client().expectClose(1011);
          second.client().sendText("fine");
          second.upstream().expectText("fine");
          second.client().expectNothing().expectConnected();
        }),
        new Scenario("C3.4", "error policy skip: the failing plugin is skipped, the message goes on", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new ThrowingPlugin(), new ThrowingPlugin.Config("boom"), ErrorPolicy.SKIP,
              new RecordingPlugin.Last(log), NONE), settings().build());
          c.client().sendText("boom");
          c.upstream().expectText("boom");
          c.client().expectNothing().expectConnected();
          check(log.events().contains("recording-last client TEXT boom"), "later plugins run", c, log);
        }),
        new Scenario("C3.5", "error policy drop: the message is dropped, the connection stays open", g -> {
          GatewayConnection c = open(g, chain(new ThrowingPlugin(), new ThrowingPlugin.Config("boom"), ErrorPolicy.DROP), settings().build());
          c.client().sendText("boom").sendText("next");
          c.upstream().expectText("next").expectNothing();
          c.client().expectNothing().expectConnected();
        }),
        new Scenario("C4.1", "pings are forwarded and pongs back; the proxy sends no pings of its own", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().build());
          c.client().sendPing(utf8("p1"));
          c.upstream().expectPing(utf8("p1"));
          c.upstream().sendPong(utf8("p1"));
          c.client().expectPong(utf8("p1"));
          c.upstream().sendPing(utf8("p2"));
          c.client().expectPing(utf8("p2"));
          g.passTime(PAST_SHORT);
          c.client().expectNothing();
          c.upstream().expectNothing();
        }),
        new Scenario("C4.2", "auto-pong answers pings in the proxy", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().autoPong().build());
          c.client().sendPing(utf8("p"));
          c.client().expectPong(utf8("p"));
          c.upstream().expectNothing();
        }),
        new Scenario("C4.3", "keepalive pings both sides at the configured interval", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().keepalive(SHORT).build());
          g.passTime(PAST_SHORT);
          c.client().expectFrame(FrameType.PING);
          c.upstream().expectFrame(FrameType.PING);
        }),
        new Scenario("C4.4", "the idle timeout closes both sides with 1001", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().idle(SHORT).build());
          g.passTime(PAST_SHORT);
          c.client().expectClose(1001);
          c.upstream().expectClose(1001);
        }),
        protocolError("C5.1", "a reserved opcode closes the sender with 1002", 1002, side -> side.sendRaw(true, 0, 0x3, new byte[0])),
        protocolError("C5.2", "RSV bits without an extension close the sender with 1002", 1002,
            side -> side.sendRaw(true, 4, FrameType.TEXT.opcode(), utf8("x"))),
        protocolError("C5.3", "invalid UTF-8 in a text message closes the sender with 1007", 1007,
            side -> side.sendRaw(true, 0, FrameType.TEXT.opcode(), new byte[] {(byte) 0xc3, 0x28})),
        protocolError("C5.4", "a close code not allowed on the wire closes the sender with 1002", 1002, true,
            side -> side.sendRaw(true, 0, FrameType.CLOSE.opcode(), dev.framegate.harness.WireFrame.closePayload(1005, ""))),
        protocolError("C5.5", "a continuation without a message closes the sender with 1002", 1002,
            side -> side.sendRaw(true, 0, 0, utf8("stray"))),
        protocolError("C5.6", "a fragmented ping closes the sender with 1002", 1002,
            side -> side.sendRaw(false, 0, FrameType.PING.opcode(), utf8("p"))),
        protocolError("C5.7", "a control frame over 125 bytes closes the sender with 1002", 1002,
            side -> side.sendRaw(true, 0, FrameType.PING.opcode(), bytes(126))),
        protocolError("C5.8", "a new message inside a fragmented one closes the sender with 1002", 1002,
            side -> {
              side.sendRaw(false, 0, FrameType.TEXT.opcode(), utf8("a"));
              side.sendRaw(true, 0, FrameType.TEXT.opcode(), utf8("b"));
            }),
        protocolError("C5.9", "a one-byte close payload closes the sender with 1002", 1002, true,
            side -> side.sendRaw(true, 0, FrameType.CLOSE.opcode(), new byte[] {3})),
        new Scenario("C5.10", "invalid UTF-8 from the upstream closes the upstream with 1007", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().build());
          c.upstream().sendFragments(FrameType.TEXT, new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {0x41});
          c.upstream().expectClose(1007);
          c.client().expectClose(1001);
        }),
        protocolError("C5.11", "invalid UTF-8 in a close reason closes the sender with 1007", 1007, true,
            side -> side.sendRaw(true, 0, FrameType.CLOSE.opcode(), new byte[] {0x03, (byte) 0xe8, (byte) 0xc3, 0x28})),
        protocolError("C5.12", "an unmasked frame from the client closes the client with 1002", 1002,
            side -> side.sendRawWithWrongMasking(true, 0, FrameType.TEXT.opcode(), "hi".getBytes(StandardCharsets.UTF_8))),
        new Scenario("C5.13", "a masked frame from the upstream closes the upstream with 1002", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().build());
          c.upstream().sendRawWithWrongMasking(true, 0, FrameType.TEXT.opcode(), "hi".getBytes(StandardCharsets.UTF_8));
          c.upstream().expectClose(1002);
          c.client().expectClose(1001);
        }),
        protocolError("C5.14", "a frame header whose 64-bit length has its top bit set closes the sender with 1002 at once;"
            + " its close answer completes the handshake", 1002,
            side -> side.sendFrameHeader(true, 0, FrameType.BINARY.opcode(), 0x8000_0000_0000_0005L)),
        protocolError("C5.15", "a control frame header announcing over 125 bytes closes the sender with 1002 before its payload", 1002,
            side -> side.sendFrameHeader(true, 0, FrameType.PING.opcode(), 1 << 20)),
        new Scenario("C6.1", "on shutdown every open connection is closed on both sides with 1001", g -> {
          EventLog log = new EventLog();
          GatewayConnection first = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          GatewayConnection second = open(g, HandshakeSpec.path("/other"), UpstreamAnswer.accept());
          g.shutdown();
          for (GatewayConnection c : List.of(first, second)) {
            c.client().expectClose(1001);
            c.upstream().expectClose(1001);
            Checks.finishClose(c, 1001, 1001);
          }
          Checks.awaitEvents(g, log, events -> events.stream().filter("recording close SHUTDOWN"::equals).count() == 2,
              "both close phases with cause SHUTDOWN", first);
        }));
  }

  /** The sender's protocol error closes it with a code, the other side with 1001; the close cause says why. */
  private static Scenario protocolError(String id, String title, int code, java.util.function.Consumer<FrameEndpoint> send) {
    return protocolError(id, title, code, false, send);
  }

  private static Scenario protocolError(String id, String title, int code, boolean sentClose,
      java.util.function.Consumer<FrameEndpoint> send) {
    return new Scenario(id, title, g -> {
      EventLog log = new EventLog();
      GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
      send.accept(c.client());
      c.client().expectClose(code);
      c.upstream().expectClose(1001);
      if (sentClose) {
        // The offending frame was the sender's close: its close handshake is complete.
        c.client().expectDisconnected();
      } else {
        c.client().sendClose(code);
      }
      c.upstream().sendClose(1001);
      awaitEvent(g, log, "recording close PROTOCOL_ERROR", c);
    });
  }
}
