package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.CloseCause;
import dev.framegate.api.PdkMisuseException;
import dev.framegate.engine.Plugins.Alpha;
import dev.framegate.engine.Plugins.Beta;
import dev.framegate.engine.Plugins.Gamma;
import dev.framegate.engine.Plugins.Zeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandshakeRulesTest {

  @Test
  @DisplayName("P1 P2 phases run in priority order, ties by name, handshake once and close once")
  void phasesAndOrder() {
    List<String> trace = Plugins.trace();
    Rig rig = Rig.of(new Gamma(trace), new Alpha(trace), new Beta(trace), new Zeta(trace)).open();
    rig.text(Side.CLIENT, "hi");
    rig.text(Side.UPSTREAM, "yo");
    rig.close(Side.CLIENT, 1000, "bye");
    rig.close(Side.UPSTREAM, 1000, "bye");

    assertThat(trace)
        .containsExactly(
            "zeta:handshake", "alpha:handshake", "beta:handshake", "gamma:handshake",
            "zeta:client", "alpha:client", "beta:client", "gamma:client",
            "zeta:upstream", "alpha:upstream", "beta:upstream", "gamma:upstream",
            "zeta:client", "alpha:client", "beta:client", "gamma:client",
            "zeta:upstream", "alpha:upstream", "beta:upstream", "gamma:upstream",
            "zeta:close", "alpha:close", "beta:close", "gamma:close");
    assertThat(rig.connection.isFinished()).isTrue();
  }

  @Test
  @DisplayName("P6 reject with status, headers and body: upstream never contacted, later plugins skipped, close phase runs")
  void rejectNeverContactsUpstream() {
    List<String> trace = Plugins.trace();
    AtomicReference<CloseCause> seen = new AtomicReference<>();
    Alpha alpha = new Alpha(trace);
    alpha.onHandshake(
        ws -> {
          ws.response().addHeader("X-Trace", "t1");
          ws.response().reject(401, "no token", Map.of("WWW-Authenticate", "Bearer"));
        });
    Beta beta = new Beta(trace);
    beta.onClosed(ws -> seen.set(ws.closeInfo().cause()));
    Rig rig = Rig.of(alpha, beta).start();

    Rig.Rejected rejected = rig.transport.rejected();
    assertThat(rejected.status()).isEqualTo(401);
    assertThat(rejected.body()).isEqualTo("no token");
    assertThat(rejected.headers())
        .containsEntry("www-authenticate", List.of("Bearer"))
        .containsEntry("x-trace", List.of("t1"));
    assertThat(rig.transport.connectRequested()).isNull();
    assertThat(trace).containsExactly("alpha:handshake", "alpha:close", "beta:close");
    assertThat(seen.get()).isEqualTo(CloseCause.REJECTED);
    assertThat(rig.closeInfo().clientStatus()).isEmpty();
    assertThat(rig.connection.isFinished()).isTrue();
  }

  @Test
  @DisplayName("P6 reject refuses a status outside 400-599 and WebSocket headers")
  void rejectValidation() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(
        ws -> {
          try {
            ws.response().reject(302, "go");
          } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
          }
          try {
            ws.response().addHeader("Sec-WebSocket-Accept", "x");
          } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
          }
          try {
            ws.upstreamRequest().setHeader("Connection", "close");
          } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
          }
        });
    Rig rig = Rig.of(alpha).start();
    assertThat(errors)
        .containsExactly(
            "a rejection status must be an HTTP error status from 400 to 599, got 302",
            "'Sec-WebSocket-Accept' is a WebSocket handshake header, negotiated by the runtime: it cannot be set",
            "'Connection' is a hop-by-hop header, managed by each connection: it cannot be set");
    assertThat(rig.transport.connectRequested()).isNotNull();
  }

  @Test
  @DisplayName("P6 addHeader reaches the 101 reply; upstreamRequest setHeader/removeHeader change the upstream request")
  void headersOnAcceptAndUpstream() {
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(
        ws -> {
          ws.response().addHeader("X-Gateway", "framegate");
          ws.upstreamRequest().setHeader("X-User", "ann");
          ws.upstreamRequest().removeHeader("Cookie");
        });
    Rig rig = Rig.of(alpha);
    rig.connection.start(Rig.request(Map.of("Cookie", List.of("s=1"), "X-Other", List.of("o"))));
    Rig.ConnectRequested connect = rig.transport.connectRequested();
    assertThat(connect.headers())
        .containsEntry("x-user", List.of("ann"))
        .containsEntry("x-other", List.of("o"))
        .doesNotContainKey("cookie");
    rig.connection.upstreamConnected(null);
    assertThat(rig.transport.accepted().headers()).containsEntry("x-gateway", List.of("framegate"));
  }

  @Test
  @DisplayName("H3 hop-by-hop and WebSocket headers are not forwarded; X-Forwarded-For/-Proto/-Host/-Port are added")
  void forwardedHeaders() {
    Rig rig = Rig.of();
    rig.connection.start(
        Rig.request(
            Map.of(
                "Keep-Alive", List.of("timeout=5"),
                "TE", List.of("trailers"),
                "Sec-WebSocket-Extensions", List.of("permessage-deflate"),
                "Sec-WebSocket-Protocol", List.of("chat, json"),
                "X-Forwarded-For", List.of("192.0.2.1"),
                "Authorization", List.of("Bearer t"))),
        new ListenerInfo(true, "gw.local", 8443));
    Rig.ConnectRequested connect = rig.transport.connectRequested();
    assertThat(connect.headers().keySet())
        .doesNotContain(
            "connection", "upgrade", "keep-alive", "te", "host", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol");
    assertThat(connect.headers())
        .containsEntry("authorization", List.of("Bearer t"))
        .containsEntry("x-forwarded-for", List.of("192.0.2.1, 10.1.2.3"))
        .containsEntry("x-forwarded-proto", List.of("https"))
        .containsEntry("x-forwarded-host", List.of("gw.example"))
        .containsEntry("x-forwarded-port", List.of("8443"));
    assertThat(connect.subprotocols()).containsExactly("chat", "json");
  }

  @Test
  @DisplayName("H3 P5 the upstream's subprotocol reaches the client and plugins once connected")
  void subprotocol() {
    AtomicReference<Optional<String>> inHandshake = new AtomicReference<>();
    AtomicReference<Optional<String>> inFrame = new AtomicReference<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> inHandshake.set(ws.request().selectedSubprotocol()));
    alpha.onClient(ws -> inFrame.set(ws.request().selectedSubprotocol()));
    Rig rig = Rig.of(alpha);
    rig.connection.start(Rig.request(Map.of("Sec-WebSocket-Protocol", List.of("chat, json"))));
    rig.connection.upstreamConnected("json");
    assertThat(rig.transport.accepted().subprotocol()).isEqualTo("json");
    rig.text(Side.CLIENT, "x");
    assertThat(inHandshake.get()).isEmpty();
    assertThat(inFrame.get()).contains("json");
  }

  @Test
  @DisplayName("H3 a subprotocol the client did not offer fails the upstream with 502")
  void unofferedSubprotocol() {
    Rig rig = Rig.of().start();
    rig.connection.upstreamConnected("evil");
    assertThat(rig.transport.rejected().status()).isEqualTo(502);
    assertThat(rig.transport.disconnected(Side.UPSTREAM)).isTrue();
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.UPSTREAM_FAILED);
  }

  @Test
  @DisplayName("P5 request, plugin state and shared state are readable in every phase")
  void stateAcrossPhases() {
    List<String> seen = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    Beta beta = new Beta(Plugins.trace());
    alpha.onHandshake(
        ws -> {
          ws.pluginState().put("k", "alpha-private");
          ws.sharedState().put("user", ws.request().queryParameter("user").orElseThrow());
        });
    beta.onHandshake(ws -> seen.add("beta sees alpha state: " + ws.pluginState().get("k")));
    alpha.onClient(ws -> seen.add("client " + ws.pluginState().get("k") + " " + ws.sharedState().get("user")));
    beta.onClosed(
        ws -> seen.add("close " + ws.sharedState().get("user") + " " + ws.request().path()
            + " " + ws.request().queryParameter("x").orElseThrow()));
    Rig rig = Rig.of(alpha, beta).open();
    rig.text(Side.CLIENT, "m");
    rig.connection.shutdown();
    rig.close(Side.CLIENT, 1001, "");
    rig.close(Side.UPSTREAM, 1001, "");
    assertThat(seen)
        .containsExactly(
            "beta sees alpha state: null", "client alpha-private ann", "close ann /chat/room-1  y");
  }

  @Test
  @DisplayName("C3 a handshake-phase throw rejects with 500 and the upstream is not contacted")
  void handshakeThrow() {
    List<String> trace = Plugins.trace();
    Alpha alpha = new Alpha(trace);
    alpha.onHandshake(ws -> {
      throw new IllegalStateException("boom");
    });
    Rig rig = Rig.of(alpha, new Beta(trace)).start();
    assertThat(rig.transport.rejected().status()).isEqualTo(500);
    assertThat(rig.transport.connectRequested()).isNull();
    assertThat(trace).containsExactly("alpha:handshake", "alpha:close", "beta:close");
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.PLUGIN_ERROR);
    assertThat(rig.observer.errors).containsExactly("alpha HANDSHAKE boom");
  }

  @Test
  @DisplayName("H2 an upstream failure status reaches the client; the close phase runs")
  void upstreamFailed() {
    List<String> trace = Plugins.trace();
    Rig rig = Rig.of(new Alpha(trace)).start();
    rig.connection.upstreamFailed(403, "upstream answered 403");
    assertThat(rig.transport.rejected().status()).isEqualTo(403);
    assertThat(rig.transport.rejected().body()).isEqualTo("upstream answered 403");
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.UPSTREAM_FAILED);
    assertThat(trace).containsExactly("alpha:handshake", "alpha:close");
  }

  @Test
  @DisplayName("C5 connect timeout rejects with 504 and disconnects the upstream; a late accept is disconnected")
  void connectTimeout() {
    Rig rig = Rig.of().start();
    rig.scheduler.advance(Duration.ofSeconds(4));
    assertThat(rig.transport.rejected()).isNull();
    rig.scheduler.advance(Duration.ofSeconds(1));
    assertThat(rig.transport.rejected().status()).isEqualTo(504);
    assertThat(rig.transport.disconnected(Side.UPSTREAM)).isTrue();
    rig.transport.events.clear();
    rig.connection.upstreamConnected(null);
    assertThat(rig.transport.accepted()).isNull();
    assertThat(rig.transport.disconnected(Side.UPSTREAM)).isTrue();
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.UPSTREAM_FAILED);
  }

  @Test
  @DisplayName("F6 setMaxPayloadSize is only allowed in onHandshake and refuses more than 32 MiB")
  void maxPayloadPhase() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(
        ws -> {
          try {
            ws.client().setMaxPayloadSize((32 << 20) + 1);
          } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
          }
        });
    alpha.onClient(ws -> ws.client().setMaxPayloadSize(10));
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "x");
    assertThat(errors)
        .containsExactly(
            "the payload limit must be between 0 (the default) and 33554432 bytes (32 MiB), got 33554433");
    assertThat(rig.observer.errors)
        .containsExactly(
            "alpha CLIENT_FRAME ws.client().setMaxPayloadSize() is only allowed in onHandshake:"
                + " message limits are fixed before the first frame");
  }

  @Test
  @DisplayName("P4 response(), upstreamRequest() and closeInfo() name the phase they are allowed in")
  void contextPhaseChecks() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> capture(errors, () -> ws.closeInfo()));
    alpha.onClient(
        ws -> {
          capture(errors, () -> ws.response());
          capture(errors, () -> ws.upstreamRequest());
        });
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "x");
    assertThat(errors)
        .containsExactly(
            "ws.closeInfo() is only allowed in onClose: in onHandshake the connection has not ended yet",
            "ws.response() is only allowed in onHandshake: in onClientFrame the client's handshake is"
                + " over (use ws.client().close(...) to end the connection)",
            "ws.upstreamRequest() is only allowed in onHandshake: in onClientFrame the upstream"
                + " handshake has already been sent");
  }

  @Test
  @DisplayName("P4 a context kept beyond its call refuses to work")
  void staleContext() {
    AtomicReference<dev.framegate.api.WsContext> kept = new AtomicReference<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(kept::set);
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "x");
    assertThatThrownBy(() -> kept.get().client().getFrame())
        .isInstanceOf(PdkMisuseException.class)
        .hasMessageStartingWith("ws.client().getFrame() was called on the context of a plugin call that has returned");
  }

  @Test
  @DisplayName("C6 shutdown before the upstream answered refuses the client with 503")
  void shutdownWhileConnecting() {
    Rig rig = Rig.of().start();
    rig.connection.shutdown();
    assertThat(rig.transport.rejected().status()).isEqualTo(503);
    assertThat(rig.transport.disconnected(Side.UPSTREAM)).isTrue();
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.SHUTDOWN);
  }

  @Test
  @DisplayName("C2 the client going away while the upstream connects ends the connection")
  void clientGoneWhileConnecting() {
    Rig rig = Rig.of().start();
    rig.connection.gone(Side.CLIENT);
    assertThat(rig.transport.disconnected(Side.UPSTREAM)).isTrue();
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.CLIENT_GONE);
  }

  interface Action {
    Object run();
  }

  static void capture(List<String> errors, Action action) {
    try {
      action.run();
      errors.add("no exception");
    } catch (PdkMisuseException e) {
      errors.add(e.getMessage());
    }
  }
}
