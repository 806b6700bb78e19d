package dev.framegate.benchmarks.load.plugins;

import dev.framegate.api.FramegatePlugin;

/** No-op plugin number 3 of the load benchmark's chain. */
@FramegatePlugin(name = "noop-3", priority = 3)
public final class NoOp3 extends InspectingNoOp {

  /** Created by the runtime, one instance per route entry. */
  public NoOp3() {}
}
