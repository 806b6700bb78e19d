package ${package};

import dev.framegate.api.Frame;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.WsContext;

/**
 * Puts a prefix in front of every text message the client sends; everything else passes unchanged.
 *
 * <p>One instance serves every connection of a route: keep per-connection data in {@code
 * ws.pluginState()}, not in fields.
 */
@FramegatePlugin(name = "prefix", priority = 1000, config = PrefixConfig.class)
public final class PrefixPlugin implements FramePlugin<PrefixConfig> {

  /** Creates the plugin; the runtime does this once per configured route. */
  public PrefixPlugin() {}

  @Override
  public void onClientFrame(WsContext ws, PrefixConfig config) {
    Frame frame = ws.client().getFrame();
    if (frame.type() != FrameType.TEXT || (config.skipEmpty() && frame.length() == 0)) {
      return;
    }
    ws.client().setFrameData(config.prefix() + frame.text());
  }
}
