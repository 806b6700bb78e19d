package dev.framegate.harness.conformance;

import dev.framegate.api.Frame;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.Peer;
import dev.framegate.api.WsContext;

/**
 * Drops frames (rule F4): text messages equal to a trigger, and pings when configured. On a close
 * frame it tries to drop it too, records the outcome as {@code "dropping close -> <exception>"},
 * and lets it pass.
 */
@FramegatePlugin(name = "dropping", priority = 300, config = DroppingPlugin.Config.class)
public final class DroppingPlugin implements FramePlugin<DroppingPlugin.Config> {

  /**
   * The configuration.
   *
   * @param dropText text messages equal to this are dropped
   * @param dropPings whether pings are dropped
   */
  public record Config(String dropText, boolean dropPings) {}

  private final EventLog log;

  /**
   * Creates the plugin.
   *
   * @param log where to record the outcome of dropping a close frame
   */
  public DroppingPlugin(EventLog log) {
    this.log = log;
  }

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    handle(ws.client(), config);
  }

  @Override
  public void onUpstreamFrame(WsContext ws, Config config) {
    handle(ws.upstream(), config);
  }

  private void handle(Peer side, Config config) {
    Frame frame = side.getFrame();
    if (frame.type() == FrameType.TEXT && frame.text().equals(config.dropText())) {
      side.dropFrame();
    } else if (frame.type() == FrameType.PING && config.dropPings()) {
      side.dropFrame();
    } else if (frame.type() == FrameType.CLOSE) {
      log.add("dropping close -> " + Probe.outcome(side::dropFrame));
    }
  }
}
