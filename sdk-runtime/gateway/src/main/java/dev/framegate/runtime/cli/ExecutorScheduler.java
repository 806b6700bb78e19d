package dev.framegate.runtime.cli;

import dev.framegate.engine.Scheduler;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The engine's clock and timers in production: the system clock and one daemon timer thread. */
final class ExecutorScheduler implements Scheduler, AutoCloseable {

  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "framegate-timers");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(long delayNanos, Runnable task) {
    ScheduledFuture<?> future = timers.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    timers.shutdownNow();
  }
}
