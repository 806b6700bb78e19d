package dev.framegate.harness.fuzz;

import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.WsContext;

/**
 * A plugin with a seeded bug: it appends a suffix to client text messages, forgetting that a
 * message at the payload limit then exceeds it (setFrameData refuses, the plugin throws).
 */
@FramegatePlugin(name = "suffix", config = SuffixPlugin.Config.class)
public final class SuffixPlugin implements FramePlugin<SuffixPlugin.Config> {

  /** @param suffix what is appended */
  public record Config(String suffix) {}

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    if (ws.client().getFrame().type() == FrameType.TEXT) {
      ws.client().setFrameData(ws.client().getFrame().text() + config.suffix());
    }
  }
}
