package com.example;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;

@FramegatePlugin(name = "rate-limit", config = RateLimitPlugin.Settings.class)
public class RateLimitPlugin implements FramePlugin<RateLimitPlugin.Settings> {
  public static class Settings {
    public int perSecond;
  }
}
