package dev.framegate.benchmarks.load.plugins;

import dev.framegate.api.FramegatePlugin;

/** No-op plugin number 4 of the load benchmark's chain. */
@FramegatePlugin(name = "noop-4", priority = 2)
public final class NoOp4 extends InspectingNoOp {

  /** Created by the runtime, one instance per route entry. */
  public NoOp4() {}
}
