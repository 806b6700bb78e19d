package dev.framegate.harness.fuzz;

import dev.framegate.engine.EngineSettings;
import dev.framegate.harness.Uppercase;
import dev.framegate.api.NoConfig;
import java.time.Duration;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The invariants hold for the engine itself: with no plugin, with a rewriting plugin under tight limits,
 * timers and automatic pongs, and with a plugin that sends messages of its own.
 */
class EngineFuzzTest {

  static final EngineSettings SMALL = EngineSettings.DEFAULTS.withMaxPayload(300, 200);

  static final EngineSettings TIMERS = new EngineSettings(256, 256, 3, 20, Duration.ofSeconds(5), Duration.ofSeconds(5),
      Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(3), true);

  final FrameFuzzer plain = FrameFuzzer.builder().settings(SMALL).build();
  final FrameFuzzer withTimers = FrameFuzzer.builder().settings(TIMERS).plugin(new Uppercase(), new Uppercase.Config("")).build();
  final FrameFuzzer sending = FrameFuzzer.builder().settings(SMALL).plugin(new NotifyingPlugin(), NoConfig.INSTANCE).build();

  @Property(tries = 200)
  void noPlugins(@ForAll("plainSequences") FrameSequence sequence) {
    plain.run(sequence);
  }

  @Property(tries = 150)
  void rewritingPluginWithLimitsAndTimers(@ForAll("timerSequences") FrameSequence sequence) {
    withTimers.run(sequence);
  }

  @Property(tries = 100)
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
