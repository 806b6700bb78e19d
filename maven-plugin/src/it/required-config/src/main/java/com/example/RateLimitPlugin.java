package com.example;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.config.Required;

@FramegatePlugin(name = "rate-limit", config = RateLimitPlugin.Config.class)
public final class RateLimitPlugin implements FramePlugin<RateLimitPlugin.Config> {

  public record Config(@Required Integer limit) {}
}
