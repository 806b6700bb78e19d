package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.CloseStatus;
import dev.framegate.api.FrameType;
import dev.framegate.api.PdkMisuseException;
import dev.framegate.api.StateKey;
import dev.framegate.engine.Plugins.Alpha;
import dev.framegate.engine.Plugins.Beta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The PDK 1.1 additions of issue 10 finding 4, as the engine carries them out. */
class Pdk11Test {

  @Test
  @DisplayName("sendPong sends a pong of the plugin's own; over 125 bytes, or in onHandshake, it throws")
  void sendPong() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> errors.add(message(() -> ws.client().sendPong(new byte[1]))));
    alpha.onClient(ws -> {
      if (ws.client().getFrame().type() == FrameType.PING) {
        ws.client().dropFrame();
        ws.client().sendPong(ws.client().getFrame().payload()); // the plugin answers the ping itself
        errors.add(message(() -> ws.client().sendPong(new byte[126])));
      }
    });
    Rig rig = Rig.of(alpha).open();
    rig.ping(Side.CLIENT, "are you there");
    assertThat(rig.transport.sent(Side.UPSTREAM)).isEmpty();
    assertThat(rig.transport.sent(Side.CLIENT)).singleElement().satisfies(s -> {
      assertThat(s.type()).isEqualTo(FrameType.PONG);
      assertThat(s.text()).isEqualTo("are you there");
    });
    assertThat(errors).containsExactly(
        "PdkMisuseException: ws.client().sendPong() is only allowed in onClientFrame, onUpstreamFrame and timer"
            + " tasks; in onHandshake the connection is not open yet (schedule a task with"
            + " ws.schedule(Duration.ZERO, ...) to send once it is)",
        "IllegalArgumentException: a pong payload is at most 125 bytes, got 126");
  }

  @Test
  @DisplayName("maxPayloadSize() reads each side's current limit in every phase, defaults and plugin changes alike")
  void maxPayloadSize() {
    List<String> seen = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> {
      seen.add("handshake " + ws.client().maxPayloadSize() + " " + ws.upstream().maxPayloadSize());
      ws.client().setMaxPayloadSize(4096);
      seen.add("after set " + ws.client().maxPayloadSize());
    });
    alpha.onUpstream(ws -> seen.add("upstream frame " + ws.client().maxPayloadSize() + " " + ws.upstream().maxPayloadSize()));
    alpha.onClosed(ws -> seen.add("close " + ws.client().maxPayloadSize()));
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.UPSTREAM, "x");
    rig.connection.gone(Side.CLIENT);
    rig.close(Side.UPSTREAM, 1001, "");
    assertThat(seen).containsExactly(
        "handshake 1048576 16777216", "after set 4096", "upstream frame 4096 16777216", "close 4096");
  }

  @Test
  @DisplayName("F2 a rewrite is checked against the limit of the frame's sender, as pdk-reference.md and Peer say")
  void rewriteLimitIsTheSenders() {
    List<String> seen = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(ws -> seen.add("client frame: " + message(() -> ws.client().setFrameData(new byte[50]))));
    alpha.onUpstream(ws -> seen.add("upstream frame: " + message(() -> ws.upstream().setFrameData(new byte[50]))));
    Rig rig = Rig.of(EngineSettings.DEFAULTS.withMaxPayload(10, 100), alpha).open();
    rig.binary(Side.CLIENT, new byte[1]);
    rig.binary(Side.UPSTREAM, new byte[1]);
    assertThat(seen).containsExactly(
        "client frame: IllegalArgumentException: the new payload of 50 bytes exceeds the limit of 10 bytes for"
            + " messages from the client (raise it with setMaxPayloadSize in onHandshake)",
        "upstream frame: no exception");
    assertThat(rig.transport.sent(Side.CLIENT)).singleElement().extracting(s -> s.payload().length).isEqualTo(50);
  }

  @Test
  @DisplayName("typed state: plugin keys are per plugin entry, shared keys per connection; values are checked; null removes")
  void typedState() {
    StateKey<Integer> count = StateKey.of("count", Integer.class);
    StateKey<String> user = StateKey.shared("user", String.class);
    @SuppressWarnings({"rawtypes", "unchecked"})
    StateKey<Object> raw = (StateKey) count;
    List<String> seen = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    Beta beta = new Beta(Plugins.trace());
    alpha.onHandshake(ws -> {
      ws.put(user, "ann");
      ws.put(count, 1);
      seen.add(message(() -> ws.put(raw, "not a number")));
    });
    alpha.onClient(ws -> seen.add("alpha " + ws.computeIfAbsent(count, () -> 99) + " " + ws.get(user)));
    beta.onClient(ws -> {
      seen.add("beta " + ws.get(count) + " " + ws.get(user) + " " + ws.computeIfAbsent(count, () -> 7));
      ws.put(count, null);
      seen.add("beta after null " + ws.get(count) + " removed " + ws.remove(user) + " then " + ws.get(user));
    });
    Rig rig = Rig.of(alpha, beta).open();
    rig.text(Side.CLIENT, "x");
    assertThat(seen).containsExactly(
        "ClassCastException: state key 'count' holds java.lang.Integer values, not java.lang.String",
        "alpha 1 ann",
        "beta null ann 7",
        "beta after null null removed ann then null");
  }

  @Test
  @DisplayName("pluginState and sharedState: put(key, null) removes the key, as Kong's ctx.x = nil")
  void stateMapsTakeNull() {
    List<String> seen = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(ws -> {
      Map<String, Object> state = ws.pluginState();
      state.put("a", 1);
      seen.add("put null returns " + state.put("a", null) + ", contains " + state.containsKey("a"));
      ws.sharedState().put("b", 2);
      ws.sharedState().putAll(Map.of("b", 3));
      seen.add("shared " + ws.sharedState());
      seen.add(message(() -> state.put(null, 1)));
    });
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "x");
    assertThat(seen).containsExactly(
        "put null returns 1, contains false",
        "shared {b=3}",
        "NullPointerException: a state key cannot be null: name the entry with a string");
  }

  @Test
  @DisplayName("F5 close(CloseStatus, CloseStatus) names each side's close frame; asReceived echoes a close frame")
  void closeWithStatuses() {
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(ws -> {
      if (ws.client().getFrame().type() == FrameType.CLOSE) {
        ws.client().close(CloseStatus.asReceived(), CloseStatus.of(4001, "client left"));
      } else {
        ws.client().close(CloseStatus.of(1008, "no"), CloseStatus.withoutCode());
      }
    });
    Rig first = Rig.of(alpha).open();
    first.text(Side.CLIENT, "x");
    assertThat(first.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1008);
    assertThat(first.transport.closeTo(Side.CLIENT).closeReason()).isEqualTo("no");
    assertThat(first.transport.closeTo(Side.UPSTREAM).payload()).isEmpty();
    assertThat(first.transport.texts(Side.UPSTREAM)).isEmpty();

    Rig second = Rig.of(alpha).open();
    second.close(Side.CLIENT, 4000, "bye");
    assertThat(second.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(4000);
    assertThat(second.transport.closeTo(Side.CLIENT).closeReason()).isEqualTo("bye");
    assertThat(second.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(4001);
  }

  @Test
  @DisplayName("F7 forwardAndClose(CloseStatus, CloseStatus) forwards, then closes; refused on a close frame")
  void forwardAndCloseWithStatuses() {
    List<String> errors = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onUpstream(ws -> {
      if (ws.upstream().getFrame().type() == FrameType.CLOSE) {
        errors.add(message(() -> ws.upstream().forwardAndClose(CloseStatus.of(1000), CloseStatus.of(1000))));
      } else {
        ws.upstream().forwardAndClose(CloseStatus.of(1000, "done"), CloseStatus.of(1001, "bye"));
      }
    });
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.UPSTREAM, "last words");
    assertThat(rig.transport.texts(Side.CLIENT)).containsExactly("last words");
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1000);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeReason()).isEqualTo("bye");
    Rig other = Rig.of(alpha).open();
    other.close(Side.UPSTREAM, 1000, "");
    assertThat(errors).singleElement().asString().startsWith("PdkMisuseException: forwardAndClose() is not allowed on a close frame");
  }

  @Test
  @DisplayName("CloseStatus refuses what cannot go on the wire, with a message saying what can")
  void closeStatusValidation() {
    assertThatThrownBy(() -> CloseStatus.of(1005)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("close code 1005 may not be sent in a close frame (RFC 6455 section 7.4): use 1000-1003,"
            + " 1007-1014 or 3000-4999");
    assertThatThrownBy(() -> CloseStatus.of(1000, "x".repeat(124))).hasMessage("a close reason is at most 123 bytes of UTF-8, got 124");
    assertThat(CloseStatus.of(1000, "ok")).isEqualTo(CloseStatus.of(1000, "ok")).hasToString("CloseStatus[1000 'ok']");
    assertThat(CloseStatus.withoutCode().code()).isEmpty();
    assertThat(CloseStatus.asReceived().isAsReceived()).isTrue();
  }

  @Test
  @DisplayName("the new operations check the phase like the old ones: a kept context throws")
  void keptContext() {
    AtomicInteger calls = new AtomicInteger();
    dev.framegate.api.WsContext[] kept = new dev.framegate.api.WsContext[1];
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(ws -> {
      kept[0] = ws;
      calls.incrementAndGet();
    });
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "x");
    assertThatThrownBy(() -> kept[0].clock()).isInstanceOf(PdkMisuseException.class)
        .hasMessageContaining("ws.clock() was called on the context of a plugin call that has returned");
    assertThatThrownBy(() -> kept[0].client().maxPayloadSize()).isInstanceOf(PdkMisuseException.class);
    assertThatThrownBy(() -> kept[0].schedule(java.time.Duration.ZERO, t -> {})).isInstanceOf(PdkMisuseException.class);
    assertThat(calls).hasValue(1);
  }

  private static String message(ThrowingCall call) {
    try {
      call.run();
      return "no exception";
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (Exception e) {
      return "unexpected " + e;
    }
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }
}
