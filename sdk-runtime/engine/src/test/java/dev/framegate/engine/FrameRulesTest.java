package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.Frame;
import dev.framegate.api.FrameType;
import dev.framegate.api.PdkMisuseException;
import dev.framegate.engine.Plugins.Alpha;
import dev.framegate.engine.Plugins.Beta;
import dev.framegate.engine.Plugins.Gamma;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrameRulesTest {

  private static String misuse(Plugins.Hook hook, dev.framegate.api.WsContext ws) {
    try {
      hook.run(ws);
      return "no exception";
    } catch (PdkMisuseException | IllegalArgumentException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (Exception e) {
      return "unexpected " + e;
    }
  }

  @Test
  @DisplayName("F1 getFrame gives payload, type and close status; the payload buffer is a read-only view")
  void getFrame() {
    List<String> seen = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(
        ws -> {
          Frame f = ws.client().getFrame();
          seen.add(f.type().kongName() + " " + f.length() + " '" + f.text() + "' " + f.status());
          assertThat(f.payloadBuffer().isReadOnly()).isTrue();
          assertThat(f.payloadBuffer().position()).isZero();
          assertThat(f.payload()).hasSize(f.length());
        });
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "héllo");
    rig.binary(Side.CLIENT, new byte[] {1, 2, 3});
    rig.ping(Side.CLIENT, "p");
    rig.pong(Side.CLIENT, "q");
    rig.close(Side.CLIENT, 4001, "done");
    assertThat(seen)
        .containsExactly(
            "text 6 'héllo' OptionalInt.empty",
            "binary 3 '\u0001\u0002\u0003' OptionalInt.empty",
            "ping 1 'p' OptionalInt.empty",
            "pong 1 'q' OptionalInt.empty",
            "close 4 'done' OptionalInt[4001]");
  }

  @Test
  @DisplayName("F1 a close frame without a code has an empty status")
  void closeWithoutCode() {
    List<OptionalInt> seen = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onUpstream(ws -> seen.add(ws.upstream().getFrame().status()));
    Rig rig = Rig.of(alpha).open();
    rig.raw(Side.UPSTREAM, true, 8, new byte[0]);
    assertThat(seen).containsExactly(OptionalInt.empty());
    assertThat(rig.transport.closeTo(Side.CLIENT).payload()).isEmpty();
  }

  @Test
  @DisplayName("F1 unchanged frames are forwarded without copying the payload")
  void zeroCopyForward() {
    List<ByteBuffer> sent = new ArrayList<>();
    Rig rig = Rig.of(new Plugins.Noop());
    Transport capturing =
        new Transport() {
          @Override
          public void connectUpstream(java.util.Map<String, List<String>> h, List<String> s) {}

          @Override
          public void acceptClient(String s, java.util.Map<String, List<String>> h) {}

          @Override
          public void rejectClient(int st, java.util.Map<String, List<String>> h, String b) {}

          @Override
          public void send(Side to, FrameType type, ByteBuffer payload) {
            sent.add(payload);
          }

          @Override
          public void disconnect(Side side) {}
        };
    Connection c =
        Engine.create(rig.scheduler)
            .open(PluginChain.builder().add(new Plugins.Noop(), dev.framegate.api.NoConfig.INSTANCE).build(),
                EngineSettings.DEFAULTS, capturing);
    c.start(Rig.request());
    c.upstreamConnected(null);
    ByteBuffer original = ByteBuffer.wrap(new byte[] {9, 9});
    c.frame(Side.CLIENT, true, 0, 2, original);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0)).isSameAs(original);
  }

  @Test
  @DisplayName("F2 setFrameData replaces the payload, later plugins see the new payload, on every type")
  void setFrameData() {
    List<String> seen = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(ws -> ws.client().setFrameData(ws.client().getFrame().text().toUpperCase()));
    Beta beta = new Beta(Plugins.trace());
    beta.onClient(ws -> seen.add(ws.client().getFrame().text()));
    Rig rig = Rig.of(alpha, beta).open();
    rig.text(Side.CLIENT, "abc");
    rig.ping(Side.CLIENT, "pi");
    rig.close(Side.CLIENT, 1000, "bye");
    assertThat(seen).containsExactly("ABC", "PI", "BYE");
    assertThat(rig.transport.texts(Side.UPSTREAM)).containsExactly("ABC");
    assertThat(rig.transport.sent(Side.UPSTREAM).get(1).text()).isEqualTo("PI");
    Rig.Sent close = rig.transport.closeTo(Side.UPSTREAM);
    assertThat(close.closeCode()).isEqualTo(1000);
    assertThat(close.closeReason()).isEqualTo("BYE");
  }

  @Test
  @DisplayName("F2 setFrameData throws at the call over the limit, over 125 bytes for control frames, 123 for close reasons")
  void setFrameDataLimits() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> ws.client().setMaxPayloadSize(10));
    alpha.onClient(ws -> errors.add(misuse(w -> w.client().setFrameData(new byte[11]), ws)));
    alpha.onUpstream(
        ws -> {
          FrameType t = ws.upstream().getFrame().type();
          errors.add(misuse(w -> w.upstream().setFrameData(new byte[t == FrameType.CLOSE ? 124 : 126]), ws));
        });
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "a");
    rig.ping(Side.UPSTREAM, "b");
    rig.close(Side.UPSTREAM, 1000, "c");
    assertThat(errors)
        .containsExactly(
            "IllegalArgumentException: the new payload of 11 bytes exceeds the limit of 10 bytes for"
                + " messages from the client (raise it with setMaxPayloadSize in onHandshake)",
            "IllegalArgumentException: a ping payload is at most 125 bytes, got 126",
            "IllegalArgumentException: a close reason is at most 123 bytes, got 124");
    assertThat(rig.transport.texts(Side.UPSTREAM)).containsExactly("a");
  }

  @Test
  @DisplayName("F2 setFrameData refuses invalid UTF-8 for text, and a reason on a close frame without code")
  void setFrameDataValidation() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(
        ws -> {
          if (ws.client().getFrame().type() == FrameType.TEXT) {
            errors.add(misuse(w -> w.client().setFrameData(new byte[] {(byte) 0xC3}), ws));
          } else {
            errors.add(misuse(w -> w.client().setFrameData("why"), ws));
          }
        });
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "a");
    rig.raw(Side.CLIENT, true, 8, new byte[0]);
    assertThat(errors)
        .containsExactly(
            "IllegalArgumentException: the new payload of a text frame must be valid UTF-8",
            "IllegalArgumentException: this close frame has no status code, and a close reason needs"
                + " one: call setStatus(...) before setFrameData(...)");
  }

  @Test
  @DisplayName("F3 setStatus rewrites a close code; throws on other frames and for codes forbidden on the wire")
  void setStatus() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(
        ws -> {
          if (ws.client().getFrame().type() == FrameType.CLOSE) {
            errors.add(misuse(w -> w.client().setStatus(1005), ws));
            errors.add(misuse(w -> w.client().setStatus(999), ws));
            ws.client().setStatus(4000);
          } else {
            errors.add(misuse(w -> w.client().setStatus(1000), ws));
          }
        });
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "a");
    rig.close(Side.CLIENT, 1000, "r");
    assertThat(errors)
        .containsExactly(
            "PdkMisuseException: setStatus() is only allowed on a close frame, and this is a text"
                + " frame: use close(status, reason) to end the connection with a code",
            "IllegalArgumentException: status 1005 may not be sent in a close frame (RFC 6455 section"
                + " 7.4): use 1000-1003, 1007-1014 or 3000-4999",
            "IllegalArgumentException: status 999 may not be sent in a close frame (RFC 6455 section"
                + " 7.4): use 1000-1003, 1007-1014 or 3000-4999");
    Rig.Sent close = rig.transport.closeTo(Side.UPSTREAM);
    assertThat(close.closeCode()).isEqualTo(4000);
    assertThat(close.closeReason()).isEqualTo("r");
  }

  @Test
  @DisplayName("F4 dropFrame stops the frame and later plugins; ping and pong may be dropped; a close frame may not")
  void dropFrame() {
    List<String> trace = Plugins.trace();
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(trace);
    alpha.onClient(
        ws -> {
          if (ws.client().getFrame().type() == FrameType.CLOSE) {
            errors.add(misuse(w -> w.client().dropFrame(), ws));
          } else if (!ws.client().getFrame().text().equals("keep")) {
            ws.client().dropFrame();
          }
        });
    Beta beta = new Beta(trace);
    Rig rig = Rig.of(alpha, beta).open();
    rig.text(Side.CLIENT, "drop");
    rig.ping(Side.CLIENT, "x");
    rig.pong(Side.CLIENT, "y");
    rig.text(Side.CLIENT, "keep");
    rig.close(Side.CLIENT, 1000, "");
    assertThat(trace)
        .containsExactly(
            "alpha:handshake", "beta:handshake", "alpha:client", "alpha:client", "alpha:client",
            "alpha:client", "beta:client", "alpha:client", "beta:client");
    assertThat(rig.transport.sent(Side.UPSTREAM)).extracting(Rig.Sent::type)
        .containsExactly(FrameType.TEXT, FrameType.CLOSE);
    assertThat(errors)
        .containsExactly(
            "PdkMisuseException: a close frame cannot be dropped: use ws.client().close(...) to end"
                + " the connection, or setStatus/setFrameData to rewrite it");
    assertThat(rig.observer.dropped)
        .containsExactly("CLIENT TEXT alpha", "CLIENT PING alpha", "CLIENT PONG alpha");
  }

  @Test
  @DisplayName("F5 close(status, reason, peerStatus, peerReason) closes both sides, the frame is not forwarded, later plugins skipped")
  void pluginClose() {
    List<String> trace = Plugins.trace();
    Alpha alpha = new Alpha(trace);
    alpha.onClient(ws -> ws.client().close(4001, "go away", 4002, "client left"));
    Rig rig = Rig.of(alpha, new Beta(trace)).open();
    rig.text(Side.CLIENT, "x");
    assertThat(rig.transport.texts(Side.UPSTREAM)).isEmpty();
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(4001);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeReason()).isEqualTo("go away");
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(4002);
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeReason()).isEqualTo("client left");
    assertThat(trace).doesNotContain("beta:client");
    rig.close(Side.CLIENT, 4001, "");
    rig.close(Side.UPSTREAM, 1000, "");
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.PLUGIN_CLOSE);
    assertThat(rig.closeInfo().clientStatus()).hasValue(4001);
    assertThat(rig.closeInfo().upstreamStatus()).hasValue(4002);
    assertThat(rig.transport.disconnected(Side.CLIENT)).isTrue();
    assertThat(rig.transport.disconnected(Side.UPSTREAM)).isTrue();
  }

  @Test
  @DisplayName("F5 close() on a close frame reuses its code and reason for the sender; the peer gets a close without code")
  void pluginCloseReusesCloseFrame() {
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onUpstream(ws -> ws.upstream().close());
    Rig rig = Rig.of(alpha).open();
    rig.close(Side.UPSTREAM, 4100, "maintenance");
    Rig.Sent toUpstream = rig.transport.closeTo(Side.UPSTREAM);
    assertThat(toUpstream.closeCode()).isEqualTo(4100);
    assertThat(toUpstream.closeReason()).isEqualTo("maintenance");
    assertThat(rig.transport.closeTo(Side.CLIENT).payload()).isEmpty();
    // the upstream's close handshake is complete at once
    assertThat(rig.transport.disconnected(Side.UPSTREAM)).isTrue();
  }

  @Test
  @DisplayName("F5 close refuses invalid codes, long reasons, and a reason without a code")
  void pluginCloseValidation() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(
        ws -> {
          errors.add(misuse(w -> w.client().close(1006, "x"), ws));
          errors.add(misuse(w -> w.client().close(1000, "r".repeat(124)), ws));
          errors.add(misuse(w -> w.client().close(null, "why"), ws));
          errors.add(misuse(w -> w.client().close(1000, null, null, "why"), ws));
        });
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "x");
    assertThat(errors)
        .containsExactly(
            "IllegalArgumentException: status 1006 may not be sent in a close frame (RFC 6455 section"
                + " 7.4): use 1000-1003, 1007-1014 or 3000-4999",
            "IllegalArgumentException: a close reason is at most 123 bytes of UTF-8, got 124",
            "IllegalArgumentException: a close reason needs a status code: pass status as well (e.g. 1000)",
            "IllegalArgumentException: a close peerReason needs a status code: pass peerStatus as well (e.g. 1000)");
    assertThat(rig.transport.texts(Side.UPSTREAM)).containsExactly("x");
  }

  @Test
  @DisplayName("F7 a plugin sends its own frames to either side; sending to a closing side throws")
  void pluginSends() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(
        ws -> {
          ws.client().sendText("ack");
          ws.upstream().sendBinary(new byte[] {7});
          ws.upstream().sendPing(new byte[] {1});
          if (ws.client().getFrame().text().equals("quit")) {
            ws.client().close(1000, "bye");
            errors.add(misuse(w -> w.client().sendText("late"), ws));
          }
        });
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "hello");
    assertThat(rig.transport.texts(Side.CLIENT)).containsExactly("ack");
    assertThat(rig.transport.sent(Side.UPSTREAM)).extracting(Rig.Sent::type)
        .containsExactly(FrameType.BINARY, FrameType.PING, FrameType.TEXT);
    rig.text(Side.CLIENT, "quit");
    assertThat(errors)
        .containsExactly(
            "PdkMisuseException: ws.client().sendText() cannot send: the client is closing and takes"
                + " no more messages (onClose runs once the connection has ended)");
  }

  @Test
  @DisplayName("F7 sendPing refuses more than 125 bytes; send operations are refused in onHandshake")
  void sendValidation() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> errors.add(misuse(w -> w.client().sendText("x"), ws)));
    alpha.onClient(ws -> errors.add(misuse(w -> w.upstream().sendPing(new byte[126]), ws)));
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "x");
    assertThat(errors)
        .containsExactly(
            "PdkMisuseException: ws.client().sendText() is only allowed in onClientFrame, onUpstreamFrame"
                + " and timer tasks; in onHandshake the connection is not open yet (schedule a task with"
                + " ws.schedule(Duration.ZERO, ...) to send once it is)",
            "IllegalArgumentException: a ping payload is at most 125 bytes, got 126");
  }

  @Test
  @DisplayName("F7 forwardAndClose lets later plugins run, forwards the frame, then closes; refused on close frames")
  void forwardAndClose() {
    List<String> trace = Plugins.trace();
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(trace);
    alpha.onClient(
        ws -> {
          if (ws.client().getFrame().type() == FrameType.CLOSE) {
            errors.add(misuse(w -> w.client().forwardAndClose(1000, null, null, null), ws));
          } else {
            ws.client().forwardAndClose(1000, "last one", 1000, "client done");
          }
        });
    Beta beta = new Beta(trace);
    beta.onClient(ws -> ws.client().setFrameData("LAST"));
    Rig rig = Rig.of(alpha, beta).open();
    rig.text(Side.CLIENT, "last");
    List<Rig.Sent> up = rig.transport.sent(Side.UPSTREAM);
    assertThat(up).extracting(Rig.Sent::type).containsExactly(FrameType.TEXT, FrameType.CLOSE);
    assertThat(up.get(0).text()).isEqualTo("LAST");
    assertThat(up.get(1).closeReason()).isEqualTo("client done");
    assertThat(rig.transport.closeTo(Side.CLIENT).closeReason()).isEqualTo("last one");
    assertThat(trace).contains("beta:client");

    Rig other = Rig.of(alpha).open();
    other.close(Side.CLIENT, 1000, "");
    assertThat(errors)
        .containsExactly(
            "PdkMisuseException: forwardAndClose() is not allowed on a close frame, which ends the"
                + " connection once forwarded: let it pass, or use close(...) to answer it yourself");
  }

  @Test
  @DisplayName("P4 frame operations in the wrong frame phase name the phase they are allowed in")
  void wrongFramePhase() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> errors.add(misuse(w -> w.client().getFrame(), ws)));
    alpha.onClient(
        ws -> {
          errors.add(misuse(w -> w.upstream().getFrame(), ws));
          errors.add(misuse(w -> w.upstream().dropFrame(), ws));
          errors.add(misuse(w -> w.upstream().setStatus(1000), ws));
        });
    alpha.onUpstream(ws -> errors.add(misuse(w -> w.client().setFrameData("x"), ws)));
    alpha.onClosed(ws -> errors.add(misuse(w -> w.upstream().close(), ws)));
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "a");
    rig.text(Side.UPSTREAM, "b");
    rig.connection.gone(Side.CLIENT);
    rig.connection.gone(Side.UPSTREAM);
    assertThat(errors)
        .containsExactly(
            "PdkMisuseException: ws.client().getFrame() is only allowed in onClientFrame; onHandshake"
                + " has no frame: frames flow once the handshake is done",
            "PdkMisuseException: ws.upstream().getFrame() is only allowed in onUpstreamFrame; in"
                + " onClientFrame use ws.client().getFrame()",
            "PdkMisuseException: ws.upstream().dropFrame() is only allowed in onUpstreamFrame; in"
                + " onClientFrame use ws.client().dropFrame()",
            "PdkMisuseException: ws.upstream().setStatus() is only allowed in onUpstreamFrame; in"
                + " onClientFrame use ws.client().setStatus()",
            "PdkMisuseException: ws.client().setFrameData() is only allowed in onClientFrame; in"
                + " onUpstreamFrame use ws.upstream().setFrameData()",
            "PdkMisuseException: ws.upstream().close() is only allowed in onUpstreamFrame; in onClose"
                + " the connection has ended and there is no frame");
  }

  @Test
  @DisplayName("C3 a plugin that throws: frame dropped, later plugins skipped, both sides 1011, close phase runs")
  void pluginThrows() {
    List<String> trace = Plugins.trace();
    Alpha alpha = new Alpha(trace);
    alpha.onClient(ws -> {
      throw new RuntimeException("bad plugin");
    });
    Rig rig = Rig.of(alpha, new Beta(trace)).open();
    rig.text(Side.CLIENT, "x");
    assertThat(rig.transport.texts(Side.UPSTREAM)).isEmpty();
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1011);
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1011);
    assertThat(trace).doesNotContain("beta:client");
    rig.close(Side.CLIENT, 1011, "");
    rig.close(Side.UPSTREAM, 1011, "");
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.PLUGIN_ERROR);
    assertThat(rig.closeInfo().detail()).contains("plugin 'alpha' failed in onClientFrame", "bad plugin");
    assertThat(rig.observer.errors).containsExactly("alpha CLIENT_FRAME bad plugin");
  }

  @Test
  @DisplayName("C3 PDK misuse is handled like a throw: both sides 1011")
  void misuseCloses() {
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onUpstream(ws -> ws.client().getFrame());
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.UPSTREAM, "x");
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1011);
    assertThat(rig.observer.errors.get(0)).startsWith("alpha UPSTREAM_FRAME ws.client().getFrame() is only allowed in onClientFrame");
  }

  @Test
  @DisplayName("C3 error policy SKIP goes on with the next plugin; DROP drops the frame and keeps the connection")
  void errorPolicies() {
    List<String> trace = Plugins.trace();
    Alpha failing = new Alpha(trace);
    failing.onClient(ws -> {
      throw new RuntimeException("x");
    });
    Rig skip = Rig.withPolicy(ErrorPolicy.SKIP, failing, new Beta(trace)).open();
    skip.text(Side.CLIENT, "m");
    assertThat(skip.transport.texts(Side.UPSTREAM)).containsExactly("m");
    assertThat(trace).contains("beta:client");
    assertThat(skip.transport.closeTo(Side.CLIENT)).isNull();

    trace.clear();
    Rig drop = Rig.withPolicy(ErrorPolicy.DROP, failing, new Beta(trace)).open();
    drop.text(Side.CLIENT, "m");
    assertThat(drop.transport.sent(Side.UPSTREAM)).isEmpty();
    assertThat(trace).doesNotContain("beta:client");
    assertThat(drop.transport.closeTo(Side.CLIENT)).isNull();
    drop.close(Side.CLIENT, 1000, "");
    // a close frame is never dropped: the DROP policy closes with 1011 instead
    assertThat(drop.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1011);
  }

  @Test
  @DisplayName("C3 a close-phase throw is logged and the other plugins' close phases still run")
  void closePhaseThrow() {
    List<String> trace = Plugins.trace();
    Alpha alpha = new Alpha(trace);
    alpha.onClosed(ws -> {
      throw new RuntimeException("close failed");
    });
    Rig rig = Rig.of(alpha, new Gamma(trace)).open();
    rig.connection.gone(Side.CLIENT);
    rig.connection.gone(Side.UPSTREAM);
    assertThat(trace).endsWith("alpha:close", "gamma:close");
    assertThat(rig.observer.errors).containsExactly("alpha CLOSE close failed");
    assertThat(rig.connection.isFinished()).isTrue();
  }
}
