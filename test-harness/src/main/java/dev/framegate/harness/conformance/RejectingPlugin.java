package dev.framegate.harness.conformance;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.WsContext;
import java.util.Map;

/**
 * Rejects handshakes without a required header (rule P6) with a status, a body and a {@code
 * WWW-Authenticate} header; accepted handshakes get {@code X-Framegate-Checked: yes} on their 101.
 */
@FramegatePlugin(name = "rejecting", priority = 1000, config = RejectingPlugin.Config.class)
public final class RejectingPlugin implements FramePlugin<RejectingPlugin.Config> {

  /**
   * The configuration.
   *
   * @param requiredHeader the header a client must send
   * @param status the rejection status
   * @param body the rejection body
   */
  public record Config(String requiredHeader, int status, String body) {}

  /** Creates the plugin. */
  public RejectingPlugin() {}

  @Override
  public void onHandshake(WsContext ws, Config config) {
    if (ws.request().headers().first(config.requiredHeader()).isEmpty()) {
      ws.response().reject(config.status(), config.body(), Map.of("WWW-Authenticate", "Bearer"));
    } else {
      ws.response().addHeader("X-Framegate-Checked", "yes");
    }
  }
}
