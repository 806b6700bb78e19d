package dev.framegate.runtime.internal.tyrus;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: one per direction of each
 * connection, so that a slow plugin holds one pool thread for its own direction only (rule P3).
 */
final class SerialExecutor implements Executor {

  private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

  private final Executor pool;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;

  SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    schedule();
  }

  private void schedule() {
    if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
      try {
        pool.execute(drain);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
        tasks.clear();
        LOG.log(Level.FINE, "pool stopped, tasks dropped", e);
      }
    }
  }

  private void drain() {
    try {
      Runnable task;
      // A bounded batch keeps one busy direction from monopolising a pool thread.
      for (int i = 0; i < 64 && (task = tasks.poll()) != null; i++) {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          LOG.log(Level.WARNING, "connection task failed", e);
        }
      }
    } finally {
      scheduled.set(false);
      schedule();
    }
  }
}
