package dev.framegate.engine.internal;

import dev.framegate.api.PluginClock;
import dev.framegate.engine.Scheduler;
import java.time.Instant;

/** {@code ws.clock()}: the engine's {@link Scheduler} as plugins read it. */
final class SchedulerClock implements PluginClock {

  private final Scheduler scheduler;

  SchedulerClock(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public long nanoTime() {
    return scheduler.nanoTime();
  }

  @Override
  public Instant now() {
    return scheduler.now();
  }

  @Override
  public String toString() {
    return "PluginClock[" + scheduler + "]";
  }
}
