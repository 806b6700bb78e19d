package dev.framegate.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HarnessConnection;
import dev.framegate.harness.Uppercase;
import java.util.Map;
import org.junit.jupiter.api.Test;

@FramegateTest
@WithPlugin(value = Uppercase.class, config = "suffix=!")
class FramegateExtensionTest {

  @Test
  void injectsAHarnessWithTheClassPlugins(FrameHarness harness) {
    HarnessConnection ws = harness.connect("/chat");
    ws.client().sendText("hi");
    ws.upstream().expectText("HI!");
  }

  @Test
  void injectsABuilderWithTheClassPlugins(FrameHarness.Builder builder) {
    FrameHarness harness = builder.build();
    assertThat(harness.chain().entries()).extracting(e -> e.name()).containsExactly("uppercase");
  }

  @Test
  @WithPlugin(value = Uppercase.class, config = {"a.b=1", "list[]=x, y"})
  void nestedKeysAndListsBecomeATree() throws NoSuchMethodException {
    WithPlugin annotation = getClass().getDeclaredMethod("nestedKeysAndListsBecomeATree").getAnnotation(WithPlugin.class);
    assertThat(FramegateExtension.tree(annotation)).isEqualTo(Map.of("a", Map.of("b", "1"), "list", java.util.List.of("x", "y")));
  }

  @Test
  void configEntriesBecomeATree() {
    WithPlugin annotation = FramegateExtensionTest.class.getAnnotation(WithPlugin.class);
    assertThat(FramegateExtension.tree(annotation)).isEqualTo(Map.of("suffix", "!"));
  }
}
