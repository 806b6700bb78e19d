package dev.framegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FrameType;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import dev.framegate.harness.fuzz.FrameArbitraries;
import dev.framegate.harness.fuzz.FrameFuzzer;
import dev.framegate.harness.fuzz.FrameSequence;
import dev.framegate.harness.fuzz.FuzzRun;
import dev.framegate.harness.fuzz.FuzzStep;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The examples of fuzzing.md, compiled and run. */
class FuzzingGuideTest {

  // tag::fuzz-property[]
  final FrameFuzzer fuzzer = FrameFuzzer.builder()
      .plugin(new Censor(), new Censor.Config(List.of("darn"), true))
      .build();

  @Property(tries = 100)
  void censorKeepsTheEngineInvariants(@ForAll("sequences") FrameSequence sequence) {
    fuzzer.run(sequence);          // fails with the broken invariant, the sequence and the transcript
  }

  @Provide
  Arbitrary<FrameSequence> sequences() {
    return fuzzer.sequences();
  }
  // end::fuzz-property[]

  // tag::fuzz-own-property[]
  final FrameFuzzer withPromise = FrameFuzzer.builder()
      .plugin(new Censor(), new Censor.Config(List.of("darn"), false))
      .property("no text reaching the upstream says darn", run -> {
        for (WireFrame message : run.messagesSentTo(Side.UPSTREAM)) {
          if (message.type() == FrameType.TEXT) {
            assertThat(message.text()).doesNotContain("darn");
          }
        }
      })
      .build();

  @Property(tries = 100)
  void censorKeepsItsPromise(@ForAll("promiseSequences") FrameSequence sequence) {
    withPromise.run(sequence);
  }
  // end::fuzz-own-property[]

  @Provide
  Arbitrary<FrameSequence> promiseSequences() {
    return withPromise.sequences();
  }

  // tag::fuzz-own-arbitrary[]
  final FrameFuzzer tight = FrameFuzzer.builder()
      .plugin(new Censor(), new Censor.Config(List.of("darn"), false))
      .settings(EngineSettings.DEFAULTS.withMaxPayload(4096, 4096))   // sizes around 4 KiB
      .build();

  @Provide
  Arbitrary<FrameSequence> clientTalksMore() {
    FrameArbitraries frames = tight.arbitraries();
    Arbitrary<FuzzStep> step = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, frames.message(Side.CLIENT)),
        net.jqwik.api.Tuple.of(1, frames.close(Side.UPSTREAM)),
        net.jqwik.api.Tuple.of(1, frames.advance()));
    return step.list().ofMinSize(1).ofMaxSize(30).map(FrameSequence::new);
  }

  @Property(tries = 50)
  void censorUnderTightLimits(@ForAll("clientTalksMore") FrameSequence sequence) {
    FuzzRun run = tight.run(sequence);
    assertThat(run.finish()).isPresent();   // every run ends, and its close phase ran
  }
  // end::fuzz-own-arbitrary[]

  @Test
  void aHandWrittenSequence() {
    // tag::fuzz-by-hand[]
    FuzzRun run = fuzzer.run(FrameSequence.of(
        new FuzzStep.Send(List.of(
            new FuzzStep.Frame(Side.CLIENT, new WireFrame(false, 0, 0x1, "da".getBytes())),
            new FuzzStep.Frame(Side.UPSTREAM, WireFrame.close(1000, "")),
            new FuzzStep.Frame(Side.CLIENT, new WireFrame(true, 0, 0x0, "rn".getBytes())))),
        new FuzzStep.Advance(java.time.Duration.ofSeconds(31))));
    assertThat(run.violations()).isEmpty();
    // end::fuzz-by-hand[]
  }
}
