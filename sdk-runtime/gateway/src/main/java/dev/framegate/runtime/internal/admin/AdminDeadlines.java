package dev.framegate.runtime.internal.admin;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * The admin endpoint's header and read timeouts, which Grizzly's non-blocking HTTP server does not
 * have: a filter right after the transport sees every read of every connection and one timer closes
 * a connection that
 *
 * <ul>
 *   <li>has not completed a request head within the header timeout, counted from its accept or
 *       from the end of its previous response (so an idle keep-alive connection goes too), or
 *   <li>stays silent for the read timeout once a request head has begun.
 * </ul>
 *
 * While a complete request is being answered neither applies.
 */
final class AdminDeadlines extends BaseFilter implements AddOn, AutoCloseable {

  private static final Attribute<State> STATE =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(AdminDeadlines.class.getName() + ".state");

  /** Where one connection is in its request cycle; written by Grizzly's threads, read by the timer. */
  private static final class State {
    volatile long requestStart;
    volatile long lastRead;
    volatile boolean reading;
    volatile boolean handling;

    State(long now) {
      requestStart = now;
      lastRead = now;
    }
  }

  private final long headerTimeoutNanos;
  private final long readTimeoutNanos;
  private final ScheduledExecutorService timer;

  AdminDeadlines(long headerTimeoutNanos, long readTimeoutNanos) {
    this.headerTimeoutNanos = headerTimeoutNanos;
    this.readTimeoutNanos = readTimeoutNanos;
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "framegate-admin-deadlines");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
  }

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    builder.add(builder.indexOfType(TransportFilter.class) + 1, this);
  }

  @Override
  public NextAction handleAccept(FilterChainContext ctx) throws IOException {
    Connection<?> connection = ctx.getConnection();
    State state = new State(System.nanoTime());
    STATE.set(connection, state);
    schedule(connection, state, Math.min(headerTimeoutNanos, readTimeoutNanos));
    return ctx.getInvokeAction();
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    State state = STATE.get(ctx.getConnection());
    if (state != null) {
      state.lastRead = System.nanoTime();
      state.reading = true;
    }
    return ctx.getInvokeAction();
  }

  /** A complete request head reached the handler: no deadline while it is answered. */
  void handling(Connection<?> connection) {
    State state = STATE.get(connection);
    if (state != null) {
      state.handling = true;
    }
  }

  /** The answer is written: the next request head has the header timeout from now. */
  void handled(Connection<?> connection) {
    State state = STATE.get(connection);
    if (state != null) {
      long now = System.nanoTime();
      state.requestStart = now;
      state.lastRead = now;
      state.reading = false;
      state.handling = false;
    }
  }

  private void check(Connection<?> connection, State state) {
    if (!connection.isOpen()) {
      return;
    }
    long now = System.nanoTime();
    if (state.handling) {
      schedule(connection, state, headerTimeoutNanos);
      return;
    }
    long deadline = state.requestStart + headerTimeoutNanos;
    if (state.reading) {
      deadline = Math.min(deadline, state.lastRead + readTimeoutNanos);
    }
    if (now - deadline >= 0) {
      connection.closeSilently();
      return;
    }
    // A head may begin at any moment: look again within the read timeout at the latest.
    schedule(connection, state, Math.min(deadline - now, readTimeoutNanos));
  }

  private void schedule(Connection<?> connection, State state, long delayNanos) {
    try {
      timer.schedule(() -> check(connection, state), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the endpoint is stopping: its connections are closed with it
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
