package dev.framegate.harness.conformance;

import static dev.framegate.harness.conformance.Checks.awaitEvent;
import static dev.framegate.harness.conformance.Checks.bytes;
import static dev.framegate.harness.conformance.Checks.chain;
import static dev.framegate.harness.conformance.Checks.check;
import static dev.framegate.harness.conformance.Checks.open;
import static dev.framegate.harness.conformance.Checks.settings;
import static dev.framegate.harness.conformance.Checks.utf8;

import dev.framegate.api.FrameType;
import dev.framegate.api.NoConfig;
import dev.framegate.engine.EngineSettings;
import java.util.List;

/** Scenarios of the contract rules F1–F7: the PDK frame operations. */
final class FrameScenarios {

  private static final NoConfig NONE = NoConfig.INSTANCE;

  private FrameScenarios() {}

  static List<Scenario> all() {
    return List.of(
        new Scenario("F1.1", "getFrame gives payload and type of text, binary, ping, pong and close frames", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          c.client().sendText("t").sendBinary(new byte[] {1, 2, 3}).sendPing(utf8("p")).sendPong(utf8("q")).sendClose(1000, "bye");
          c.upstream().expectText("t").expectBinary(new byte[] {1, 2, 3}).expectPing(utf8("p")).expectPong(utf8("q")).expectClose(1000, "bye");
          List<String> expected = List.of("recording client TEXT t", "recording client BINARY 3 bytes", "recording client PING p",
              "recording client PONG q", "recording client CLOSE 1000 bye");
          check(log.eventsStartingWith("recording client").equals(expected), "expected " + expected, c, log);
        }),
        new Scenario("F1.2", "getFrame of a close frame without a code has no status", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          c.client().sendCloseWithoutStatus();
          c.upstream().expectFrame(FrameType.CLOSE);
          check(log.events().contains("recording client CLOSE none"), "expected a close frame without status", c, log);
        }),
        new Scenario("F2.1", "setFrameData replaces the payload; later plugins and the other side see the new one", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RewritingPlugin(), new RewritingPlugin.Config("!", 0, ""),
              new RecordingPlugin.Last(log), NONE), settings().build());
          c.client().sendText("hello");
          c.upstream().expectText("HELLO!");
          c.upstream().sendText("abc");
          c.client().expectText("ABC!");
          check(log.events().contains("recording-last client TEXT HELLO!"), "a later plugin sees the new payload", c, log);
        }),
        new Scenario("F2.2", "setFrameData on a close frame replaces its reason", g -> {
          GatewayConnection c = open(g, chain(new RewritingPlugin(), new RewritingPlugin.Config("", 0, "rewritten")), settings().build());
          c.client().sendClose(1000, "bye");
          c.upstream().expectClose(1000, "rewritten");
        }),
        new Scenario("F2.3", "setFrameData over the limit or over 125 bytes on a control frame throws at the call", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new PdkProbePlugin(log), new PdkProbePlugin.Config(100)),
              settings().maxPayload(100, 100).build());
          c.client().sendText("oversize");
          c.client().sendPing(utf8("p"));
          // Both frames went through the plugin once they arrived (a socket runtime runs it on its own threads).
          c.upstream().expectText("oversize").expectPing(utf8("p"));
          check(log.eventsStartingWith("pdk-probe setFrameData(limit+1) -> IllegalArgumentException").size() == 1,
              "an oversized payload throws IllegalArgumentException", c, log);
          check(log.eventsStartingWith("pdk-probe ping setFrameData(126) -> IllegalArgumentException").size() == 1,
              "a control payload over 125 bytes throws IllegalArgumentException", c, log);
        }),
        new Scenario("F3.1", "setStatus rewrites the close code", g -> {
          GatewayConnection c = open(g, chain(new RewritingPlugin(), new RewritingPlugin.Config("", 4000, "")), settings().build());
          c.client().sendClose(1000, "bye");
          c.upstream().expectClose(4000, "bye");
        }),
        new Scenario("F3.2", "setStatus on a frame other than close throws", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new PdkProbePlugin(log), new PdkProbePlugin.Config(100)), settings().maxPayload(100, 100).build());
          c.client().sendText("oversize");
          c.upstream().expectText("oversize");
          check(log.eventsStartingWith("pdk-probe setStatus on text -> PdkMisuseException").size() == 1,
              "setStatus on a text frame throws PdkMisuseException", c, log);
        }),
        new Scenario("F3.3", "setStatus with a code RFC 6455 forbids on the wire throws", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new PdkProbePlugin(log), new PdkProbePlugin.Config(100)), settings().build());
          c.client().sendClose(1000, "bye");
          c.upstream().expectClose(1000, "bye");
          check(log.eventsStartingWith("pdk-probe setStatus(1005) -> IllegalArgumentException").size() == 1, "1005 throws", c, log);
          check(log.eventsStartingWith("pdk-probe setStatus(999) -> IllegalArgumentException").size() == 1, "999 throws", c, log);
        }),
        new Scenario("F4.1", "dropFrame stops a message: not forwarded, later plugins do not run", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new DroppingPlugin(log), new DroppingPlugin.Config("drop-me", false),
              new RecordingPlugin.Last(log), NONE), settings().build());
          c.client().sendText("drop-me").sendText("keep");
          c.upstream().expectText("keep").expectNothing();
          c.upstream().sendText("drop-me");
          c.client().expectNothing();
          check(!log.events().contains("recording-last client TEXT drop-me") && log.events().contains("recording-last client TEXT keep"),
              "later plugins do not see a dropped message", c, log);
        }),
        new Scenario("F4.2", "dropping a ping is allowed", g -> {
          GatewayConnection c = open(g, chain(new DroppingPlugin(new EventLog()), new DroppingPlugin.Config("", true)), settings().build());
          c.client().sendPing(utf8("p")).sendText("after");
          c.upstream().expectText("after").expectNothing();
        }),
        new Scenario("F4.3", "dropping a close frame throws and the close frame is forwarded", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new DroppingPlugin(log), new DroppingPlugin.Config("", false)), settings().build());
          c.client().sendClose(1000, "bye");
          c.upstream().expectClose(1000, "bye");
          check(log.eventsStartingWith("dropping close -> PdkMisuseException").size() == 1, "dropFrame on close throws PdkMisuseException", c, log);
        }),
        new Scenario("F5.1", "close(status, reason, peerStatus, peerReason) closes both sides; the frame is not forwarded", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new ClosingPlugin(), new ClosingPlugin.Config("close-me", 4001, "bye", 4002, "peer-bye", false, false),
              new RecordingPlugin.Last(log), NONE), settings().build());
          c.client().sendText("close-me");
          c.client().expectClose(4001, "bye");
          c.upstream().expectClose(4002, "peer-bye");
          Checks.finishClose(c, 4001, 4002);
          c.client().expectDisconnected();
          c.upstream().expectDisconnected();
          awaitEvent(g, log, "recording-last close PLUGIN_CLOSE", c);
          check(!log.events().contains("recording-last client TEXT close-me"), "later plugins do not run", c, log);
        }),
        new Scenario("F5.2", "close() on a close frame reuses its code and reason for the sender; the peer's close has no code", g -> {
          GatewayConnection c = open(g, chain(new ClosingPlugin(), new ClosingPlugin.Config("", null, null, null, null, false, true)), settings().build());
          c.client().sendClose(1000, "done");
          c.client().expectClose(1000, "done");
          c.upstream().expectCloseWithoutStatus();
        }),
        new Scenario("F5.3", "close(status, reason) without a peer status sends the peer a close without code", g -> {
          GatewayConnection c = open(g, chain(new ClosingPlugin(), new ClosingPlugin.Config("close-me", 4001, "bye", null, null, false, false)),
              settings().build());
          c.upstream().sendText("close-me");
          c.upstream().expectClose(4001, "bye");
          c.client().expectCloseWithoutStatus();
        }),
        new Scenario("F6.1", "setMaxPayloadSize in the handshake sets the client's limit", g -> {
          GatewayConnection c = open(g, chain(new PayloadLimitPlugin(new EventLog()), new PayloadLimitPlugin.Config(10, 20)), settings().build());
          c.client().sendBinary(bytes(10));
          c.upstream().expectBinary(bytes(10));
          c.client().sendBinary(bytes(11));
          c.client().expectClose(1009);
          c.upstream().expectClose(1001);
        }),
        new Scenario("F6.2", "setMaxPayloadSize in the handshake sets the upstream's limit", g -> {
          GatewayConnection c = open(g, chain(new PayloadLimitPlugin(new EventLog()), new PayloadLimitPlugin.Config(10, 20)), settings().build());
          c.upstream().sendBinary(bytes(20));
          c.client().expectBinary(bytes(20));
          c.upstream().sendBinary(bytes(21));
          c.upstream().expectClose(1009);
          c.client().expectClose(1001);
        }),
        new Scenario("F6.3", "setMaxPayloadSize over 32 MiB or negative throws; 0 restores the default", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new PayloadLimitPlugin(log), new PayloadLimitPlugin.Config(0, 0)),
              settings().maxPayload(EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD, EngineSettings.DEFAULT_UPSTREAM_MAX_PAYLOAD).build());
          check(log.eventsStartingWith("payload-limit 32MiB+1 -> IllegalArgumentException").size() == 1, "over 32 MiB throws", c, log);
          check(log.eventsStartingWith("payload-limit -1 -> IllegalArgumentException").size() == 1, "a negative limit throws", c, log);
          c.client().sendBinary(bytes(EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD));
          c.upstream().expectFrame(FrameType.BINARY);
          c.client().sendBinary(bytes(EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD + 1));
          c.client().expectClose(1009);
        }),
        new Scenario("F7.1", "a plugin answers the sender with a frame of its own", g -> {
          GatewayConnection c = open(g, chain(new SendingPlugin(), NONE), settings().build());
          c.client().sendText("whoami");
          c.client().expectText("reply:whoami");
          c.upstream().expectNothing();
        }),
        new Scenario("F7.2", "a plugin sends a frame of its own to the other side, before the current message", g -> {
          GatewayConnection c = open(g, chain(new SendingPlugin(), NONE), settings().build());
          c.client().sendText("notify");
          c.upstream().expectText("notice").expectText("notify");
          c.client().sendText("ping-client");
          c.client().expectPing(utf8("plugin"));
          c.upstream().expectText("ping-client");
        }),
        new Scenario("F7.3", "forwardAndClose forwards the current message and then closes both sides", g -> {
          GatewayConnection c = open(g, chain(new ClosingPlugin(), new ClosingPlugin.Config("last", 1000, "done", 1000, "done", true, false)),
              settings().build());
          c.client().sendText("last");
          c.upstream().expectText("last").expectClose(1000, "done");
          c.client().expectClose(1000, "done");
        }));
  }
}
