package com.example;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;

@FramegatePlugin(name = "rate-limit")
public class RateLimitPlugin implements FramePlugin<NoConfig> {
  public RateLimitPlugin(int perSecond) {}
}
