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
import dev.framegate.engine.PluginChain;
import dev.framegate.harness.WireFrame;
import java.util.List;

/** Scenarios of the SPEC rules A1–A4: aggregation and limits. */
final class LimitScenarios {

  private static final NoConfig NONE = NoConfig.INSTANCE;

  private LimitScenarios() {}

  static List<Scenario> all() {
    return List.of(
        new Scenario("A1.1", "fragmented messages are reassembled before plugins and forwarded as one", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          c.client().sendFragments(FrameType.TEXT, "he", "l", "lo");
          c.upstream().expectText("hello").expectNothing();
          c.upstream().sendFragments(FrameType.BINARY, new byte[] {1}, new byte[] {2, 3});
          c.client().expectBinary(new byte[] {1, 2, 3}).expectNothing();
          check(log.eventsStartingWith("recording client").equals(List.of("recording client TEXT hello")),
              "plugins see one whole text message", c, log);
          check(log.eventsStartingWith("recording upstream").equals(List.of("recording upstream BINARY 3 bytes")),
              "plugins see one whole binary message", c, log);
        }),
        new Scenario("A1.2", "control frames between fragments are forwarded at once", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().build());
          c.client().sendRaw(false, 0, FrameType.TEXT.opcode(), utf8("he"));
          c.client().sendPing(utf8("p"));
          c.upstream().expectPing(utf8("p"));
          c.client().sendRaw(true, 0, 0, utf8("llo"));
          c.upstream().expectText("hello");
        }),
        new Scenario("A2.1", "the default client limit is 1 MiB", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().build());
          c.client().sendBinary(bytes(EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD));
          check(c.upstream().expectFrame(FrameType.BINARY).length() == EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD, "1 MiB passes", c);
          c.client().sendBinary(bytes(EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD + 1));
          c.client().expectClose(1009);
        }),
        new Scenario("A2.2", "the default upstream limit is 16 MiB", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().build());
          c.upstream().sendBinary(bytes(EngineSettings.DEFAULT_UPSTREAM_MAX_PAYLOAD));
          check(c.client().expectFrame(FrameType.BINARY).length() == EngineSettings.DEFAULT_UPSTREAM_MAX_PAYLOAD, "16 MiB passes", c);
          c.upstream().sendBinary(bytes(EngineSettings.DEFAULT_UPSTREAM_MAX_PAYLOAD + 1));
          c.upstream().expectClose(1009);
        }),
        new Scenario("A2.3", "the limit counts the whole message as fragments accumulate", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().maxPayload(10, 10).build());
          c.client().sendFragments(FrameType.TEXT, "12345", "67890");
          c.upstream().expectText("1234567890");
          c.client().sendFragments(FrameType.TEXT, "12345", "678901");
          c.client().expectClose(1009);
        }),
        new Scenario("A2.4", "the limit does not apply to control frames", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().maxPayload(10, 10).build());
          c.client().sendPing(bytes(100));
          c.upstream().expectPing(bytes(100));
          c.upstream().sendPong(bytes(100));
          c.client().expectPong(bytes(100));
        }),
        new Scenario("A3.1", "over the limit: sender gets 1009 Payload Too Large, the other side 1001, plugins do not see it", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().maxPayload(10, 10).build());
          c.client().sendText("12345678901");
          c.client().expectClose(1009, "Payload Too Large");
          c.upstream().expectClose(1001);
          c.upstream().expectNothing();
          Checks.finishClose(c, 1009, 1001);
          awaitEvent(g, log, "recording close LIMIT_EXCEEDED", c);
          check(log.eventsStartingWith("recording client").isEmpty(), "plugins do not see the oversized message", c, log);
        }),
        new Scenario("A3.2", "over the upstream limit: the upstream gets 1009, the client 1001", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().maxPayload(10, 10).build());
          c.upstream().sendFragments(FrameType.BINARY, bytes(6), bytes(6));
          c.upstream().expectClose(1009, "Payload Too Large");
          c.client().expectClose(1001);
        }),
        new Scenario("A3.3", "a single frame over the 32 MiB ceiling of every limit: the sender gets 1009, the other side 1001", g -> {
          int ceiling = EngineSettings.MAX_PAYLOAD_CEILING;
          GatewayConnection c = open(g, PluginChain.empty(), settings().maxPayload(ceiling, ceiling).build());
          c.client().sendBinary(bytes(ceiling + (1 << 20)));
          c.client().expectClose(1009, "Payload Too Large");
          c.upstream().expectClose(1001);
        }),
        new Scenario("A3.4", "a frame header announcing more than the limit: 1009 to the sender before any payload, 1001 to the"
            + " other side; the sender's close answer completes the handshake", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().maxPayload(1024, 1024).build());
          c.client().sendFrameHeader(true, 0, FrameType.BINARY.opcode(), Long.MAX_VALUE);
          c.client().expectClose(1009, "Payload Too Large");
          c.upstream().expectClose(1001);
          c.client().sendClose(1009);
          c.client().expectDisconnected();
          c.upstream().sendClose(1001);
          awaitEvent(g, log, "recording close LIMIT_EXCEEDED", c);
          check(log.eventsStartingWith("recording client").isEmpty(), "plugins do not see the refused frame", c, log);
        }),
        new Scenario("A3.5", "a continuation header that takes the message over the sender's limit: 1009 before its payload", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().maxPayload(1024, 10).build());
          c.upstream().sendRaw(false, 0, FrameType.BINARY.opcode(), bytes(6));
          c.upstream().sendFrameHeader(true, 0, 0, 5);
          c.upstream().expectClose(1009, "Payload Too Large");
          c.client().expectClose(1001);
          Checks.finishClose(c, 1001, 1009);
          c.upstream().expectDisconnected();
        }),
        new Scenario("A4.1", "a message over the fragment limit closes the sender with a clear code", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().maxFragments(3).build());
          c.client().sendFragments(FrameType.TEXT, "a", "b", "c");
          c.upstream().expectText("abc");
          c.client().sendFragments(FrameType.TEXT, "a", "b", "c", "d");
          WireFrame close = c.client().expectFrame(FrameType.CLOSE);
          check(close.closeCode().orElse(0) == 1008 || close.closeCode().orElse(0) == 1009,
              "expected close 1008 or 1009 for too many fragments, got " + close.describe(), c);
          c.upstream().expectClose(1001);
        }),
        new Scenario("A4.2", "messages over the rate limit close the sender with a clear code", g -> {
          GatewayConnection c = open(g, PluginChain.empty(), settings().rate(3).build());
          c.client().sendText("1").sendText("2").sendText("3");
          c.upstream().expectText("1").expectText("2").expectText("3");
          c.client().sendText("4");
          WireFrame close = c.client().expectFrame(FrameType.CLOSE);
          check(close.closeCode().orElse(0) == 1008, "expected close 1008 (policy violation) over the rate limit, got " + close.describe(), c);
          c.upstream().expectClose(1001);
        }));
  }
}
