package dev.framegate.harness.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.Uppercase;
import dev.framegate.harness.junit.FramegateTest;
import dev.framegate.harness.junit.ReplayRecordings;
import dev.framegate.harness.junit.WithPlugin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** {@code @ReplayRecordings} runs one test per recording in a folder. */
@FramegateTest
class ReplayRecordingsTest {

  @ReplayRecordings("src/test/resources/recordings")
  @WithPlugin(value = Uppercase.class, config = "suffix=!")
  void replaysEachRecording(FrameHarness harness, Recording recording, Path file) {
    assertThat(file.getFileName().toString()).isEqualTo(recording.name());
    harness.replay(recording);
  }

  @Test
  void eachFileIsATestOfItsOwnNamedAfterIt() {
    List<Event> finished = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(WithAnotherSuffix.class))
        .execute().testEvents().finished().list();
    assertThat(finished).extracting(e -> e.getTestDescriptor().getDisplayName())
        .containsExactly("hello.jsonl", "vanishing-client.jsonl");
    assertThat(finished).extracting(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow().getStatus().name())
        .containsExactly("FAILED", "SUCCESSFUL"); // only hello.jsonl has client text the suffix changes
  }

  @Test
  void aMissingFolderFailsWithItsPath() {
    List<Event> failed = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(MissingFolder.class))
        .execute().containerEvents().failed().list();
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow().getMessage())
        .contains("@ReplayRecordings: folder").contains("no-such-folder").contains("does not exist");
  }

  /** Run by {@link #eachFileIsATestOfItsOwnNamedAfterIt} only. */
  @FramegateTest
  static class WithAnotherSuffix {
    @ReplayRecordings("src/test/resources/recordings")
    @WithPlugin(value = Uppercase.class, config = "suffix=?")
    void replays(FrameHarness harness, Recording recording) {
      harness.replay(recording);
    }
  }

  /** Run by {@link #aMissingFolderFailsWithItsPath} only. */
  @FramegateTest
  static class MissingFolder {
    @ReplayRecordings("src/test/resources/no-such-folder")
    void replays(Recording recording) {}
  }
}
