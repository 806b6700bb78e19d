package com.example;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.WsContext;
import dev.framegate.api.config.DefaultValue;
import dev.framegate.api.config.Required;
import org.HdrHistogram.Histogram;

@FramegatePlugin(name = "counting", priority = 5, config = CountingPlugin.Config.class)
public final class CountingPlugin implements FramePlugin<CountingPlugin.Config> {

  public record Config(@DefaultValue("[n]") String prefix, @Required String unit) {}

  private final Histogram sizes = new Histogram(3);

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    synchronized (sizes) {
      sizes.recordValue(ws.client().getFrame().length());
      ws.client().setFrameData(config.prefix() + sizes.getTotalCount() + " " + ws.client().getFrame().text());
    }
  }
}
