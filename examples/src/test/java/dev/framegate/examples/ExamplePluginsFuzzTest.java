package dev.framegate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FrameType;
import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import dev.framegate.harness.fuzz.FrameFuzzer;
import dev.framegate.harness.fuzz.FrameSequence;
import dev.framegate.harness.recording.RecordedEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The example plugins keep the engine's invariants on generated frame sequences, and their own promises. */
class ExamplePluginsFuzzTest {

  final FrameFuzzer uppercase = FrameFuzzer.builder()
      .plugin(UppercasePlugin.class, Map.of("direction", "both"))
      .property("every text message written to either side is upper case", run -> {
        for (Side side : Side.values()) {
          for (WireFrame frame : run.messagesSentTo(side)) {
            if (frame.type() == FrameType.TEXT) {
              assertThat(frame.text()).isEqualTo(frame.text().toUpperCase(Locale.ROOT));
            }
          }
        }
      })
      .build();

  final FrameFuzzer redact = FrameFuzzer.builder()
      .plugin(RedactPlugin.class, Map.of("words", List.of("secret", "a"), "replacement", "***"))
      .property("no text message written to the upstream holds a redacted word", run -> {
        for (WireFrame frame : run.messagesSentTo(Side.UPSTREAM)) {
          if (frame.type() == FrameType.TEXT) {
            assertThat(frame.text()).doesNotContainPattern("(?i)\\b(?:secret|a)\\b");
          }
        }
      })
      .build();

  final FrameFuzzer redactAndDrop = FrameFuzzer.builder()
      .plugin(RedactPlugin.class, Map.of("words", List.of("a"), "drop", "true"))
      .plugin(UppercasePlugin.class, Map.of())
      .property("a dropped message is reported as dropped by redact", run -> {
        for (RecordedEvent.Dropped dropped : run.recording().events(RecordedEvent.Dropped.class)) {
          assertThat(dropped.plugin()).isEqualTo("redact");
        }
      })
      .build();

  @Property(tries = 150)
  void uppercase(@ForAll("uppercaseSequences") FrameSequence sequence) {
    uppercase.run(sequence);
  }

  @Property(tries = 150)
  void redact(@ForAll("redactSequences") FrameSequence sequence) {
    redact.run(sequence);
  }

  @Property(tries = 100)
  void redactThatDropsBeforeUppercase(@ForAll("redactAndDropSequences") FrameSequence sequence) {
    redactAndDrop.run(sequence);
  }

  @Provide
  Arbitrary<FrameSequence> uppercaseSequences() {
    return uppercase.sequences();
  }

  @Provide
  Arbitrary<FrameSequence> redactSequences() {
    return redact.sequences();
  }

  @Provide
  Arbitrary<FrameSequence> redactAndDropSequences() {
    return redactAndDrop.sequences();
  }
}
