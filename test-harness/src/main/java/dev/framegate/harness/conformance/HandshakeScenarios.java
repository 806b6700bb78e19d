package dev.framegate.harness.conformance;

import static dev.framegate.harness.conformance.Checks.PAST_SHORT;
import static dev.framegate.harness.conformance.Checks.check;
import static dev.framegate.harness.conformance.Checks.open;
import static dev.framegate.harness.conformance.Checks.settings;

import dev.framegate.engine.PluginChain;
import dev.framegate.harness.HandshakeResult;
import dev.framegate.harness.HandshakeSpec;
import dev.framegate.harness.UpstreamHandshake;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Scenarios of the contract rules H1–H3: the handshake and the upstream connection. */
final class HandshakeScenarios {

  private HandshakeScenarios() {}

  static List<Scenario> all() {
    return List.of(
        malformed("H1.1", "an upgrade without Sec-WebSocket-Key gets 400 saying why", s -> s.withoutHeader("Sec-WebSocket-Key"), "sec-websocket-key"),
        malformed("H1.2", "an upgrade that is not GET gets 400 saying why", s -> s.method("POST"), "get"),
        malformed("H1.3", "an upgrade with a duplicated Sec-WebSocket-Key gets 400 saying why",
            s -> s.header("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAA=="), "sec-websocket-key"),
        new Scenario("H1.4", "an upgrade with version 8 gets 426 Upgrade Required with Sec-WebSocket-Version: 13, saying why", g -> {
          g.configure(PluginChain.empty(), settings().build());
          GatewayConnection c = g.connect(
              HandshakeSpec.path(Checks.PATH).withoutHeader("Sec-WebSocket-Version").header("Sec-WebSocket-Version", "8"),
              UpstreamAnswer.accept());
          HandshakeResult result = c.handshake();
          check(result.status() == 426, "expected 426 (RFC 6455 4.2.2), got " + result.status(), c);
          check(result.header("sec-websocket-version").orElse("").equals("13"),
              "expected Sec-WebSocket-Version: 13 on the 426, got " + result.headers(), c);
          check(result.body().toLowerCase(Locale.ROOT).contains("version"),
              "expected the body to mention 'version', got '" + result.body() + "'", c);
          check(c.upstreamRequest().isEmpty(), "the upstream must not be contacted", c);
        }),
        malformed("H1.5", "an upgrade without the Upgrade token gets 400 saying why", s -> s.withoutHeader("Upgrade"), "upgrade"),
        malformed("H1.6", "an upgrade without the Connection: Upgrade token gets 400 saying why",
            s -> s.withoutHeader("Connection"), "connection"),
        new Scenario("H2.1", "an unreachable upstream gives the client 502", g -> {
          g.configure(PluginChain.empty(), settings().build());
          GatewayConnection c = g.connect(HandshakeSpec.path(Checks.PATH), UpstreamAnswer.unreachable());
          check(c.handshake().status() == 502, "expected 502, got " + c.handshake().status(), c);
        }),
        new Scenario("H2.2", "an upstream that does not answer in the connect timeout gives the client 504", g -> {
          g.configure(PluginChain.empty(), settings().connectTimeout(Checks.SHORT).build());
          GatewayConnection c = g.connect(HandshakeSpec.path(Checks.PATH), UpstreamAnswer.silent());
          g.passTime(PAST_SHORT);
          check(c.handshake().status() == 504, "expected 504, got " + c.handshake().status(), c);
        }),
        new Scenario("H2.3", "an upstream's non-101 status reaches the client", g -> {
          g.configure(PluginChain.empty(), settings().build());
          GatewayConnection c = g.connect(HandshakeSpec.path(Checks.PATH), UpstreamAnswer.reject(403));
          check(c.handshake().status() == 403, "expected 403, got " + c.handshake().status(), c);
        }),
        new Scenario("H3.1", "client headers are forwarded except hop-by-hop and handshake ones, plus X-Forwarded-*", g -> {
          g.configure(PluginChain.empty(), settings().build());
          GatewayConnection c = open(g, HandshakeSpec.path(Checks.PATH).header("Authorization", "Bearer x").header("X-Custom", "1")
              .header("Keep-Alive", "timeout=5").header("TE", "trailers"), UpstreamAnswer.accept());
          UpstreamHandshake up = c.upstreamRequest().orElseThrow(() -> new AssertionError("upstream not contacted\n" + c.transcript()));
          check(up.header("authorization").orElse("").equals("Bearer x"), "Authorization is forwarded: " + up.headers(), c);
          check(up.header("x-custom").orElse("").equals("1"), "X-Custom is forwarded: " + up.headers(), c);
          check(up.header("keep-alive").isEmpty() && up.header("te").isEmpty(), "hop-by-hop headers are not forwarded: " + up.headers(), c);
          check(!up.headerValues("sec-websocket-key").contains(HandshakeSpec.CLIENT_KEY), "the client's key is not forwarded: " + up.headers(), c);
          check(up.header("x-forwarded-for").orElse("").contains("127.0.0.1"), "X-Forwarded-For names the client: " + up.headers(), c);
          for (String name : List.of("x-forwarded-proto", "x-forwarded-host", "x-forwarded-port")) {
            check(up.header(name).isPresent(), name + " is sent upstream: " + up.headers(), c);
          }
        }),
        new Scenario("H3.2", "the upstream's subprotocol choice reaches the client", g -> {
          g.configure(PluginChain.empty(), settings().build());
          GatewayConnection c = open(g, HandshakeSpec.path(Checks.PATH).subprotocols("v1", "v2"), UpstreamAnswer.accept("v2"));
          UpstreamHandshake up = c.upstreamRequest().orElseThrow(() -> new AssertionError("upstream not contacted\n" + c.transcript()));
          check(up.subprotocols().equals(List.of("v1", "v2")), "the client's offer goes upstream, got " + up.subprotocols(), c);
          check(c.handshake().subprotocol().orElse("").equals("v2"), "expected subprotocol v2 on the 101, got " + c.handshake(), c);
        }),
        new Scenario("H3.3", "extensions are not negotiated through the proxy", g -> {
          g.configure(PluginChain.empty(), settings().build());
          GatewayConnection c = open(g, HandshakeSpec.path(Checks.PATH).header("Sec-WebSocket-Extensions", "permessage-deflate"),
              UpstreamAnswer.accept());
          UpstreamHandshake up = c.upstreamRequest().orElseThrow(() -> new AssertionError("upstream not contacted\n" + c.transcript()));
          check(up.headerValues("sec-websocket-extensions").stream().noneMatch(v -> v.contains("permessage-deflate")),
              "permessage-deflate is not offered upstream: " + up.headers(), c);
          check(c.handshake().header("sec-websocket-extensions").orElse("").isEmpty(), "no extension on the 101: " + c.handshake(), c);
        }));
  }

  private static Scenario malformed(String id, String title, UnaryOperator<HandshakeSpec> spoil, String bodyMentions) {
    return new Scenario(id, title, g -> {
      g.configure(PluginChain.empty(), settings().build());
      GatewayConnection c = g.connect(spoil.apply(HandshakeSpec.path(Checks.PATH)), UpstreamAnswer.accept());
      HandshakeResult result = c.handshake();
      check(result.status() == 400, "expected 400, got " + result.status(), c);
      check(result.body().toLowerCase(Locale.ROOT).contains(bodyMentions),
          "expected the body to mention '" + bodyMentions + "', got '" + result.body() + "'", c);
      check(c.upstreamRequest().isEmpty(), "the upstream must not be contacted", c);
    });
  }
}
