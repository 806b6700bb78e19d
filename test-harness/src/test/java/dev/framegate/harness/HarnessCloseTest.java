package dev.framegate.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.framegate.api.FrameType;
import dev.framegate.harness.junit.FramegateTest;
import dev.framegate.harness.junit.WithPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Issue 10 finding 5: closing the harness runs the close phases it promises. */
class HarnessCloseTest {

  @BeforeEach
  void clear() {
    CloseRecorder.CLOSES.clear();
  }

  @Test
  void closeCompletesTheCloseHandshakesSoThatClosePhasesRun() {
    FrameHarness harness = FrameHarness.builder().plugin(new CloseRecorder()).build();
    HarnessConnection ws = harness.connect("/chat");
    ws.client().sendText("x");
    harness.close();
    assertThat(CloseRecorder.CLOSES).containsExactly("SHUTDOWN client=OptionalInt[1001] upstream=OptionalInt[1001]");
    assertThat(ws.isFinished()).isTrue();
    assertThat(ws.client().isDisconnected()).isTrue();
    assertThat(ws.upstream().isDisconnected()).isTrue();
    assertThat(ws.transcript())
        .contains("closing: the runtime shuts down, the simulated sides answer its close frames")
        .contains("client → gateway     CLOSE 1001")
        .contains("upstream → gateway   CLOSE 1001");
  }

  @Test
  void closeRunsTheClosePhaseOfEveryKindOfUnfinishedConnection() {
    FrameHarness harness = FrameHarness.builder().plugin(new CloseRecorder()).build();
    harness.connect("/open");
    HarnessConnection quiet = harness.connect("/quiet");
    quiet.upstream().stayQuiet();
    HarnessConnection halfClosed = harness.connect("/half-closed");
    halfClosed.client().sendClose(1000, "bye");           // the upstream has not answered yet
    HarnessConnection midFrame = harness.connect("/mid-frame");
    midFrame.client().sendFrameHeader(true, 0, FrameType.BINARY.opcode(), 10); // a payload never sent
    harness.close();
    assertThat(CloseRecorder.CLOSES).containsExactlyInAnyOrder(
        "SHUTDOWN client=OptionalInt[1001] upstream=OptionalInt[1001]",
        "SHUTDOWN client=OptionalInt.empty upstream=OptionalInt.empty",
        "CLIENT_CLOSE client=OptionalInt[1001] upstream=OptionalInt[1000]", // the shutdown answered the client
        "SHUTDOWN client=OptionalInt[1001] upstream=OptionalInt[1001]");
    assertThat(harness.connections()).allMatch(HarnessConnection::isFinished);
  }

  @Test
  void theJunitExtensionClosesTheHarnessTheSameWay() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(LeavesAConnectionOpen.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(CloseRecorder.CLOSES).containsExactly("SHUTDOWN client=OptionalInt[1001] upstream=OptionalInt[1001]");
  }

  /** Run by {@link #theJunitExtensionClosesTheHarnessTheSameWay} only (surefire skips nested classes). */
  @FramegateTest
  @WithPlugin(CloseRecorder.class)
  static class LeavesAConnectionOpen {

    @Test
    void opensAndLeaves(FrameHarness harness) {
      harness.connect("/chat").client().sendText("left open");
      assertThat(CloseRecorder.CLOSES).isEmpty();
    }
  }
}
