package dev.framegate.harness.conformance;

import dev.framegate.api.Frame;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.Peer;
import dev.framegate.api.WsContext;

/**
 * Closes the connection (rules F5, F7): on a text message equal to the trigger, from either side, it
 * calls {@code close(status, reason, peerStatus, peerReason)} — or {@code forwardAndClose} when
 * {@code forward} is set; on a close frame, when {@code onCloseFrame} is set, it calls {@code close()}
 * without arguments.
 */
@FramegatePlugin(name = "closing", priority = 300, config = ClosingPlugin.Config.class)
public final class ClosingPlugin implements FramePlugin<ClosingPlugin.Config> {

  /**
   * The configuration; absent codes and reasons are {@code null}.
   *
   * @param trigger the text message that triggers the close
   * @param status the code for the sender
   * @param reason the reason for the sender
   * @param peerStatus the code for the other side
   * @param peerReason the reason for the other side
   * @param forward forward the message, then close
   * @param onCloseFrame call {@code close()} on close frames
   */
  public record Config(String trigger, Integer status, String reason, Integer peerStatus, String peerReason,
      boolean forward, boolean onCloseFrame) {}

  /** Creates the plugin. */
  public ClosingPlugin() {}

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    handle(ws.client(), config);
  }

  @Override
  public void onUpstreamFrame(WsContext ws, Config config) {
    handle(ws.upstream(), config);
  }

  private static void handle(Peer side, Config config) {
    Frame frame = side.getFrame();
    if (frame.type() == FrameType.TEXT && frame.text().equals(config.trigger())) {
      if (config.forward()) {
        side.forwardAndClose(config.status(), config.reason(), config.peerStatus(), config.peerReason());
      } else if (config.peerStatus() == null && config.peerReason() == null) {
        side.close(config.status(), config.reason());
      } else {
        side.close(config.status(), config.reason(), config.peerStatus(), config.peerReason());
      }
    } else if (frame.type() == FrameType.CLOSE && config.onCloseFrame()) {
      side.close();
    }
  }
}
