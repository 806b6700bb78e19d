package dev.framegate.harness;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test plugin that records the close phases it runs, with their cause and codes. */
@FramegatePlugin(name = "close-recorder")
public final class CloseRecorder implements FramePlugin<NoConfig> {

  /** Every close phase any instance ran, in order. */
  public static final List<String> CLOSES = new CopyOnWriteArrayList<>();

  @Override
  public void onClose(WsContext ws, NoConfig config) {
    CLOSES.add(ws.closeInfo().cause() + " client=" + ws.closeInfo().clientStatus() + " upstream="
        + ws.closeInfo().upstreamStatus());
  }
}
