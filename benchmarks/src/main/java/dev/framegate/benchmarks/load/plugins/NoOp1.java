package dev.framegate.benchmarks.load.plugins;

import dev.framegate.api.FramegatePlugin;

/** No-op plugin number 1 of the load benchmark's chain. */
@FramegatePlugin(name = "noop-1", priority = 5)
public final class NoOp1 extends InspectingNoOp {

  /** Created by the runtime, one instance per route entry. */
  public NoOp1() {}
}
