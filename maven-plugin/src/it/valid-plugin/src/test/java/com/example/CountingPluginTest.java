package com.example;

import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HarnessConnection;
import dev.framegate.harness.junit.FramegateTest;
import dev.framegate.harness.junit.WithPlugin;
import org.junit.jupiter.api.Test;

@FramegateTest
@WithPlugin(value = CountingPlugin.class, config = {"prefix=#", "unit=messages"})
class CountingPluginTest {

  @Test
  void countsClientMessages(FrameHarness harness) {
    HarnessConnection ws = harness.connect("/");
    ws.client().sendText("a");
    ws.upstream().expectText("#1 a");
    ws.client().sendText("b");
    ws.upstream().expectText("#2 b");
  }
}
