package dev.framegate.benchmarks;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import dev.framegate.benchmarks.load.plugins.NoOp1;
import dev.framegate.benchmarks.load.plugins.NoOp2;
import dev.framegate.benchmarks.load.plugins.NoOp3;
import dev.framegate.benchmarks.load.plugins.NoOp4;
import dev.framegate.benchmarks.load.plugins.NoOp5;
import java.nio.charset.StandardCharsets;

/** The benchmarks' plugins: no-op ones whose cost is only the engine's, and one that rewrites. */
final class NoOpPlugins {

  private NoOpPlugins() {}

  /** The first {@code count} of the no-op plugins the load benchmark also loads from plugin JARs. */
  static FramePlugin<?>[] first(int count) {
    FramePlugin<?>[] all = {new NoOp1(), new NoOp2(), new NoOp3(), new NoOp4(), new NoOp5()};
    FramePlugin<?>[] chosen = new FramePlugin<?>[count];
    System.arraycopy(all, 0, chosen, 0, count);
    return chosen;
  }

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
