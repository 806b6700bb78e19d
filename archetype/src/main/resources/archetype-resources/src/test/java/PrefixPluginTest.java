package ${package};

import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HarnessConnection;
import dev.framegate.harness.junit.FramegateTest;
import dev.framegate.harness.junit.WithPlugin;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Runs {@link PrefixPlugin} in the Framegate test harness: the real engine, no sockets, no threads. */
@FramegateTest
class PrefixPluginTest {

  @Test
  @DisplayName("client text messages get the default prefix; upstream messages pass unchanged")
  @WithPlugin(PrefixPlugin.class)
  void prefixesClientText(FrameHarness harness) {
    HarnessConnection ws = harness.connect("/");
    ws.client().sendText("hello");
    ws.upstream().expectText("> hello");
    ws.upstream().sendText("welcome");
    ws.client().expectText("welcome");
  }

  @Test
  @DisplayName("the prefix comes from the configuration; binary messages are not touched")
  @WithPlugin(value = PrefixPlugin.class, config = "prefix=[app]")
  void configuredPrefix(FrameHarness harness) {
    HarnessConnection ws = harness.connect("/");
    ws.client().sendText("hello");
    ws.upstream().expectText("[app]hello");
    byte[] data = "raw".getBytes(StandardCharsets.UTF_8);
    ws.client().sendBinary(data);
    ws.upstream().expectBinary(data);
  }
}
