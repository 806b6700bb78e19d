package dev.framegate.harness.fuzz;

import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.PdkMisuseException;
import dev.framegate.api.WsContext;

/**
 * Sends a message of its own to the upstream before each binary message of the client, and pings the
 * client back; a side that is closing refuses the send, which the plugin expects.
 */
@FramegatePlugin(name = "notifying")
public final class NotifyingPlugin implements FramePlugin<NoConfig> {

  @Override
  public void onClientFrame(WsContext ws, NoConfig config) {
    if (ws.client().getFrame().type() != FrameType.BINARY) {
      return;
    }
    try {
      ws.upstream().sendText("binary message follows");
      ws.client().sendPing(new byte[] {1});
    } catch (PdkMisuseException closing) {
      // the side is closing: nothing to notify
    }
  }
}
