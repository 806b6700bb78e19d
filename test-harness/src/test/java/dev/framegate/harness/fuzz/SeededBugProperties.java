package dev.framegate.harness.fuzz;

import dev.framegate.api.NoConfig;
import dev.framegate.engine.EngineSettings;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties that fail on purpose: {@link SeededBugTest} runs them through the jqwik engine and
 * checks what the failure reports. Not a test class of its own (the build does not run it directly).
 */
class SeededBugProperties {

  static final EngineSettings SETTINGS = EngineSettings.DEFAULTS.withMaxPayload(512, 512);

  final FrameFuzzer acknowledging = FrameFuzzer.builder().settings(SETTINGS)
      .plugin(new AcknowledgingPlugin(), NoConfig.INSTANCE).build();

  final FrameFuzzer suffix = FrameFuzzer.builder().settings(SETTINGS)
      .plugin(new SuffixPlugin(), new SuffixPlugin.Config("!")).build();

  @Property(tries = 1000)
  void acknowledgingPluginKeepsThePdkRules(@ForAll("acknowledgingSequences") FrameSequence sequence) {
    acknowledging.run(sequence);
  }

  @Property(tries = 1000)
  void suffixPluginNeverFails(@ForAll("suffixSequences") FrameSequence sequence) {
    suffix.run(sequence);
  }

  @Provide
  Arbitrary<FrameSequence> acknowledgingSequences() {
    return acknowledging.sequences();
  }

  @Provide
  Arbitrary<FrameSequence> suffixSequences() {
    return suffix.sequences();
  }
}
