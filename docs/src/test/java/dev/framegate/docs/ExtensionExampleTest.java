package dev.framegate.docs;

// tag::extension[]
import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HarnessConnection;
import dev.framegate.harness.junit.FramegateTest;
import dev.framegate.harness.junit.WithPlugin;
import org.junit.jupiter.api.Test;

@FramegateTest
@WithPlugin(value = Censor.class, config = {"words[]=darn", "closeOnRepeat=false"})
class ExtensionExampleTest {

  @Test
  void censorsWords(FrameHarness harness) {   // built with the plugin, closed after the test
    HarnessConnection ws = harness.connect("/chat");
    ws.client().sendText("darn it");
    ws.upstream().expectText("*** it");
  }
}
// end::extension[]
