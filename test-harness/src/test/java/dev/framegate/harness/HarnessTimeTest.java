package dev.framegate.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 10 finding 3: plugins read the harness's virtual clock and their timers run on it. */
class HarnessTimeTest {

  /** Sends the client a heartbeat every 10 s, stamped with the plugin's clock. */
  @FramegatePlugin(name = "heartbeat")
  public static final class Heartbeat implements FramePlugin<NoConfig> {
    @Override
    public void onHandshake(WsContext ws, NoConfig config) {
      ws.scheduleRepeating(Duration.ofSeconds(10), task -> task.client().sendText("beat " + task.clock().now()));
    }
  }

  @Test
  void timersRunWhenTheVirtualClockReachesThemAndShowInTheTranscript() {
    VirtualClock clock = new VirtualClock(Instant.parse("2030-01-01T00:00:00Z"));
    try (FrameHarness harness = FrameHarness.builder().clock(clock).plugin(new Heartbeat()).build()) {
      HarnessConnection ws = harness.connect("/chat");
      harness.advance(Duration.ofSeconds(9));
      ws.client().expectNothing();
      harness.advance(Duration.ofSeconds(1));
      ws.client().expectText("beat 2030-01-01T00:00:10Z");
      harness.advance(Duration.ofSeconds(20));
      ws.client().expectText("beat 2030-01-01T00:00:20Z").expectText("beat 2030-01-01T00:00:30Z").expectNothing();
      assertThat(ws.transcript())
          .contains("plugin heartbeat     schedules a task every 10 s")
          .contains("t=   10.000s  plugin heartbeat     timer task runs (client direction)")
          .contains("t=   10.000s  gateway → client     TEXT len=");
    }
  }

  @Test
  void theClockStartsAtTheEpochByDefault() {
    VirtualClock clock = new VirtualClock();
    assertThat(clock.now()).isEqualTo(Instant.EPOCH);
    clock.advance(Duration.ofMillis(1500));
    assertThat(clock.now()).isEqualTo(Instant.EPOCH.plusMillis(1500));
  }

  @Test
  void closingTheHarnessCancelsTimers() {
    FrameHarness harness = FrameHarness.builder().plugin(new Heartbeat()).build();
    HarnessConnection ws = harness.connect("/chat");
    harness.close();
    assertThat(harness.clock().pendingTasks()).isZero();
    assertThat(ws.isFinished()).isTrue();
  }
}
