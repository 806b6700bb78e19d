package dev.framegate.harness.fuzz;

import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;

/**
 * A plugin with a seeded bug: it acknowledges each client text message with an "ack" of its own,
 * forgetting that the client may be closing already (the upstream closed first and the client has
 * not answered yet): sending to a closing side is PDK misuse.
 */
@FramegatePlugin(name = "acknowledging")
public final class AcknowledgingPlugin implements FramePlugin<NoConfig> {

  @Override
  public void onClientFrame(WsContext ws, NoConfig config) {
    if (ws.client().getFrame().type() == FrameType.TEXT) {
      ws.client().sendText("ack");
    }
  }
}
