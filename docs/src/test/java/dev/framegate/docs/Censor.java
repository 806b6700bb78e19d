package dev.framegate.docs;

// tag::plugin[]
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.WsContext;
import java.util.List;

@FramegatePlugin(name = "censor", priority = 100, config = Censor.Config.class)
public final class Censor implements FramePlugin<Censor.Config> {

  public record Config(List<String> words, boolean closeOnRepeat) {}

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    if (ws.client().getFrame().type() != FrameType.TEXT) {
      return;
    }
    String text = ws.client().getFrame().text();
    for (String word : config.words()) {
      if (text.contains(word)) {
        int strikes = (Integer) ws.pluginState().merge("strikes", 1, (a, b) -> (Integer) a + (Integer) b);
        if (config.closeOnRepeat() && strikes > 1) {
          ws.client().close(1008, "language", 1001, null);
          return;
        }
        ws.client().setFrameData(text.replace(word, "***"));
        text = ws.client().getFrame().text();
      }
    }
  }
}
// end::plugin[]
