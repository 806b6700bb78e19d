package dev.framegate.benchmarks.load.plugins;

import dev.framegate.api.FramegatePlugin;

/** No-op plugin number 5 of the load benchmark's chain. */
@FramegatePlugin(name = "noop-5", priority = 1)
public final class NoOp5 extends InspectingNoOp {

  /** Created by the runtime, one instance per route entry. */
  public NoOp5() {}
}
