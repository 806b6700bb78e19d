package dev.framegate.benchmarks.load.plugins;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;

/**
 * A plugin whose cost is only the runtime's: it reads each frame's length, as an inspecting plugin
 * would, in both directions, and changes nothing. The load benchmark packs each subclass into its
 * own plugin JAR (benchmarks/load/run.sh) so that they load like a deployment's plugins.
 */
public abstract class InspectingNoOp implements FramePlugin<NoConfig> {

  /** For subclasses. */
  protected InspectingNoOp() {}

  @Override
  public void onClientFrame(WsContext ws, NoConfig config) {
    ws.client().getFrame().length();
  }

  @Override
  public void onUpstreamFrame(WsContext ws, NoConfig config) {
    ws.upstream().getFrame().length();
  }
}
