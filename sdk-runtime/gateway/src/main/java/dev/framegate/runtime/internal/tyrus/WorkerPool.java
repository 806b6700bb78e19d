package dev.framegate.runtime.internal.tyrus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The plugin and engine pool. Its size is the configured worker count plus one thread for every
 * worker stuck in a task for longer than the stall threshold (a plugin that blocks or loops), up to
 * a cap: a stuck plugin then holds its own thread only, and the other connections keep theirs. The
 * engine's plugin timeout ends the stuck plugin's connection; a thread that a plugin keeps busy
 * beyond it stays counted as stuck until the plugin returns.
 */
final class WorkerPool extends ThreadPoolExecutor {

  private final int baseThreads;
  private final int maxExtraThreads;
  private final long stallNanos;
  private final Map<Thread, Long> busySince = new ConcurrentHashMap<>();

  WorkerPool(int baseThreads, int maxExtraThreads, long stallNanos, ThreadFactory threads) {
    super(baseThreads, baseThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    this.baseThreads = baseThreads;
    this.maxExtraThreads = maxExtraThreads;
    this.stallNanos = stallNanos;
    allowCoreThreadTimeOut(true);
  }

  @Override
  protected void beforeExecute(Thread thread, Runnable task) {
    busySince.put(thread, System.nanoTime());
  }

  @Override
  protected void afterExecute(Runnable task, Throwable error) {
    busySince.remove(Thread.currentThread());
  }

  /** How many workers are stuck in one task for longer than the stall threshold. */
  int stalledThreads() {
    long now = System.nanoTime();
    int stalled = 0;
    for (long since : busySince.values()) {
      if (now - since > stallNanos) {
        stalled++;
      }
    }
    return stalled;
  }

  /** Grows or shrinks the pool to the base size plus the stuck workers; called periodically. */
  void compensate() {
    int target = baseThreads + Math.min(stalledThreads(), maxExtraThreads);
    int current = getMaximumPoolSize();
    if (target > current) {
      setMaximumPoolSize(target);
      setCorePoolSize(target);
    } else if (target < current) {
      setCorePoolSize(target);
      setMaximumPoolSize(target);
    }
  }
}
