package dev.framegate.engine;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Scriptable test plugins with fixed names and priorities. */
final class Plugins {

  private Plugins() {}

  /** What a plugin does in one phase. */
  @FunctionalInterface
  interface Hook {
    void run(WsContext ws) throws Exception;
  }

  /** Records every phase call into a shared trace, then runs the scripted hook. */
  abstract static class Scripted implements FramePlugin<NoConfig> {
    final List<String> trace;
    Hook handshake = ws -> {};
    Hook clientFrame = ws -> {};
    Hook upstreamFrame = ws -> {};
    Hook close = ws -> {};

    Scripted(List<String> trace) {
      this.trace = trace;
    }

    String name() {
      return getClass().getAnnotation(FramegatePlugin.class).name();
    }

    Scripted onHandshake(Hook h) {
      handshake = h;
      return this;
    }

    Scripted onClient(Hook h) {
      clientFrame = h;
      return this;
    }

    Scripted onUpstream(Hook h) {
      upstreamFrame = h;
      return this;
    }

    Scripted onClosed(Hook h) {
      close = h;
      return this;
    }

    @Override
    public void onHandshake(WsContext ws, NoConfig config) throws Exception {
      trace.add(name() + ":handshake");
      handshake.run(ws);
    }

    @Override
    public void onClientFrame(WsContext ws, NoConfig config) throws Exception {
      trace.add(name() + ":client");
      clientFrame.run(ws);
    }

    @Override
    public void onUpstreamFrame(WsContext ws, NoConfig config) throws Exception {
      trace.add(name() + ":upstream");
      upstreamFrame.run(ws);
    }

    @Override
    public void onClose(WsContext ws, NoConfig config) throws Exception {
      trace.add(name() + ":close");
      close.run(ws);
    }
  }

  static List<String> trace() {
    return new CopyOnWriteArrayList<>();
  }

  @FramegatePlugin(name = "alpha", priority = 100)
  static final class Alpha extends Scripted {
    Alpha(List<String> trace) {
      super(trace);
    }
  }

  @FramegatePlugin(name = "beta", priority = 50)
  static final class Beta extends Scripted {
    Beta(List<String> trace) {
      super(trace);
    }
  }

  @FramegatePlugin(name = "gamma", priority = 50)
  static final class Gamma extends Scripted {
    Gamma(List<String> trace) {
      super(trace);
    }
  }

  @FramegatePlugin(name = "zeta", priority = 200)
  static final class Zeta extends Scripted {
    Zeta(List<String> trace) {
      super(trace);
    }
  }

  @FramegatePlugin(name = "noop")
  static final class Noop implements FramePlugin<NoConfig> {}
}
