package dev.framegate.harness.conformance;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.WsContext;

/**
 * Sets the message limits of both sides in the handshake phase (rule F6), and records the outcome of
 * invalid limits: {@code "payload-limit 32MiB+1 -> <exception>"}, {@code "payload-limit -1 ->
 * <exception>"}.
 */
@FramegatePlugin(name = "payload-limit", priority = 900, config = PayloadLimitPlugin.Config.class)
public final class PayloadLimitPlugin implements FramePlugin<PayloadLimitPlugin.Config> {

  /**
   * The configuration.
   *
   * @param client the client limit in bytes, 0 for the default
   * @param upstream the upstream limit in bytes, 0 for the default
   */
  public record Config(int client, int upstream) {}

  private final EventLog log;

  /**
   * Creates the plugin.
   *
   * @param log where to record
   */
  public PayloadLimitPlugin(EventLog log) {
    this.log = log;
  }

  @Override
  public void onHandshake(WsContext ws, Config config) {
    log.add("payload-limit 32MiB+1 -> " + Probe.outcome(() -> ws.client().setMaxPayloadSize((32 << 20) + 1)));
    log.add("payload-limit -1 -> " + Probe.outcome(() -> ws.client().setMaxPayloadSize(-1)));
    ws.client().setMaxPayloadSize(config.client());
    ws.upstream().setMaxPayloadSize(config.upstream());
  }
}
