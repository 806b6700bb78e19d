package dev.framegate.plugins.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FrameType;
import dev.framegate.engine.Side;
import dev.framegate.harness.fuzz.FrameFuzzer;
import dev.framegate.harness.fuzz.FrameSequence;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated frame sequences on virtual time: the engine's invariants hold, and with a rate that
 * refills nothing within a run, no more client messages than the burst reach the upstream.
 */
class RateLimitFuzzTest {

  private static final int BURST = 3;

  private static FrameFuzzer fuzzer(String onExcess) {
    return FrameFuzzer.builder()
        .plugin(RateLimitPlugin.class, Map.of("messages-per-second", 1e-9, "message-burst", BURST, "on-excess", onExcess))
        .property("at most the burst of client messages is delivered", run -> {
          long messages = run.messagesSentTo(Side.UPSTREAM).stream()
              .filter(frame -> frame.type() == FrameType.TEXT || frame.type() == FrameType.BINARY)
              .count();
          assertThat(messages).isLessThanOrEqualTo(BURST);
        })
        .build();
  }

  final FrameFuzzer dropping = fuzzer("drop");
  final FrameFuzzer closing = fuzzer("close");

  @Property(tries = 100)
  void dropMode(@ForAll("droppingSequences") FrameSequence sequence) {
    dropping.run(sequence);
  }

  @Property(tries = 100)
  void closeMode(@ForAll("closingSequences") FrameSequence sequence) {
    closing.run(sequence);
  }

  @Provide
  Arbitrary<FrameSequence> droppingSequences() {
    return dropping.sequences();
  }

  @Provide
  Arbitrary<FrameSequence> closingSequences() {
    return closing.sequences();
  }
}
