package dev.framegate.benchmarks;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import java.nio.charset.StandardCharsets;

/** Plugins whose cost is only the engine's: they run in both frame phases and do nothing else. */
final class NoOpPlugins {

  private NoOpPlugins() {}

  static FramePlugin<?>[] first(int count) {
    FramePlugin<?>[] all = {new NoOp1(), new NoOp2(), new NoOp3(), new NoOp4(), new NoOp5()};
    FramePlugin<?>[] chosen = new FramePlugin<?>[count];
    System.arraycopy(all, 0, chosen, 0, count);
    return chosen;
  }

  /** Reads the frame the way a typical inspecting plugin does, without copying it. */
  abstract static class Inspecting implements FramePlugin<NoConfig> {
    @Override
    public void onClientFrame(WsContext ws, NoConfig config) {
      ws.client().getFrame().length();
    }

    @Override
    public void onUpstreamFrame(WsContext ws, NoConfig config) {
      ws.upstream().getFrame().length();
    }
  }

  @FramegatePlugin(name = "noop-1", priority = 5)
  static final class NoOp1 extends Inspecting {}

  @FramegatePlugin(name = "noop-2", priority = 4)
  static final class NoOp2 extends Inspecting {}

  @FramegatePlugin(name = "noop-3", priority = 3)
  static final class NoOp3 extends Inspecting {}

  @FramegatePlugin(name = "noop-4", priority = 2)
  static final class NoOp4 extends Inspecting {}

  @FramegatePlugin(name = "noop-5", priority = 1)
  static final class NoOp5 extends Inspecting {}

  /** Replaces every client text message with its upper-case form. */
  @FramegatePlugin(name = "uppercase")
  static final class Uppercase implements FramePlugin<NoConfig> {
    @Override
    public void onClientFrame(WsContext ws, NoConfig config) {
      byte[] data = ws.client().getFrame().payload();
      for (int i = 0; i < data.length; i++) {
        byte b = data[i];
        if (b >= 'a' && b <= 'z') {
          data[i] = (byte) (b - 32);
        }
      }
      ws.client().setFrameData(data);
    }
  }

  static byte[] asciiPayload(int size) {
    byte[] payload = new byte[size];
    byte[] alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < size; i++) {
      payload[i] = alphabet[i % alphabet.length];
    }
    return payload;
  }
}
