package dev.framegate.harness.fuzz;

import dev.framegate.engine.EngineSettings;
import dev.framegate.harness.Uppercase;
import dev.framegate.harness.conformance.SendingPlugin;
import java.time.Duration;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The invariants hold for the engine with no plugin, a rewriting one and one that sends its own messages. */
class EngineFuzzTest {

  static final EngineSettings SMALL = EngineSettings.DEFAULTS.withMaxPayload(300, 200);

  static final EngineSettings TIMERS = new EngineSettings(256, 256, 3, 20, Duration.ofSeconds(5), Duration.ofSeconds(5),
      Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(3), true);

  final FrameFuzzer plain = FrameFuzzer.builder().settings(SMALL).build();
  final FrameFuzzer withTimers = FrameFuzzer.builder().settings(TIMERS).plugin(new Uppercase(), new Uppercase.Config("")).build();
  final FrameFuzzer sending = FrameFuzzer.builder().settings(SMALL).plugin(new SendingPlugin(), java.util.Map.of()).build();

  @Property(tries = 300, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void noPlugins(@ForAll("plainSequences") FrameSequence sequence) {
    plain.run(sequence);
  }

  @Property(tries = 300)
  void rewritingPluginWithLimitsAndTimers(@ForAll("timerSequences") FrameSequence sequence) {
    withTimers.run(sequence);
  }

  @Property(tries = 200)
  void pluginThatSendsItsOwnMessages(@ForAll("sendingSequences") FrameSequence sequence) {
    sending.run(sequence);
  }

  @Provide
  Arbitrary<FrameSequence> plainSequences() {
    return plain.sequences();
  }

  @Provide
  Arbitrary<FrameSequence> timerSequences() {
    return withTimers.sequences();
  }

  @Provide
  Arbitrary<FrameSequence> sendingSequences() {
    return sending.sequences();
  }
}
