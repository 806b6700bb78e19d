package dev.framegate.runtime.cli;

import dev.framegate.engine.Scheduler;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The engine's clock and timers in production: the system clock and one daemon timer thread, and a
 * few daemon threads for plugins' timer tasks, which run plugin code and may block.
 */
final class ExecutorScheduler implements Scheduler, AutoCloseable {

  private static final int TASK_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("framegate-timers"));
  private final ThreadPoolExecutor tasks = new ThreadPoolExecutor(TASK_THREADS, TASK_THREADS, 60,
      TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("framegate-plugin-tasks"));

  ExecutorScheduler() {
    tasks.allowCoreThreadTimeOut(true);
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }

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
  public void execute(Runnable task) {
    try {
      tasks.execute(task);
    } catch (RejectedExecutionException e) {
      // shutting down: the connections are closing, their tasks no longer run
    }
  }

  @Override
  public void close() {
    timers.shutdownNow();
    tasks.shutdownNow();
  }
}
