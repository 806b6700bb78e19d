package dev.framegate.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.FrameType;
import dev.framegate.api.config.ConfigException;
import dev.framegate.engine.EngineSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameHarnessTest {

  @Test
  void f2RewrittenMessageReachesTheUpstream() {
    try (FrameHarness harness = FrameHarness.builder().plugin(new Uppercase(), new Uppercase.Config("!")).build()) {
      HarnessConnection ws = harness.connect(HandshakeSpec.path("/chat"));
      ws.client().sendText("hello");
      ws.upstream().expectText("HELLO!").expectNothing();
      ws.upstream().sendText("back");
      ws.client().expectText("back");
    }
  }

  @Test
  void pluginClassIsBoundFromAConfigTree() {
    try (FrameHarness harness = FrameHarness.builder().plugin(Uppercase.class, Map.of("suffix", "?")).build()) {
      HarnessConnection ws = harness.connect("/x");
      ws.client().sendText("a");
      ws.upstream().expectText("A?");
    }
  }

  @Test
  void invalidConfigNamesTheField() {
    assertThatThrownBy(() -> FrameHarness.builder().plugin(Uppercase.class, Map.of("sufix", "?")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sufix");
  }

  @Test
  void failedExpectationCarriesTheWholeTranscript() {
    try (FrameHarness harness = FrameHarness.builder().build()) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("hello");
      ws.upstream().sendBinary(new byte[] {1, 2});
      assertThatThrownBy(() -> ws.upstream().expectText("bye"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("upstream expected TEXT")
          .hasMessageContaining("but received TEXT len=5 \"hello\"")
          .hasMessageContaining("client → gateway     TEXT len=5 \"hello\"")
          .hasMessageContaining("upstream → gateway   BINARY len=2 0x0102")
          .hasMessageContaining("gateway → client     BINARY len=2");
    }
  }

  @Test
  void expectNothingFailsWhileAFrameIsQueued() {
    try (FrameHarness harness = FrameHarness.builder().build()) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("x");
      assertThat(ws.upstream().received()).extracting(WireFrame::text).containsExactly("x");
      assertThatThrownBy(() -> ws.upstream().expectNothing()).hasMessageContaining("expected nothing but received TEXT");
      assertThat(ws.upstream().received()).isEmpty();
    }
  }

  @Test
  void c1CloseCodesAndDisconnectsAreVisible() {
    try (FrameHarness harness = FrameHarness.builder().build()) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendClose(1000, "bye");
      WireFrame close = ws.upstream().expectClose(1000, "bye");
      assertThat(close.closeReason()).isEqualTo("bye");
      ws.upstream().sendClose(1000);
      ws.client().expectClose(1000).type();
      ws.client().expectDisconnected();
      ws.upstream().expectDisconnected();
      assertThat(ws.isFinished()).isTrue();
      assertThatThrownBy(() -> ws.client().sendText("late")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("disconnected");
    }
  }

  @Test
  void h3UpstreamAnswerIsScriptedAfterConnect() {
    try (FrameHarness harness = FrameHarness.builder().build()) {
      HarnessConnection ws = harness.connect(HandshakeSpec.path("/chat").subprotocols("v1", "v2").header("Authorization", "Bearer x"));
      assertThat(ws.upstream().handshakeRequest().subprotocols()).containsExactly("v1", "v2");
      ws.upstream().accept("v2");
      assertThat(ws.handshake().status()).isEqualTo(101);
      assertThat(ws.handshake().subprotocol()).contains("v2");
      assertThat(ws.upstream().handshakeRequest().header("authorization")).contains("Bearer x");
    }
  }

  @Test
  void h2UpstreamRejectionReachesTheClientAndTheClientCannotSend() {
    try (FrameHarness harness = FrameHarness.builder().build()) {
      HarnessConnection ws = harness.connect("/chat");
      ws.upstream().reject(403);
      assertThat(ws.handshake().status()).isEqualTo(403);
      assertThatThrownBy(() -> ws.client().sendText("x")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not open");
    }
  }

  @Test
  void h1MalformedUpgradeIsRefusedBeforeTheEngine() {
    try (FrameHarness harness = FrameHarness.builder().build()) {
      HarnessConnection ws = harness.connect(HandshakeSpec.path("/chat").withoutHeader("Sec-WebSocket-Key"));
      assertThat(ws.handshake().status()).isEqualTo(400);
      assertThat(ws.handshake().body()).contains("Sec-WebSocket-Key");
      assertThat(ws.upstream().wasContacted()).isFalse();
    }
  }

  @Test
  void c5CloseLingerRunsOnTheVirtualClock() {
    EngineSettings settings = new EngineSettings(1 << 20, 16 << 20, 0, 0, Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, false);
    try (FrameHarness harness = FrameHarness.builder().settings(settings).build()) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendClose(1000);
      ws.upstream().expectClose(1000);
      harness.advance(Duration.ofSeconds(29));
      ws.client().expectConnected();
      harness.advance(Duration.ofSeconds(2));
      ws.client().expectDisconnected();
      ws.upstream().expectDisconnected();
      assertThat(harness.clock().elapsed()).isEqualTo(Duration.ofSeconds(31));
    }
  }

  @Test
  void a1FragmentsArriveAsOneMessage() {
    try (FrameHarness harness = FrameHarness.builder().build()) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendFragments(FrameType.TEXT, "he", "llo");
      assertThat(ws.upstream().nextFrame().payload()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void closingTheHarnessShutsDownOpenConnections() {
    FrameHarness harness = FrameHarness.builder().build();
    HarnessConnection ws = harness.connect("/chat");
    ws.client().sendText("x");
    harness.close();
    assertThat(ws.client().received()).last().extracting(f -> f.closeCode().getAsInt()).isEqualTo(1001);
    assertThatThrownBy(() -> harness.connect("/again")).isInstanceOf(IllegalStateException.class);
  }
}
