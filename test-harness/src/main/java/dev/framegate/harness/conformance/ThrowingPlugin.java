package dev.framegate.harness.conformance;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.Peer;
import dev.framegate.api.WsContext;

/** Throws on a text message equal to the trigger, from either side (rule C3). */
@FramegatePlugin(name = "throwing", priority = 400, config = ThrowingPlugin.Config.class)
public final class ThrowingPlugin implements FramePlugin<ThrowingPlugin.Config> {

  /**
   * The configuration.
   *
   * @param trigger the text message that makes the plugin throw
   */
  public record Config(String trigger) {}

  /** Creates the plugin. */
  public ThrowingPlugin() {}

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    handle(ws.client(), config);
  }

  @Override
  public void onUpstreamFrame(WsContext ws, Config config) {
    handle(ws.upstream(), config);
  }

  private static void handle(Peer side, Config config) {
    if (side.getFrame().type() == FrameType.TEXT && side.getFrame().text().equals(config.trigger())) {
      throw new IllegalStateException("conformance plugin failure on '" + config.trigger() + "'");
    }
  }
}
