package dev.framegate.harness.conformance;

import dev.framegate.api.Frame;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.WsContext;

/**
 * Tries client-frame operations the PDK must refuse (rules F2, F3) and records each outcome as
 * {@code "pdk-probe <operation> -> <exception>"}; the frame then goes on unchanged. On text {@code
 * "oversize"} it sets a payload one byte over the client limit given in its configuration, and tries
 * {@code setStatus} on the text frame; on a ping it sets a 126-byte payload; on a close frame it
 * tries the codes 1005 and 999.
 */
@FramegatePlugin(name = "pdk-probe", priority = 400, config = PdkProbePlugin.Config.class)
public final class PdkProbePlugin implements FramePlugin<PdkProbePlugin.Config> {

  /**
   * The configuration.
   *
   * @param upstreamLimit the limit of the side that receives client messages, in bytes
   */
  public record Config(int upstreamLimit) {}

  private final EventLog log;

  /**
   * Creates the plugin.
   *
   * @param log where to record
   */
  public PdkProbePlugin(EventLog log) {
    this.log = log;
  }

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    Frame frame = ws.client().getFrame();
    if (frame.type() == FrameType.TEXT && frame.text().equals("oversize")) {
      log.add("pdk-probe setFrameData(limit+1) -> "
          + Probe.outcome(() -> ws.client().setFrameData(new byte[config.upstreamLimit() + 1])));
      log.add("pdk-probe setStatus on text -> " + Probe.outcome(() -> ws.client().setStatus(4000)));
    } else if (frame.type() == FrameType.PING) {
      log.add("pdk-probe ping setFrameData(126) -> " + Probe.outcome(() -> ws.client().setFrameData(new byte[126])));
    } else if (frame.type() == FrameType.CLOSE) {
      log.add("pdk-probe setStatus(1005) -> " + Probe.outcome(() -> ws.client().setStatus(1005)));
      log.add("pdk-probe setStatus(999) -> " + Probe.outcome(() -> ws.client().setStatus(999)));
    }
  }
}
