package dev.framegate.harness;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.WsContext;
import java.util.Locale;

/** A test plugin: upper-cases client text and appends a suffix. */
@FramegatePlugin(name = "uppercase", priority = 10, config = Uppercase.Config.class)
public final class Uppercase implements FramePlugin<Uppercase.Config> {

  /** @param suffix appended to each message */
  public record Config(String suffix) {}

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    if (ws.client().getFrame().type() == FrameType.TEXT) {
      ws.client().setFrameData(ws.client().getFrame().text().toUpperCase(Locale.ROOT) + config.suffix());
    }
  }
}
