package ${package};

import dev.framegate.api.FrameType;
import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import dev.framegate.harness.fuzz.FrameFuzzer;
import dev.framegate.harness.fuzz.FrameSequence;
import dev.framegate.harness.fuzz.FuzzInvariant;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes {@link PrefixPlugin} with generated frame sequences (fragments, control frames, closes of
 * either side, invalid frames, time passing): the engine's invariants hold on every run, and so does
 * the plugin's own promise. A failure prints the shrunk sequence and the seed that reproduces it.
 */
class PrefixPluginFuzzTest {

  final FrameFuzzer fuzzer = FrameFuzzer.builder()
      .plugin(PrefixPlugin.class, Map.of())
      // A prefixed message at the payload limit no longer fits, and the plugin fails (1011): decide
      // what your plugin should do there, then check that invariant too.
      .without(FuzzInvariant.NO_PLUGIN_FAILURE)
      .property("the upstream gets the prefix on every non-empty text message", run -> {
        for (WireFrame frame : run.messagesSentTo(Side.UPSTREAM)) {
          if (frame.type() == FrameType.TEXT && frame.length() > 0 && !frame.text().startsWith("> ")) {
            throw new AssertionError("no prefix on " + frame.describe());
          }
        }
      })
      .build();

  @Property(tries = 100)
  void keepsTheInvariants(@ForAll("sequences") FrameSequence sequence) {
    fuzzer.run(sequence);
  }

  @Provide
  Arbitrary<FrameSequence> sequences() {
    return fuzzer.sequences();
  }
}
