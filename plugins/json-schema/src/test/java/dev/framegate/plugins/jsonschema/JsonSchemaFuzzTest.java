package dev.framegate.plugins.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FrameType;
import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import dev.framegate.harness.fuzz.FrameFuzzer;
import dev.framegate.harness.fuzz.FrameSequence;
import java.nio.ByteBuffer;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated frame sequences: the engine's invariants hold, and no invalid text reaches the upstream. */
class JsonSchemaFuzzTest {

  private static final String SCHEMA = "{\"type\": \"object\", \"required\": [\"name\"]}";

  private static FrameFuzzer fuzzer(String onInvalid) {
    return FrameFuzzer.builder()
        .plugin(JsonSchemaPlugin.class, Map.of("on-invalid", onInvalid,
            "client", Map.of("text", Map.of("type", "draft2020-12", "schema", SCHEMA))))
        .property("every text message delivered to the upstream matches the schema", run -> {
          for (WireFrame message : run.messagesSentTo(Side.UPSTREAM)) {
            if (message.type() == FrameType.TEXT) {
              assertThat(Schemas.problem(Schemas.compile(JsonSchemaPlugin.Dialect.DRAFT2020_12, SCHEMA),
                  ByteBuffer.wrap(message.payload()))).as(message.text()).isNull();
            }
          }
        })
        .build();
  }

  final FrameFuzzer closing = fuzzer("close");
  final FrameFuzzer dropping = fuzzer("drop");

  @Property(tries = 100)
  void closeMode(@ForAll("closingSequences") FrameSequence sequence) {
    closing.run(sequence);
  }

  @Property(tries = 100)
  void dropMode(@ForAll("droppingSequences") FrameSequence sequence) {
    dropping.run(sequence);
  }

  @Provide
  Arbitrary<FrameSequence> closingSequences() {
    return closing.sequences();
  }

  @Provide
  Arbitrary<FrameSequence> droppingSequences() {
    return dropping.sequences();
  }
}
