package dev.framegate.harness.conformance;

import static dev.framegate.harness.conformance.Checks.awaitEvent;
import static dev.framegate.harness.conformance.Checks.awaitEvents;
import static dev.framegate.harness.conformance.Checks.chain;
import static dev.framegate.harness.conformance.Checks.check;
import static dev.framegate.harness.conformance.Checks.open;
import static dev.framegate.harness.conformance.Checks.settings;

import dev.framegate.api.NoConfig;
import dev.framegate.harness.HandshakeResult;
import dev.framegate.harness.HandshakeSpec;
import java.util.List;

/** Scenarios of the contract rules P1–P6: phases, order, state, handshake rejection. */
final class PluginScenarios {

  private static final NoConfig NONE = NoConfig.INSTANCE;

  private PluginScenarios() {}

  static List<Scenario> all() {
    return List.of(
        new Scenario("P1.1", "a plugin acts in the handshake, client-frame, upstream-frame and close phases", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          c.client().sendText("hi");
          c.upstream().expectText("hi");
          c.upstream().sendText("yo");
          c.client().expectText("yo");
          c.client().sendClose(1000, "bye");
          c.upstream().expectClose(1000, "bye");
          c.upstream().sendClose(1000, "bye");
          c.client().expectClose(1000);
          awaitEvent(g, log, "recording close CLIENT_CLOSE", c);
          List<String> events = log.events();
          check(events.get(0).equals("recording handshake " + Checks.PATH), "the handshake phase runs first", c, log);
          check(events.indexOf("recording client TEXT hi") > 0 && events.indexOf("recording upstream TEXT yo") > events.indexOf("recording client TEXT hi"),
              "the client-frame and upstream-frame phases run for each message", c, log);
          check(events.get(events.size() - 1).equals("recording close CLIENT_CLOSE")
              && log.eventsStartingWith("recording close").size() == 1, "the close phase runs once, last", c, log);
        }),
        new Scenario("P1.2", "the close phase runs once when the upstream vanishes", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          c.upstream().vanish();
          c.client().expectClose(1001);
          c.client().sendClose(1001);
          awaitEvent(g, log, "recording close UPSTREAM_GONE", c);
          check(log.eventsStartingWith("recording close").size() == 1, "the close phase runs once", c, log);
        }),
        new Scenario("P1.3", "the close phase runs when the upstream cannot be connected", g -> {
          EventLog log = new EventLog();
          g.configure(chain(new RecordingPlugin(log), NONE), settings().build());
          GatewayConnection c = g.connect(HandshakeSpec.path(Checks.PATH), UpstreamAnswer.unreachable());
          check(c.handshake().status() == 502, "expected 502", c);
          awaitEvent(g, log, "recording close UPSTREAM_FAILED", c);
        }),
        new Scenario("P2.1", "plugins run in descending priority, equal priorities by name, in every phase", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin.Beta(log), NONE, new RecordingPlugin.High(log), NONE,
              new RecordingPlugin.Alpha(log), NONE), settings().build());
          c.client().sendText("a");
          c.upstream().expectText("a");
          c.upstream().sendText("b");
          c.client().expectText("b");
          c.upstream().vanish();
          c.client().expectClose(1001);
          c.client().sendClose(1001);
          awaitEvents(g, log, events -> events.stream().filter(e -> e.contains(" close ")).count() == 3, "three close events", c);
          for (String phase : List.of("handshake", "client", "upstream", "close")) {
            List<String> order = log.events().stream().filter(e -> e.split(" ")[1].equals(phase)).map(e -> e.split(" ")[0]).toList();
            check(order.equals(List.of("recording-high", "recording-alpha", "recording-beta")),
                "expected the " + phase + " phase in the order recording-high, recording-alpha, recording-beta but got " + order, c, log);
          }
        }),
        new Scenario("P2.2", "a connection keeps the chain it started with when the configuration changes", g -> {
          EventLog log = new EventLog();
          GatewayConnection first = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          GatewayConnection second = open(g, chain(new RecordingPlugin.High(log), NONE), settings().build());
          first.client().sendText("one");
          first.upstream().expectText("one");
          second.client().sendText("two");
          second.upstream().expectText("two");
          check(log.events().contains("recording client TEXT one") && !log.events().contains("recording-high client TEXT one"),
              "the first connection keeps the first chain", first, log);
          check(log.events().contains("recording-high client TEXT two") && !log.events().contains("recording client TEXT two"),
              "the second connection uses the new chain", second, log);
        }),
        new Scenario("P3.1", "per direction, messages are handled one at a time in arrival order", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new RecordingPlugin(log), NONE), settings().build());
          for (int i = 0; i < 20; i++) {
            c.client().sendText("c" + i);
            c.upstream().sendText("u" + i);
          }
          for (int i = 0; i < 20; i++) {
            c.upstream().expectText("c" + i);
            c.client().expectText("u" + i);
          }
          List<String> clientPhase = log.eventsStartingWith("recording client ");
          for (int i = 0; i < 20; i++) {
            check(clientPhase.get(i).equals("recording client TEXT c" + i), "client messages reach plugins in order", c, log);
          }
        }),
        new Scenario("P4.1", "an operation in the wrong phase throws an exception naming the phase it is allowed in", g -> {
          EventLog log = new EventLog();
          GatewayConnection c = open(g, chain(new PhaseMisusingPlugin(log), NONE), settings().build());
          c.client().sendText("x");
          c.upstream().expectText("x");
          c.upstream().sendText("y");
          c.client().expectText("y");
          c.upstream().vanish();
          c.client().expectClose(1001);
          c.client().sendClose(1001);
          awaitEvents(g, log, events -> events.size() == 5, "five misuse outcomes", c);
          expectMisuse(c, log, "phase-misusing handshake client.getFrame -> ", "clientframe");
          expectMisuse(c, log, "phase-misusing client upstream.getFrame -> ", "upstreamframe");
          expectMisuse(c, log, "phase-misusing client client.setMaxPayloadSize -> ", "handshake");
          expectMisuse(c, log, "phase-misusing upstream client.dropFrame -> ", "clientframe");
          expectMisuse(c, log, "phase-misusing close client.getFrame -> ", "clientframe");
        }),
        new Scenario("P5.1", "plugin state, shared state and the handshake request are readable in every phase", g -> {
          EventLog log = new EventLog();
          g.configure(chain(new StateUsingPlugin(log), NONE, new StateUsingPlugin.Reader(log), NONE), settings().build());
          GatewayConnection c = open(g, HandshakeSpec.path("/state").query("a=1").header("Authorization", "Bearer x").subprotocols("v1"),
              UpstreamAnswer.accept("v1"));
          c.client().sendText("m1");
          c.upstream().expectText("m1");
          c.client().sendText("m2");
          c.upstream().expectText("m2");
          c.upstream().sendText("u1");
          c.client().expectText("u1");
          c.upstream().vanish();
          c.client().expectClose(1001);
          c.client().sendClose(1001);
          String request = " path=/state q=1 auth=Bearer x";
          awaitEvent(g, log, "state-using close count=3" + request + " sub=v1", c);
          List<String> expected = List.of(
              "state-using handshake count=0" + request + " sub=-",
              "state-using client count=1" + request + " sub=v1",
              "state-reading client note=from-1 own-count=null",
              "state-using client count=2" + request + " sub=v1",
              "state-reading client note=from-1 own-count=null",
              "state-using upstream count=3" + request + " sub=v1",
              "state-using close count=3" + request + " sub=v1");
          check(log.events().equals(expected), "expected the events " + expected, c, log);
        }),
        new Scenario("P5.2", "plugin state is per connection", g -> {
          EventLog log = new EventLog();
          GatewayConnection first = open(g, chain(new StateUsingPlugin(log), NONE), settings().build());
          GatewayConnection second = Checks.open(g, HandshakeSpec.path("/second"), UpstreamAnswer.accept());
          first.client().sendText("a");
          first.client().sendText("b");
          second.client().sendText("c");
          second.upstream().expectText("c");
          check(log.events().contains("state-using client count=1 path=/second q=- auth=- sub=-"),
              "the second connection counts from zero", second, log);
        }),
        new Scenario("P6.1", "a handshake plugin rejects with status, headers and body; the upstream is never contacted", g -> {
          EventLog log = new EventLog();
          g.configure(chain(new RejectingPlugin(), new RejectingPlugin.Config("authorization", 401, "missing token"),
              new RecordingPlugin.Last(log), NONE), settings().build());
          GatewayConnection c = g.connect(HandshakeSpec.path(Checks.PATH), UpstreamAnswer.accept());
          HandshakeResult result = c.handshake();
          check(result.status() == 401, "expected 401, got " + result.status(), c);
          check(result.body().contains("missing token"), "expected the body 'missing token', got '" + result.body() + "'", c);
          check(result.header("www-authenticate").orElse("").equals("Bearer"), "expected WWW-Authenticate: Bearer, got " + result.headers(), c);
          check(c.upstreamRequest().isEmpty(), "the upstream must not be contacted", c);
          check(!log.events().contains("recording-last handshake " + Checks.PATH), "later handshake phases do not run", c, log);
        }),
        new Scenario("P6.2", "a handshake plugin adds a header to the 101", g -> {
          g.configure(chain(new RejectingPlugin(), new RejectingPlugin.Config("authorization", 401, "missing token")), settings().build());
          GatewayConnection c = open(g, HandshakeSpec.path(Checks.PATH).header("Authorization", "Bearer x"), UpstreamAnswer.accept());
          check(c.handshake().header("x-framegate-checked").orElse("").equals("yes"),
              "expected X-Framegate-Checked: yes on the 101, got " + c.handshake().headers(), c);
        }));
  }

  private static void expectMisuse(GatewayConnection c, EventLog log, String prefix, String phaseLetters) {
    List<String> matching = log.eventsStartingWith(prefix);
    check(matching.size() == 1, "expected one event starting with '" + prefix + "'", c, log);
    String outcome = matching.get(0).substring(prefix.length());
    check(outcome.startsWith("PdkMisuseException"), "expected a PdkMisuseException, got " + outcome, c, log);
    check(Checks.namesPhase(outcome, phaseLetters), "expected the message to name the phase '" + phaseLetters + "': " + outcome, c, log);
  }
}
