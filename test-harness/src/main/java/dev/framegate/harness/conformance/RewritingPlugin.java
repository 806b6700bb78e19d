package dev.framegate.harness.conformance;

import dev.framegate.api.Frame;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.Peer;
import dev.framegate.api.WsContext;

/**
 * Rewrites messages in both directions (rules F2, F3): text becomes upper case plus a suffix; close
 * frames get another status and reason when configured.
 */
@FramegatePlugin(name = "rewriting", priority = 200, config = RewritingPlugin.Config.class)
public final class RewritingPlugin implements FramePlugin<RewritingPlugin.Config> {

  /**
   * The configuration.
   *
   * @param suffix appended to upper-cased text
   * @param closeStatus the status to give close frames, 0 to keep theirs
   * @param closeReason the reason to give close frames, empty to keep theirs
   */
  public record Config(String suffix, int closeStatus, String closeReason) {
    /** Fills in defaults. */
    public Config {
      suffix = suffix == null ? "" : suffix;
      closeReason = closeReason == null ? "" : closeReason;
    }
  }

  /** Creates the plugin. */
  public RewritingPlugin() {}

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    rewrite(ws.client(), config);
  }

  @Override
  public void onUpstreamFrame(WsContext ws, Config config) {
    rewrite(ws.upstream(), config);
  }

  private static void rewrite(Peer side, Config config) {
    Frame frame = side.getFrame();
    if (frame.type() == FrameType.TEXT) {
      side.setFrameData(frame.text().toUpperCase(java.util.Locale.ROOT) + config.suffix());
    } else if (frame.type() == FrameType.CLOSE) {
      if (config.closeStatus() != 0) {
        side.setStatus(config.closeStatus());
      }
      if (!config.closeReason().isEmpty()) {
        side.setFrameData(config.closeReason());
      }
    }
  }
}
