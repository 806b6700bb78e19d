package dev.framegate.harness.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.FrameType;
import dev.framegate.engine.EngineSettings;
import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HandshakeSpec;
import dev.framegate.harness.HarnessConnection;
import dev.framegate.harness.Uppercase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

  @TempDir
  Path dir;

  private static FrameHarness harness(String suffix) {
    return FrameHarness.builder().plugin(new Uppercase(), new Uppercase.Config(suffix))
        .settings(EngineSettings.DEFAULTS.withMaxPayload(1000, 1000)).build();
  }

  /** A conversation with fragments, a ping, time passing and a close handshake, recorded to a file. */
  private Path record(String suffix) {
    try (FrameHarness harness = harness(suffix)) {
      HarnessConnection ws = harness.connect(HandshakeSpec.path("/chat").query("room=1")
          .header("Authorization", "Bearer secret").subprotocols("v1"));
      ws.upstream().accept("v1");
      ws.client().sendText("hello");
      ws.client().sendFragments(FrameType.TEXT, "{\"ts\":1,\"m\":\"fra", "gmented\"}");
      harness.advance(Duration.ofMillis(250));
      ws.upstream().sendText("{\"ts\":17,\"reply\":\"ok\"}");
      ws.client().sendPing(new byte[] {1, 2});
      ws.upstream().sendBinary(new byte[] {(byte) 0xff, 0});
      harness.advance(Duration.ofSeconds(2));
      ws.client().sendClose(1000, "bye");
      ws.upstream().sendClose(1000, "bye");
      assertThat(ws.isFinished()).isTrue();
      Path file = dir.resolve("chat-" + suffix.length() + ".jsonl");
      ws.recording().write(file);
      return file;
    }
  }

  @Test
  void aRecordingReplaysGreenWithTheSamePlugins() {
    Recording recording = Recording.read(record("!"));
    assertThat(recording.events(RecordedEvent.Sent.class)).isNotEmpty();
    try (FrameHarness harness = harness("!")) {
      ReplayResult result = harness.replay(recording);
      assertThat(result.matched()).isTrue();
      assertThat(result.replayed().events()).hasSameSizeAs(recording.events());
    }
  }

  @Test
  void aChangedPluginFailsWithBothTranscriptsSideBySideAtTheFirstDifference() {
    Recording recording = Recording.read(record("!"));
    try (FrameHarness harness = harness("?")) {
      assertThatThrownBy(() -> harness.replay(recording))
          .isInstanceOf(ReplayMismatch.class)
          .hasMessageContaining("replay of chat-1.jsonl differs from the recording at event 6: the events differ")
          .hasMessageContaining("recorded")
          .hasMessageContaining("replayed")
          .hasMessageContaining(">>    6 t=0.000s gateway → upstream TEXT len=6 \"HELLO!\"")
          .hasMessageContaining("≠ t=0.000s gateway → upstream TEXT len=6 \"HELLO?\"");
    }
  }

  @Test
  void timingDifferencesFailUnlessIgnored() {
    Recording recording = Recording.read(record("!"));
    // Every event after the handshake happens a second later than recorded: as if the runtime had been slow.
    java.util.List<RecordedEvent> later = new java.util.ArrayList<>();
    for (RecordedEvent event : recording.events()) {
      later.add(event.time() > 0 ? shift(event, 1_000_000_000L) : event);
    }
    Recording slow = new Recording(recording.header(), later);
    try (FrameHarness harness = harness("!")) {
      assertThat(harness.replay(slow, ReplayOptions.defaults().withTimeTolerance(Duration.ofMillis(1100))).matched()).isTrue();
    }
    Recording shifted = new Recording(recording.header(), later.subList(0, later.size()));
    java.util.List<RecordedEvent> outputsLate = new java.util.ArrayList<>();
    for (RecordedEvent event : recording.events()) {
      outputsLate.add(event instanceof RecordedEvent.Sent ? shift(event, 900_000_000L) : event);
    }
    Recording late = new Recording(shifted.header(), outputsLate);
    try (FrameHarness harness = harness("!")) {
      assertThatThrownBy(() -> harness.replay(late)).isInstanceOf(ReplayMismatch.class)
          .hasMessageContaining("the times differ by 900 ms (tolerance 500 ms");
    }
    try (FrameHarness harness = harness("!")) {
      assertThat(harness.replay(late, ReplayOptions.defaults().ignoringTiming()).matched()).isTrue();
    }
  }

  private static RecordedEvent shift(RecordedEvent event, long nanos) {
    String line = dev.framegate.harness.internal.RecordingCodec.writeEvent(event)
        .replaceFirst("\"t\":" + event.time(), "\"t\":" + (event.time() + nanos));
    return dev.framegate.harness.internal.RecordingCodec.readEvent(line);
  }

  @Test
  void ignoredJsonFieldsAreLeftOutOfTheComparison() throws Exception {
    Path file = record("!");
    // the reply the client got carried another time stamp when it was recorded
    StringBuilder text = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      text.append(line.contains("\"event\":\"send\"") ? line.replace("{\\\"ts\\\":17,", "{\\\"ts\\\":99,") : line)
          .append('\n');
    }
    assertThat(text.toString()).contains("{\\\"ts\\\":99,");
    Files.writeString(file, text);
    Recording changed = Recording.read(file);
    try (FrameHarness harness = harness("!")) {
      assertThatThrownBy(() -> harness.replay(changed)).isInstanceOf(ReplayMismatch.class)
          .hasMessageContaining("upstream → gateway TEXT");
    }
    try (FrameHarness harness = harness("!")) {
      assertThat(harness.replay(changed, ReplayOptions.defaults().ignoringJsonFields("ts")).matched()).isTrue();
    }
    try (FrameHarness harness = harness("!")) {
      assertThat(harness.replay(changed, ReplayOptions.defaults().ignoringJsonFields("/ts")).matched()).isTrue();
    }
  }

  @Test
  void acceptingANewGoldenRewritesTheRecordingWhichThenReplaysGreen() {
    Path file = record("!");
    try (FrameHarness harness = harness("?")) {
      ReplayResult result = harness.replay(Recording.read(file), ReplayOptions.defaults().acceptingNewGolden());
      assertThat(result.matched()).isFalse();
      assertThat(result.goldenRewritten()).isTrue();
    }
    try (FrameHarness harness = harness("?")) {
      assertThat(harness.replay(Recording.read(file)).matched()).isTrue();
    }
    try (FrameHarness harness = harness("!")) {
      assertThatThrownBy(() -> harness.replay(Recording.read(file))).isInstanceOf(ReplayMismatch.class);
    }
  }

  @Test
  void aFrameRefusedAtItsHeaderIsRecordedAndRefusedAgainOnReplay() {
    Path file = dir.resolve("too-big.jsonl");
    try (FrameHarness harness = harness("!")) {
      HarnessConnection ws = harness.connect("/");
      ws.client().sendBinary(new byte[2000]);
      ws.client().expectClose(1009);
      ws.recording().write(file);
    }
    Recording recording = Recording.read(file);
    assertThat(recording.events(RecordedEvent.RefusedHeader.class)).singleElement()
        .satisfies(refused -> assertThat(refused.length()).isEqualTo(2000));
    try (FrameHarness harness = harness("!")) {
      assertThat(harness.replay(recording).matched()).isTrue();
    }
  }

  @Test
  void aRecordingFromAnotherRunReplaysTheSidesAsRecordedEvenWhenTheGatewayClosesEarlier() {
    Recording recording = Recording.read(record("!"));
    try (FrameHarness harness = FrameHarness.builder().plugin(new Uppercase(), new Uppercase.Config("!"))
        .settings(EngineSettings.DEFAULTS.withMaxPayload(10, 1000)).build()) {
      // The client's 28-byte message is now over its limit: the gateway closes it with 1009, and the
      // frames the client sent afterwards in the recording cannot happen.
      assertThatThrownBy(() -> harness.replay(recording)).isInstanceOf(ReplayMismatch.class)
          .hasMessageContaining("gateway → client CLOSE 1009");
    }
  }
}
