package dev.framegate.engine.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The order of events of one direction: frames from its side, and the plugins' timer tasks that run
 * in that order. One thread at a time is inside ({@link #enter()}); an event that arrives meanwhile
 * is posted and handled by the thread inside, right after what it is doing. Normally the side's own
 * thread (the transport's) is the only one to come in, and {@link #enter()} costs one uncontended
 * compare-and-set; a timer task's thread, or a synchronous transport calling back on the thread that
 * is already inside, posts.
 */
final class EventOrder {

  private static final VarHandle BUSY;
  private static final VarHandle MAILBOX;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      BUSY = lookup.findVarHandle(EventOrder.class, "busy", boolean.class);
      MAILBOX = lookup.findVarHandle(EventOrder.class, "mailbox", ConcurrentLinkedQueue.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Consumer<Object> handler;
  private final Runnable afterLeaving;
  private volatile boolean busy;
  // Made on first post: most directions never have an event posted.
  private volatile ConcurrentLinkedQueue<Object> mailbox;

  /**
   * Creates the order of one direction.
   *
   * @param handler handles one posted event, on the thread inside
   * @param afterLeaving runs after a thread left (the close phase may have waited for it)
   */
  EventOrder(Consumer<Object> handler, Runnable afterLeaving) {
    this.handler = handler;
    this.afterLeaving = afterLeaving;
  }

  /** Whether a thread is inside. */
  boolean busy() {
    return busy;
  }

  /** Whether no thread is inside and nothing is posted: the state is what the last event left. */
  boolean idle() {
    if (busy) {
      return false;
    }
    ConcurrentLinkedQueue<Object> box = mailbox;
    return box == null || box.isEmpty();
  }

  /**
   * Comes in, if no thread is inside.
   *
   * @return {@code false} when another thread (or this one, re-entering) is inside: post instead
   */
  boolean enter() {
    return BUSY.compareAndSet(this, false, true);
  }

  /** Handles the events posted so far, in order; only the thread inside calls it. */
  void drain() {
    ConcurrentLinkedQueue<Object> box = mailbox;
    if (box == null) {
      return;
    }
    Object event;
    while ((event = box.poll()) != null) {
      handler.accept(event);
    }
  }

  /**
   * Leaves; then handles what was posted after the last {@link #drain()}, unless another thread
   * has come in meanwhile (it handles them).
   */
  void leave() {
    busy = false;
    ConcurrentLinkedQueue<Object> box = mailbox;
    while (box != null && !box.isEmpty() && enter()) {
      try {
        drain();
      } finally {
        busy = false;
      }
    }
    afterLeaving.run();
  }

  /**
   * Posts an event: handled at once on this thread if no thread is inside, else by the thread
   * inside once it is done with what it is doing.
   */
  void post(Object event) {
    mailbox().add(event);
    if (enter()) {
      try {
        drain();
      } finally {
        leave();
      }
    }
  }

  private ConcurrentLinkedQueue<Object> mailbox() {
    ConcurrentLinkedQueue<Object> box = mailbox;
    if (box == null) {
      box = new ConcurrentLinkedQueue<>();
      if (!MAILBOX.compareAndSet(this, null, box)) {
        box = mailbox;
      }
    }
    return box;
  }
}
