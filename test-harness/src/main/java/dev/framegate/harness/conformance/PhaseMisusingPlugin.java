package dev.framegate.harness.conformance;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;

/**
 * Calls PDK operations in the wrong phase (rule P4) and records each outcome as {@code
 * "phase-misusing <phase> <operation> -> <exception>: <message>"}. On the client text {@code
 * "misuse-uncaught"} it lets the misuse escape, which ends the connection (rule C3).
 */
@FramegatePlugin(name = "phase-misusing", priority = 400)
public final class PhaseMisusingPlugin implements FramePlugin<NoConfig> {

  private final EventLog log;

  /**
   * Creates the plugin.
   *
   * @param log where to record
   */
  public PhaseMisusingPlugin(EventLog log) {
    this.log = log;
  }

  @Override
  public void onHandshake(WsContext ws, NoConfig config) {
    log.add("phase-misusing handshake client.getFrame -> " + Probe.outcome(() -> ws.client().getFrame()));
  }

  @Override
  public void onClientFrame(WsContext ws, NoConfig config) {
    if (ws.client().getFrame().text().equals("misuse-uncaught")) {
      ws.upstream().dropFrame();
      return;
    }
    log.add("phase-misusing client upstream.getFrame -> " + Probe.outcome(() -> ws.upstream().getFrame()));
    log.add("phase-misusing client client.setMaxPayloadSize -> " + Probe.outcome(() -> ws.client().setMaxPayloadSize(1000)));
  }

  @Override
  public void onUpstreamFrame(WsContext ws, NoConfig config) {
    log.add("phase-misusing upstream client.dropFrame -> " + Probe.outcome(() -> ws.client().dropFrame()));
  }

  @Override
  public void onClose(WsContext ws, NoConfig config) {
    log.add("phase-misusing close client.getFrame -> " + Probe.outcome(() -> ws.client().getFrame()));
  }
}
