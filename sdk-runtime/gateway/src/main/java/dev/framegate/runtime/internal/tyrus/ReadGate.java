package dev.framegate.runtime.internal.tyrus;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.glassfish.grizzly.filterchain.FilterChainContext;

/**
 * Back-pressure for the reads of one side of one connection. While its direction has more bytes in
 * flight than the bound, the next read from that side's socket is suspended in its Grizzly filter
 * context (no thread waits): Grizzly stops reading the socket, and TCP flow control pushes back on
 * the sender. The read is resumed once the backlog fell to half the bound.
 */
final class ReadGate {

  private final Object lock = new Object();
  private final boolean rerunHoldingFilter;
  private boolean paused;
  private FilterChainContext held;
  private boolean released;

  /**
   * Creates a gate.
   *
   * @param rerunHoldingFilter {@code true} when the filter that holds the read must run again on
   *     resume (it wraps the filter that consumes the read); {@code false} when the read resumes with
   *     the next filter of the chain
   */
  ReadGate(boolean rerunHoldingFilter) {
    this.rerunHoldingFilter = rerunHoldingFilter;
  }

  /**
   * Opens or closes the gate for the current backlog.
   *
   * @param inFlight the direction's bytes in flight
   * @param bound the direction's bound
   * @param resumer runs a held read, off the calling thread (which may hold other locks)
   */
  void update(long inFlight, long bound, Executor resumer) {
    FilterChainContext resume = null;
    synchronized (lock) {
      if (!paused && inFlight > bound) {
        paused = true;
      } else if (paused && inFlight <= bound / 2) {
        paused = false;
        resume = held;
        held = null;
      }
    }
    if (resume != null) {
      FilterChainContext context = resume;
      try {
        resumer.execute(rerunHoldingFilter ? context::resume : context::resumeNext);
      } catch (RejectedExecutionException e) {
        context.resume(context.getStopAction());
      }
    }
  }

  /**
   * Decides whether a read must wait; when it must, the context is suspended and kept.
   *
   * @param context the read's filter-chain context
   * @return {@code true} when the read was held: the filter must return the suspend action
   */
  boolean hold(FilterChainContext context) {
    synchronized (lock) {
      if (!paused || released) {
        return false;
      }
      context.suspend();
      held = context;
      return true;
    }
  }

  /** Whether a read is held now. */
  boolean holding() {
    synchronized (lock) {
      return held != null;
    }
  }

  /** The side is gone: drops a held read and never holds again. */
  void release() {
    FilterChainContext dropped;
    synchronized (lock) {
      released = true;
      paused = false;
      dropped = held;
      held = null;
    }
    if (dropped != null) {
      dropped.resume(dropped.getStopAction());
    }
  }
}
