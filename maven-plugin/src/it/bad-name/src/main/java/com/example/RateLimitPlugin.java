package com.example;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;

@FramegatePlugin(name = "Rate_Limit")
public class RateLimitPlugin implements FramePlugin<NoConfig> {}
