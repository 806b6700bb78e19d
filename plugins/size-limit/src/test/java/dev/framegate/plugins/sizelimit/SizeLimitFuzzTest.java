package dev.framegate.plugins.sizelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import dev.framegate.harness.fuzz.FrameFuzzer;
import dev.framegate.harness.fuzz.FrameSequence;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated frame sequences: the engine's invariants hold, and no message over a limit gets through. */
class SizeLimitFuzzTest {

  private static final int CLIENT_LIMIT = 100;
  private static final int UPSTREAM_LIMIT = 300;

  final FrameFuzzer fuzzer = FrameFuzzer.builder()
      .plugin(SizeLimitPlugin.class, Map.of("client-max-payload", CLIENT_LIMIT, "upstream-max-payload", UPSTREAM_LIMIT))
      .property("no message over its sender's limit is delivered", run -> {
        for (WireFrame message : run.messagesSentTo(Side.UPSTREAM)) {
          assertThat(message.payload().length).isLessThanOrEqualTo(CLIENT_LIMIT);
        }
        for (WireFrame message : run.messagesSentTo(Side.CLIENT)) {
          assertThat(message.payload().length).isLessThanOrEqualTo(UPSTREAM_LIMIT);
        }
      })
      .build();

  @Property(tries = 100)
  void limits(@ForAll("sequences") FrameSequence sequence) {
    fuzzer.run(sequence);
  }

  @Provide
  Arbitrary<FrameSequence> sequences() {
    return fuzzer.sequences();
  }
}
