package dev.framegate.benchmarks.load.plugins;

import dev.framegate.api.FramegatePlugin;

/** No-op plugin number 2 of the load benchmark's chain. */
@FramegatePlugin(name = "noop-2", priority = 4)
public final class NoOp2 extends InspectingNoOp {

  /** Created by the runtime, one instance per route entry. */
  public NoOp2() {}
}
