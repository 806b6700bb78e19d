package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.api.FrameType;
import dev.framegate.engine.Plugins.Alpha;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamRulesTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static EngineSettings settings(int maxFragments, int rate) {
    EngineSettings d = EngineSettings.DEFAULTS;
    return new EngineSettings(d.clientMaxPayload(), d.upstreamMaxPayload(), maxFragments, rate,
        d.connectTimeout(), d.sendTimeout(), d.closeLinger(), d.idleTimeout(), d.keepaliveInterval(), d.autoPong());
  }

  private static EngineSettings timers(Duration idle, Duration keepalive, boolean autoPong) {
    EngineSettings d = EngineSettings.DEFAULTS;
    return new EngineSettings(d.clientMaxPayload(), d.upstreamMaxPayload(), 0, 0,
        d.connectTimeout(), d.sendTimeout(), d.closeLinger(), idle, keepalive, autoPong);
  }

  @Test
  @DisplayName("A1 fragments are reassembled; control frames between fragments are handled and forwarded at once")
  void reassembly() {
    List<String> seen = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(ws -> seen.add(ws.client().getFrame().type() + " " + ws.client().getFrame().text()));
    Rig rig = Rig.of(alpha).open();
    rig.raw(Side.CLIENT, false, 1, bytes("hel"));
    rig.ping(Side.CLIENT, "p");
    rig.raw(Side.CLIENT, false, 0, bytes("lo "));
    rig.raw(Side.CLIENT, true, 0, bytes("wörld"));
    assertThat(seen).containsExactly("PING p", "TEXT hello wörld");
    assertThat(rig.transport.sent(Side.UPSTREAM))
        .extracting(Rig.Sent::type)
        .containsExactly(FrameType.PING, FrameType.TEXT);
    assertThat(rig.transport.texts(Side.UPSTREAM)).containsExactly("hello wörld");
  }

  @Test
  @DisplayName("A1 C5 a multi-byte character split across fragments is valid UTF-8")
  void splitCharacter() {
    Rig rig = Rig.of().open();
    byte[] euro = bytes("€");
    rig.raw(Side.UPSTREAM, false, 1, new byte[] {euro[0]});
    rig.raw(Side.UPSTREAM, false, 0, new byte[] {euro[1]});
    rig.raw(Side.UPSTREAM, true, 0, new byte[] {euro[2]});
    assertThat(rig.transport.texts(Side.CLIENT)).containsExactly("€");
  }

  @Test
  @DisplayName("A2 A3 a client message over 1 MiB: client gets 1009 Payload Too Large, upstream 1001, plugins never see it")
  void clientLimit() {
    List<String> trace = Plugins.trace();
    Rig rig = Rig.of(new Alpha(trace)).open();
    rig.raw(Side.CLIENT, false, 2, new byte[1 << 19]);
    rig.raw(Side.CLIENT, false, 0, new byte[1 << 19]);
    assertThat(rig.transport.closeTo(Side.CLIENT)).isNull();
    rig.raw(Side.CLIENT, true, 0, new byte[1]);
    Rig.Sent toClient = rig.transport.closeTo(Side.CLIENT);
    assertThat(toClient.closeCode()).isEqualTo(1009);
    assertThat(toClient.closeReason()).isEqualTo("Payload Too Large");
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1001);
    assertThat(trace).doesNotContain("alpha:client");
    rig.close(Side.CLIENT, 1009, "");
    rig.close(Side.UPSTREAM, 1001, "");
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.LIMIT_EXCEEDED);
  }

  @Test
  @DisplayName("A2 the upstream limit defaults to 16 MiB; a message of exactly the limit passes")
  void upstreamLimit() {
    Rig rig = Rig.of().open();
    rig.binary(Side.UPSTREAM, new byte[16 << 20]);
    assertThat(rig.transport.sent(Side.CLIENT)).extracting(Rig.Sent::type).containsExactly(FrameType.BINARY);
    rig.binary(Side.UPSTREAM, new byte[(16 << 20) + 1]);
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1009);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1001);
  }

  @Test
  @DisplayName("F6 A2 setMaxPayloadSize sets a side's limit; 0 restores the route default")
  void pluginLimit() {
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(
        ws -> {
          ws.client().setMaxPayloadSize(4);
          ws.upstream().setMaxPayloadSize(4);
          ws.upstream().setMaxPayloadSize(0);
        });
    Rig rig = Rig.of(alpha).open();
    rig.binary(Side.UPSTREAM, new byte[100]);
    rig.text(Side.CLIENT, "1234");
    assertThat(rig.transport.closeTo(Side.CLIENT)).isNull();
    rig.text(Side.CLIENT, "12345");
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1009);
  }

  @Test
  @DisplayName("A4 more fragments than maxFragments closes the sender with 1009 Too Many Fragments")
  void tooManyFragments() {
    Rig rig = Rig.of(settings(2, 0)).open();
    rig.raw(Side.CLIENT, false, 2, new byte[1]);
    rig.raw(Side.CLIENT, false, 0, new byte[1]);
    rig.raw(Side.CLIENT, true, 0, new byte[1]);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1009);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeReason()).isEqualTo("Too Many Fragments");
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1001);
  }

  @Test
  @DisplayName("A4 more messages per second than allowed closes the sender with 1008 Rate Limit Exceeded")
  void rateLimit() {
    Rig rig = Rig.of(settings(0, 2)).open();
    rig.text(Side.UPSTREAM, "1");
    rig.text(Side.UPSTREAM, "2");
    rig.scheduler.advance(Duration.ofSeconds(1));
    rig.text(Side.UPSTREAM, "3");
    rig.text(Side.UPSTREAM, "4");
    assertThat(rig.transport.closeTo(Side.UPSTREAM)).isNull();
    rig.text(Side.UPSTREAM, "5");
    assertThat(rig.transport.texts(Side.CLIENT)).containsExactly("1", "2", "3", "4");
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1008);
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeReason()).isEqualTo("Rate Limit Exceeded");
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1001);
  }

  @ParameterizedTest(name = "C5 protocol error {2}: sender gets {1}, other side 1001")
  @CsvSource({
    "0, 1002, stray continuation",
    "3, 1002, reserved opcode",
    "11, 1002, reserved control opcode",
  })
  void protocolErrors(int opcode, int code, String what) {
    Rig rig = Rig.of().open();
    rig.raw(Side.CLIENT, true, opcode, new byte[1]);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(code);
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1001);
    assertThat(rig.transport.sent(Side.UPSTREAM)).hasSize(1);
  }

  @Test
  @DisplayName("C5 RSV bits, fragmented and oversized control frames, interleaved data frames are 1002")
  void malformedFrames() {
    Rig rsv = Rig.of().open();
    rsv.connection.frame(Side.UPSTREAM, true, 4, 1, Rig.utf8("x"));
    assertThat(rsv.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1002);
    assertThat(rsv.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1001);

    Rig fragmentedPing = Rig.of().open();
    fragmentedPing.raw(Side.CLIENT, false, 9, new byte[1]);
    assertThat(fragmentedPing.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1002);

    Rig bigPing = Rig.of().open();
    bigPing.raw(Side.CLIENT, true, 9, new byte[126]);
    assertThat(bigPing.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1002);

    Rig interleaved = Rig.of().open();
    interleaved.raw(Side.CLIENT, false, 1, bytes("a"));
    interleaved.raw(Side.CLIENT, true, 2, bytes("b"));
    assertThat(interleaved.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1002);
    assertThat(interleaved.closeInfoOrNull()).isNull();
  }

  @Test
  @DisplayName("C5 invalid UTF-8 in a text message or close reason is 1007; a bad close code or 1-byte close is 1002")
  void invalidPayloads() {
    Rig text = Rig.of().open();
    text.raw(Side.CLIENT, true, 1, new byte[] {'a', (byte) 0xC0, (byte) 0x80});
    assertThat(text.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1007);
    assertThat(text.transport.sent(Side.UPSTREAM)).extracting(Rig.Sent::type).containsExactly(FrameType.CLOSE);

    Rig fragmented = Rig.of().open();
    fragmented.raw(Side.CLIENT, false, 1, new byte[] {(byte) 0xE2, (byte) 0x82});
    fragmented.raw(Side.CLIENT, true, 0, new byte[0]);
    assertThat(fragmented.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1007);

    Rig surrogate = Rig.of().open();
    surrogate.raw(Side.CLIENT, true, 1, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
    assertThat(surrogate.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1007);

    Rig reason = Rig.of().open();
    reason.raw(Side.CLIENT, true, 8, new byte[] {0x03, (byte) 0xE8, (byte) 0xFF});
    assertThat(reason.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1007);
    assertThat(reason.transport.disconnected(Side.CLIENT)).isTrue();

    Rig code = Rig.of().open();
    code.close(Side.UPSTREAM, 1005, "");
    assertThat(code.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1002);
    assertThat(code.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1001);

    Rig oneByte = Rig.of().open();
    oneByte.raw(Side.UPSTREAM, true, 8, new byte[] {3});
    assertThat(oneByte.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1002);
    assertThat(oneByte.closeInfoOrNull()).isNull();
    oneByte.close(Side.CLIENT, 1001, "");
    assertThat(oneByte.closeInfo().cause()).isEqualTo(CloseCause.PROTOCOL_ERROR);
  }

  @Test
  @DisplayName("C1 close handshake: close forwarded, the other side keeps sending, its close is forwarded back, both disconnected")
  void closeHandshake() {
    List<String> trace = Plugins.trace();
    Rig rig = Rig.of(new Alpha(trace)).open();
    rig.close(Side.CLIENT, 1000, "bye");
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1000);
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeReason()).isEqualTo("bye");
    rig.text(Side.UPSTREAM, "still here");
    rig.text(Side.CLIENT, "ignored after the client's close");
    assertThat(rig.transport.texts(Side.CLIENT)).containsExactly("still here");
    assertThat(rig.connection.isFinished()).isFalse();
    rig.close(Side.UPSTREAM, 1000, "ok");
    assertThat(rig.transport.closeTo(Side.CLIENT).closeReason()).isEqualTo("ok");
    assertThat(rig.transport.disconnected(Side.CLIENT)).isTrue();
    assertThat(rig.transport.disconnected(Side.UPSTREAM)).isTrue();
    assertThat(rig.connection.isFinished()).isTrue();
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.CLIENT_CLOSE);
    assertThat(rig.closeInfo().clientStatus()).hasValue(1000);
    assertThat(rig.closeInfo().upstreamStatus()).hasValue(1000);
    assertThat(trace).containsExactly(
        "alpha:handshake", "alpha:client", "alpha:upstream", "alpha:upstream", "alpha:close");
  }

  @Test
  @DisplayName("C1 C5 the close linger disconnects both sides when the answer never comes")
  void closeLinger() {
    Rig rig = Rig.of().open();
    rig.close(Side.UPSTREAM, 1000, "");
    rig.scheduler.advance(Duration.ofSeconds(29));
    assertThat(rig.connection.isFinished()).isFalse();
    rig.scheduler.advance(Duration.ofSeconds(1));
    assertThat(rig.transport.disconnected(Side.CLIENT)).isTrue();
    assertThat(rig.transport.disconnected(Side.UPSTREAM)).isTrue();
    assertThat(rig.connection.isFinished()).isTrue();
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.UPSTREAM_CLOSE);
    assertThat(rig.scheduler.pending()).isZero();
  }

  @Test
  @DisplayName("C2 a side that vanishes: the other side gets 1001 and the close phase runs")
  void sideGone() {
    List<String> trace = Plugins.trace();
    Rig rig = Rig.of(new Alpha(trace)).open();
    rig.connection.gone(Side.UPSTREAM);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1001);
    assertThat(rig.connection.isFinished()).isFalse();
    rig.close(Side.CLIENT, 1001, "");
    assertThat(rig.transport.disconnected(Side.CLIENT)).isTrue();
    assertThat(rig.transport.disconnected(Side.UPSTREAM)).isFalse();
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.UPSTREAM_GONE);
    assertThat(rig.closeInfo().upstreamStatus()).isEmpty();
    assertThat(trace).endsWith("alpha:close");
  }

  @Test
  @DisplayName("C4 pings are forwarded and pongs come back through the other direction")
  void pingPong() {
    Rig rig = Rig.of().open();
    rig.ping(Side.CLIENT, "hb");
    assertThat(rig.transport.sent(Side.UPSTREAM).get(0).type()).isEqualTo(FrameType.PING);
    rig.pong(Side.UPSTREAM, "hb");
    assertThat(rig.transport.sent(Side.CLIENT).get(0).type()).isEqualTo(FrameType.PONG);
    rig.scheduler.advance(Duration.ofMinutes(10));
    assertThat(rig.transport.sent(Side.CLIENT)).hasSize(1);
  }

  @Test
  @DisplayName("C4 auto-pong answers pings in the proxy; keepalive pings go to both sides and their pongs are absorbed")
  void autoPongAndKeepalive() {
    Rig rig = Rig.of(timers(Duration.ZERO, Duration.ofSeconds(20), true)).open();
    rig.ping(Side.CLIENT, "hb");
    assertThat(rig.transport.sent(Side.CLIENT)).extracting(Rig.Sent::type).containsExactly(FrameType.PONG);
    assertThat(rig.transport.sent(Side.UPSTREAM)).isEmpty();
    rig.scheduler.advance(Duration.ofSeconds(20));
    assertThat(rig.transport.sent(Side.UPSTREAM)).extracting(Rig.Sent::type).containsExactly(FrameType.PING);
    byte[] keepalive = rig.transport.sent(Side.UPSTREAM).get(0).payload();
    rig.raw(Side.UPSTREAM, true, 0xA, keepalive);
    assertThat(rig.transport.sent(Side.CLIENT)).hasSize(2);
    rig.scheduler.advance(Duration.ofSeconds(20));
    assertThat(rig.transport.sent(Side.UPSTREAM)).hasSize(2);
  }

  @Test
  @DisplayName("C4 idle timeout closes both sides with 1001 after no frame for that long")
  void idleTimeout() {
    Rig rig = Rig.of(timers(Duration.ofSeconds(60), Duration.ZERO, false)).open();
    rig.scheduler.advance(Duration.ofSeconds(50));
    rig.text(Side.CLIENT, "x");
    rig.scheduler.advance(Duration.ofSeconds(50));
    assertThat(rig.transport.closeTo(Side.CLIENT)).isNull();
    rig.scheduler.advance(Duration.ofSeconds(10));
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1001);
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1001);
    rig.scheduler.advance(Duration.ofSeconds(30));
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.TIMEOUT);
  }

  @Test
  @DisplayName("C5 a send time-out disconnects the stuck side and closes the other with 1001")
  void sendTimeout() {
    Rig rig = Rig.of().open();
    rig.connection.sendTimedOut(Side.CLIENT);
    assertThat(rig.transport.disconnected(Side.CLIENT)).isTrue();
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1001);
    rig.close(Side.UPSTREAM, 1001, "");
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.TIMEOUT);
  }

  @Test
  @DisplayName("C6 shutdown closes both sides with 1001 and the close phase runs")
  void shutdown() {
    List<String> trace = Plugins.trace();
    Rig rig = Rig.of(new Alpha(trace)).open();
    rig.connection.shutdown();
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1001);
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1001);
    rig.close(Side.CLIENT, 1001, "");
    rig.close(Side.UPSTREAM, 1001, "");
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.SHUTDOWN);
    assertThat(trace).endsWith("alpha:close");
  }

  @Test
  @DisplayName("P3 a slow plugin on one direction does not stall the other")
  void directionsIndependent() throws Exception {
    CountDownLatch inSlowPlugin = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(
        ws -> {
          inSlowPlugin.countDown();
          assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
        });
    Rig rig = Rig.of(alpha).open();
    Thread client = new Thread(() -> rig.text(Side.CLIENT, "slow"));
    client.start();
    assertThat(inSlowPlugin.await(10, TimeUnit.SECONDS)).isTrue();
    rig.text(Side.UPSTREAM, "fast");
    assertThat(rig.transport.texts(Side.CLIENT)).containsExactly("fast");
    assertThat(rig.transport.texts(Side.UPSTREAM)).isEmpty();
    release.countDown();
    client.join(10_000);
    assertThat(rig.transport.texts(Side.UPSTREAM)).containsExactly("slow");
  }

  @Test
  @DisplayName("P1 C2 the close phase waits for a direction still inside a plugin")
  void closePhaseAfterRunningPlugin() throws Exception {
    List<String> trace = Plugins.trace();
    CountDownLatch inPlugin = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Alpha alpha = new Alpha(trace);
    alpha.onClient(
        ws -> {
          inPlugin.countDown();
          assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
        });
    // No plugin timeout: the virtual 30 s below must not end the call.
    Rig rig = Rig.of(EngineSettings.DEFAULTS.withPluginTimeout(Duration.ZERO), alpha).open();
    Thread client = new Thread(() -> rig.text(Side.CLIENT, "slow"));
    client.start();
    assertThat(inPlugin.await(10, TimeUnit.SECONDS)).isTrue();
    rig.connection.gone(Side.UPSTREAM);
    rig.scheduler.advance(Duration.ofSeconds(30));
    assertThat(rig.connection.isFinished()).isFalse();
    assertThat(trace).doesNotContain("alpha:close");
    release.countDown();
    client.join(10_000);
    assertThat(rig.connection.isFinished()).isTrue();
    assertThat(trace).endsWith("alpha:client", "alpha:close");
  }

  @Test
  @DisplayName("P3 a frame sent from inside a transport call is handled after the current one, in order")
  void reentrantTransport() {
    List<String> seen = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    Connection[] self = new Connection[1];
    alpha.onClient(
        ws -> {
          String text = ws.client().getFrame().text();
          seen.add(text);
          if (text.equals("first")) {
            self[0].frame(Side.CLIENT, true, 0, 1, Rig.utf8("second"));
            seen.add("after re-entrant call");
          }
        });
    Rig rig = Rig.of(alpha).open();
    self[0] = rig.connection;
    rig.text(Side.CLIENT, "first");
    assertThat(seen).containsExactly("first", "after re-entrant call", "second");
    assertThat(rig.transport.texts(Side.UPSTREAM)).containsExactly("first", "second");
  }

  @Test
  @DisplayName("observer gets forwarded messages with sizes and plugin timings only when asked")
  void observer() {
    Rig rig = Rig.of(new Plugins.Noop());
    rig.observer.measure = false;
    rig.open();
    rig.text(Side.CLIENT, "abc");
    rig.close(Side.UPSTREAM, 1000, "x");
    assertThat(rig.observer.forwarded).containsExactly("CLIENT TEXT 3", "UPSTREAM CLOSE 3");
    assertThat(rig.observer.timings).isEmpty();
    assertThat(rig.observer.opened).hasSize(1);
  }
}
