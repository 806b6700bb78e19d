package dev.framegate.plugins.sizelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.FrameType;
import dev.framegate.api.config.ConfigException;
import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HarnessConnection;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SizeLimitPluginTest {

  private static FrameHarness harness(Map<String, ?> config) {
    return FrameHarness.builder().plugin(SizeLimitPlugin.class, config).build();
  }

  @Test
  void clientMessageAtTheLimitPassesAndOneByteMoreClosesTheClientWith1009() {
    try (FrameHarness harness = harness(Map.of("client-max-payload", 16))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("x".repeat(16));
      ws.upstream().expectText("x".repeat(16));
      ws.client().sendText("x".repeat(17));
      ws.client().expectClose(1009, "Payload Too Large");
      ws.upstream().expectClose(1001);
    }
  }

  @Test
  void theLimitCountsTheWholeReassembledMessage() {
    try (FrameHarness harness = harness(Map.of("client-max-payload", 10))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendFragments(FrameType.TEXT, "12345", "67890");
      ws.upstream().expectText("1234567890");
      ws.client().sendFragments(FrameType.BINARY, new byte[6], new byte[5]);
      ws.client().expectClose(1009, "Payload Too Large");
      ws.upstream().expectClose(1001);
    }
  }

  @Test
  void upstreamMessageOverItsLimitClosesTheUpstreamWith1009AndTheClientWith1001() {
    try (FrameHarness harness = harness(Map.of("upstream-max-payload", "8"))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("a long client message is not limited");
      ws.upstream().expectText("a long client message is not limited");
      ws.upstream().sendBinary(new byte[8]);
      ws.client().expectBinary(new byte[8]);
      ws.upstream().sendBinary(new byte[9]);
      ws.upstream().expectClose(1009, "Payload Too Large");
      ws.client().expectClose(1001);
    }
  }

  @Test
  void bothLimitsApplyIndependently() {
    try (FrameHarness harness = harness(Map.of("client-max-payload", 4, "upstream-max-payload", 100))) {
      HarnessConnection ws = harness.connect("/chat");
      byte[] ninetyNine = new byte[99];
      Arrays.fill(ninetyNine, (byte) 7);
      ws.upstream().sendBinary(ninetyNine);
      ws.client().expectBinary(ninetyNine);
      ws.client().sendText("12345");
      ws.client().expectClose(1009);
      ws.upstream().expectClose(1001);
    }
  }

  @Test
  void controlFramesAreNotLimitedByTheMessageLimit() {
    try (FrameHarness harness = harness(Map.of("client-max-payload", 1))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendPing("ping-payload".getBytes());
      ws.upstream().expectPing("ping-payload".getBytes());
    }
  }

  @Test
  void limitsMustBeWithinTheEngineRangeAndKeysAreDashed() {
    assertThatThrownBy(() -> harness(Map.of("client-max-payload", 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client-max-payload: must be between 1 and 33554432");
    assertThatThrownBy(() -> harness(Map.of("upstream-max-payload", 33554433)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("upstream-max-payload: must be between 1 and 33554432");
    assertThatThrownBy(() -> harness(Map.of("client_max_payload", 10)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client_max_payload");
  }

  @Test
  void withoutLimitsTheRouteLimitsStay() {
    try (FrameHarness harness = harness(Map.of())) {
      HarnessConnection ws = harness.connect("/chat");
      byte[] oneMebibyte = new byte[1024 * 1024];
      ws.client().sendBinary(oneMebibyte);
      ws.upstream().expectBinary(oneMebibyte);
      ws.client().sendBinary(new byte[1024 * 1024 + 1]);
      ws.client().expectClose(1009);
    }
  }

  @Test
  void theLargestLimitIsAccepted() {
    try (FrameHarness harness = harness(Map.of("client-max-payload", SizeLimitPlugin.MAX_LIMIT))) {
      HarnessConnection ws = harness.connect("/chat");
      assertThat(ws.handshake().status()).isEqualTo(101);
    }
  }
}
