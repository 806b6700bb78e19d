package dev.framegate.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HarnessConnection;
import dev.framegate.harness.junit.FramegateTest;
import dev.framegate.harness.junit.ReplayRecordings;
import dev.framegate.harness.junit.WithPlugin;
import dev.framegate.harness.recording.RecordedEvent;
import dev.framegate.harness.recording.Recording;
import dev.framegate.harness.recording.ReplayMismatch;
import dev.framegate.harness.recording.ReplayOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of from-traffic-to-test.md, compiled and run. */
@FramegateTest
class TrafficGuideTest {

  @TempDir
  Path dir;

  // tag::traffic-annotation[]
  @ReplayRecordings("src/test/resources/recordings")
  @WithPlugin(value = Censor.class, config = {"words[]=darn", "closeOnRepeat=false"})
  void behavesAsRecorded(FrameHarness harness, Recording recording) {
    harness.replay(recording);
  }
  // end::traffic-annotation[]

  @Test
  void readAndReplay() {
    // tag::traffic-replay[]
    Recording recording = Recording.read(Path.of("src/test/resources/recordings/censored-chat.jsonl"));
    try (FrameHarness harness = FrameHarness.builder()
        .plugin(new Censor(), new Censor.Config(List.of("darn"), false))
        .build()) {
      harness.replay(recording);                    // throws ReplayMismatch on a difference
    }
    // end::traffic-replay[]
    assertThat(recording.events(RecordedEvent.Rewritten.class)).extracting(RecordedEvent.Rewritten::plugin)
        .containsOnly("censor");
  }

  @Test
  void aChangedPluginFails() {
    Recording recording = Recording.read(Path.of("src/test/resources/recordings/censored-chat.jsonl"));
    try (FrameHarness harness = FrameHarness.builder()
        .plugin(new Censor(), new Censor.Config(List.of("oh"), false)).build()) {
      assertThatThrownBy(() -> harness.replay(recording)).isInstanceOf(ReplayMismatch.class)
          .hasMessageContaining("replay of censored-chat.jsonl differs from the recording at event 6: the events differ")
          .hasMessageContaining(">>    6 t=0.000s gateway → upstream TEXT len=6 \"oh ***\"")
          .hasMessageContaining("≠ t=0.000s gateway → upstream TEXT len=8 \"*** darn\"");
    }
  }

  @Test
  void options() {
    Recording recording = Recording.read(Path.of("src/test/resources/recordings/censored-chat.jsonl"));
    try (FrameHarness harness = FrameHarness.builder()
        .plugin(new Censor(), new Censor.Config(List.of("darn"), false)).build()) {
      // tag::traffic-options[]
      harness.replay(recording, ReplayOptions.defaults()
          .ignoringTiming()                          // the order of events, not their times
          .ignoringJsonFields("ts", "/meta/id")      // a name at any depth, or a JSON pointer
          .ignoringHeaders("x-forwarded-proto"));    // e.g. recorded behind a wss listener
      // end::traffic-options[]
    }
  }

  @Test
  void acceptANewGolden() throws Exception {
    Path file = Files.copy(Path.of("src/test/resources/recordings/censored-chat.jsonl"), dir.resolve("chat.jsonl"),
        StandardCopyOption.REPLACE_EXISTING);
    // tag::traffic-golden[]
    try (FrameHarness harness = FrameHarness.builder()
        .plugin(new Censor(), new Censor.Config(List.of("darn", "it"), false))   // the intended change
        .build()) {
      var result = harness.replay(Recording.read(file), ReplayOptions.defaults().acceptingNewGolden());
      assertThat(result.goldenRewritten()).isTrue();   // the file now holds the new behaviour
    }
    // end::traffic-golden[]
    assertThat(Files.readString(file)).contains("*** ***");
    try (FrameHarness harness = FrameHarness.builder()
        .plugin(new Censor(), new Censor.Config(List.of("darn", "it"), false)).build()) {
      assertThat(harness.replay(Recording.read(file)).matched()).isTrue();
    }
  }

  @Test
  void recordAHarnessConnection() {
    try (FrameHarness harness = FrameHarness.builder()
        .plugin(new Censor(), new Censor.Config(List.of("darn"), false)).build()) {
      // tag::traffic-record-in-test[]
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("oh darn");
      ws.recording().write(dir.resolve("from-a-test.jsonl"));   // the same format the runtime writes
      // end::traffic-record-in-test[]
    }
    assertThat(Recording.read(dir.resolve("from-a-test.jsonl")).events(RecordedEvent.Sent.class)).isNotEmpty();
  }
}
