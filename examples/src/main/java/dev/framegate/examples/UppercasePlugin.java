package dev.framegate.examples;

import dev.framegate.api.Frame;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.Peer;
import dev.framegate.api.WsContext;
import dev.framegate.api.config.DefaultValue;
import java.util.Locale;

/**
 * Upper-cases text messages in the configured directions.
 *
 * <pre>{@code
 * plugins:
 *   - name: uppercase
 *     config: { direction: client-to-upstream }
 * }</pre>
 */
@FramegatePlugin(name = "uppercase", priority = 100, config = UppercasePlugin.Config.class)
public final class UppercasePlugin implements FramePlugin<UppercasePlugin.Config> {

  /** Which messages are upper-cased. */
  public enum Direction {
    /** Messages the client sends. */
    CLIENT_TO_UPSTREAM,
    /** Messages the upstream sends. */
    UPSTREAM_TO_CLIENT,
    /** Both. */
    BOTH
  }

  /**
   * The plugin's configuration.
   *
   * @param direction which messages to upper-case; {@code both} by default
   */
  public record Config(@DefaultValue("both") Direction direction) {}

  /** Creates the plugin. */
  public UppercasePlugin() {}

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    if (config.direction() != Direction.UPSTREAM_TO_CLIENT) {
      upperCase(ws.client());
    }
  }

  @Override
  public void onUpstreamFrame(WsContext ws, Config config) {
    if (config.direction() != Direction.CLIENT_TO_UPSTREAM) {
      upperCase(ws.upstream());
    }
  }

  private static void upperCase(Peer peer) {
    Frame frame = peer.getFrame();
    if (frame.type() == FrameType.TEXT) {
      peer.setFrameData(frame.text().toUpperCase(Locale.ROOT));
    }
  }
}
