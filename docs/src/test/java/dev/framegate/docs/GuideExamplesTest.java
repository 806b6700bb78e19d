package dev.framegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FrameType;
import dev.framegate.engine.EngineSettings;
import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HandshakeSpec;
import dev.framegate.harness.HarnessConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuideExamplesTest {

  @Test
  void firstTest() {
    // tag::first-test[]
    try (FrameHarness harness = FrameHarness.builder()
        .plugin(new Censor(), new Censor.Config(List.of("darn"), false))
        .build()) {
      HarnessConnection ws = harness.connect(HandshakeSpec.path("/chat").header("Authorization", "Bearer t"));
      ws.client().sendText("oh darn");
      ws.upstream().expectText("oh ***");
      ws.upstream().sendText("never mind");
      ws.client().expectText("never mind");
    }
    // end::first-test[]
  }

  @Test
  void configTree() {
    // tag::config-tree[]
    try (FrameHarness harness = FrameHarness.builder()
        .plugin(Censor.class, Map.of("words", List.of("darn"), "closeOnRepeat", "true"))
        .build()) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("darn");
      ws.upstream().expectText("***");
      ws.client().sendText("darn again");
      ws.client().expectClose(1008, "language");
      ws.upstream().expectClose(1001);
    }
    // end::config-tree[]
  }

  @Test
  void fragments() {
    try (FrameHarness harness = FrameHarness.builder()
        .plugin(new Censor(), new Censor.Config(List.of("darn"), false)).build()) {
      HarnessConnection ws = harness.connect("/chat");
      // tag::fragments[]
      ws.client().sendFragments(FrameType.TEXT, "oh da", "rn");   // one message, two frames
      ws.upstream().expectText("oh ***");                          // the plugin saw it whole
      ws.client().sendRaw(false, 0, 0x1, "half".getBytes());      // a first fragment...
      ws.client().sendPing("p".getBytes());                        // ...a ping between fragments
      ws.upstream().expectPing("p".getBytes());                    // is forwarded at once
      // end::fragments[]
    }
  }

  @Test
  void closeCodes() {
    try (FrameHarness harness = FrameHarness.builder().build()) {
      HarnessConnection ws = harness.connect("/chat");
      // tag::close[]
      ws.client().sendClose(1000, "bye");
      ws.upstream().expectClose(1000, "bye");    // the close frame crossed the plugins
      ws.upstream().sendText("one last thing");  // the upstream may still send...
      ws.client().expectText("one last thing");
      ws.upstream().sendClose(1000);             // ...until it answers
      ws.client().expectClose(1000);
      ws.client().expectDisconnected();
      assertThat(ws.isFinished()).isTrue();      // the close phase has run
      // end::close[]
    }
  }

  @Test
  void virtualClock() {
    // tag::clock[]
    EngineSettings settings = EngineSettings.DEFAULTS.withIdleTimeout(Duration.ofSeconds(60));
    try (FrameHarness harness = FrameHarness.builder().settings(settings).build()) {
      HarnessConnection ws = harness.connect("/chat");
      harness.clock().advance(Duration.ofSeconds(59));
      ws.client().expectNothing();
      harness.clock().advance(Duration.ofSeconds(2));           // costs no real time
      ws.client().expectClose(1001);
      ws.upstream().expectClose(1001);
    }
    // end::clock[]
  }

  @Test
  void upstreamAnswers() {
    try (FrameHarness harness = FrameHarness.builder().build()) {
      // tag::upstream[]
      HarnessConnection ws = harness.connect(HandshakeSpec.path("/chat").subprotocols("v1", "v2"));
      ws.upstream().accept("v2");          // or reject(403), unreachable(), stayQuiet()
      assertThat(ws.handshake().status()).isEqualTo(101);
      assertThat(ws.handshake().subprotocol()).contains("v2");
      assertThat(ws.upstream().handshakeRequest().header("x-forwarded-for")).contains("127.0.0.1");
      // end::upstream[]
    }
  }

  @Test
  void rateLimitOnVirtualTime() {
    // tag::rate-limit-test[]
    try (FrameHarness harness = FrameHarness.builder()
        .plugin(RateLimit.class, Map.of("messages", 2, "per", "1s"))
        .build()) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("1").sendText("2");
      harness.advance(Duration.ofMillis(300));
      ws.client().sendText("3");                         // the third in the same second
      ws.upstream().expectText("1").expectText("2").expectNothing();
      ws.client().expectText("rate limited: retry in 700 ms");
      harness.advance(Duration.ofMillis(700));           // the plugin's timer opens a new window
      ws.client().sendText("4");
      ws.upstream().expectText("4");
    }
    // end::rate-limit-test[]
  }
}
