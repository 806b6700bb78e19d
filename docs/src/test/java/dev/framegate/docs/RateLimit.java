package dev.framegate.docs;

// tag::rate-limit[]
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.StateKey;
import dev.framegate.api.WsContext;
import dev.framegate.api.config.DefaultValue;
import java.time.Duration;

@FramegatePlugin(name = "rate-limit", priority = 500, config = RateLimit.Config.class)
public final class RateLimit implements FramePlugin<RateLimit.Config> {

  public record Config(@DefaultValue("10") int messages, @DefaultValue("1s") Duration per) {}

  /** The client messages counted in the current window, and when the window began. */
  static final class Window {
    int count;
    long began;
  }

  private static final StateKey<Window> WINDOW = StateKey.of("window", Window.class);

  @Override
  public void onHandshake(WsContext ws, Config config) {
    Window window = new Window();
    window.began = ws.clock().nanoTime();
    ws.put(WINDOW, window);
    // Scheduled in onHandshake, the task runs in the client direction's order of events: never
    // at the same time as onClientFrame, so the window needs no lock.
    ws.scheduleRepeating(config.per(), task -> {
      Window w = task.get(WINDOW);
      w.count = 0;
      w.began = task.clock().nanoTime();
    });
  }

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    if (ws.client().getFrame().type().isControl()) {
      return;
    }
    Window window = ws.get(WINDOW);
    if (++window.count > config.messages()) {
      Duration left = config.per().minusNanos(ws.clock().nanoTime() - window.began);
      ws.client().dropFrame();
      ws.client().sendText("rate limited: retry in " + left.toMillis() + " ms");
    }
  }
}
// end::rate-limit[]
