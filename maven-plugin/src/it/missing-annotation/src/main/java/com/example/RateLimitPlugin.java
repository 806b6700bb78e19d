package com.example;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.NoConfig;

public class RateLimitPlugin implements FramePlugin<NoConfig> {}
