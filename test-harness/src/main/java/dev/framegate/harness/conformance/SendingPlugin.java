package dev.framegate.harness.conformance;

import dev.framegate.api.Frame;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;

/**
 * Sends frames of its own (rule F7). On client text {@code "whoami"} it answers the client with
 * {@code "reply:whoami"} and drops the message; on client text {@code "notify"} it sends {@code
 * "notice"} to the upstream before the message; on client text {@code "ping-client"} it pings the
 * client with payload {@code "plugin"}.
 */
@FramegatePlugin(name = "sending", priority = 300)
public final class SendingPlugin implements FramePlugin<NoConfig> {

  /** Creates the plugin. */
  public SendingPlugin() {}

  @Override
  public void onClientFrame(WsContext ws, NoConfig config) {
    Frame frame = ws.client().getFrame();
    if (frame.type() != FrameType.TEXT) {
      return;
    }
    switch (frame.text()) {
      case "whoami" -> {
        ws.client().sendText("reply:whoami");
        ws.client().dropFrame();
      }
      case "notify" -> ws.upstream().sendText("notice");
      case "ping-client" -> ws.client().sendPing("plugin".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      default -> { }
    }
  }
}
