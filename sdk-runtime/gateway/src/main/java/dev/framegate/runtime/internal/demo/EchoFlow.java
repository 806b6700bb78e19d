package dev.framegate.runtime.internal.demo;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter;

/**
 * Back-pressure for the built-in echo: each connection counts the bytes it has queued for sending
 * and not yet written. Over {@link #BOUND} the echo stops reading that connection: its next read is
 * suspended in its Grizzly filter context (no thread waits) in front of Tyrus's filter, so TCP flow
 * control pushes back on the sender, as any well-behaved upstream does. The read resumes once the
 * backlog fell to half the bound.
 */
final class EchoFlow extends BaseFilter implements AddOn {

  /** Bytes one echo connection may have queued for writing before it stops reading. */
  static final long BOUND = 1 << 20;

  private static final Attribute<Flow> FLOW =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(EchoFlow.class.getName() + ".flow");

  /**
   * The flow of the connection whose read the current thread is handling. Tyrus calls the
   * endpoint's {@code onOpen} from inside the read that carried the upgrade, on the thread that runs
   * this filter, and offers no other way from a session to its Grizzly connection.
   */
  private static final ThreadLocal<Flow> CURRENT = new ThreadLocal<>();

  private static final ExecutorService RESUMER = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "framegate-echo-resume");
    thread.setDaemon(true);
    return thread;
  });

  /** One connection's send backlog and its held read. */
  static final class Flow {
    private final AtomicLong pending = new AtomicLong();
    private final Object lock = new Object();
    private boolean paused;
    private boolean released;
    private FilterChainContext held;

    /** Bytes queued for writing and not yet written. */
    long pending() {
      return pending.get();
    }

    /** A message of this many bytes was queued for writing. */
    void queued(long bytes) {
      long now = pending.addAndGet(bytes);
      synchronized (lock) {
        if (!paused && now > BOUND) {
          paused = true;
        }
      }
    }

    /** A queued message was written (or failed). */
    void written(long bytes) {
      long now = pending.addAndGet(-bytes);
      FilterChainContext resume = null;
      synchronized (lock) {
        if (paused && now <= BOUND / 2) {
          paused = false;
          resume = held;
          held = null;
        }
      }
      if (resume != null) {
        FilterChainContext context = resume;
        try {
          // The read runs this filter again, which lets it through (or holds it once more).
          RESUMER.execute(context::resume);
        } catch (RejectedExecutionException e) {
          context.resume(context.getStopAction());
        }
      }
    }

    private boolean hold(FilterChainContext context) {
      synchronized (lock) {
        if (!paused || released) {
          return false;
        }
        context.suspend();
        held = context;
        return true;
      }
    }

    /** The connection is gone: drops a held read and never holds again. */
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

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int tyrus = builder.indexOfType(GrizzlyServerFilter.class);
    if (tyrus < 0) {
      throw new IllegalStateException("the echo's flow control goes in front of Tyrus's filter: register it after Tyrus's add-on");
    }
    builder.add(tyrus, this);
  }

  /**
   * The flow of the connection being read on this thread, for a session opening now.
   *
   * @return the flow, or a fresh one that nothing holds when called outside a read
   */
  static Flow current() {
    Flow flow = CURRENT.get();
    return flow != null ? flow : new Flow();
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    Connection<?> connection = ctx.getConnection();
    Flow flow = FLOW.get(connection);
    if (flow == null) {
      flow = new Flow();
      FLOW.set(connection, flow);
    }
    if (flow.hold(ctx)) {
      return ctx.getSuspendAction();
    }
    CURRENT.set(flow);
    return ctx.getInvokeAction();
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    Flow flow = FLOW.get(ctx.getConnection());
    if (flow != null) {
      flow.release();
    }
    return ctx.getInvokeAction();
  }
}
