package dev.framegate.runtime.internal.transport;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.IOEventLifeCycleListener;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.strategies.AbstractIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * Grizzly's I/O strategy for the gateway: every event is processed on the selector thread that saw
 * it, so a frame is read, decoded, run through the plugins and written without crossing threads (as
 * Grizzly's same-thread strategy does). Unlike that strategy, a connection's read or write interest
 * is off while one of its events is processed (as the leader-follower and worker strategies do), so
 * that a selector moved away by the {@link StallWatchdog} never processes a connection whose event
 * is still running on the stuck thread. Returning {@code false} tells Grizzly's selector loop that
 * this thread no longer runs the selector.
 */
final class InlineIOStrategy extends AbstractIOStrategy {

  private static final Logger LOG = Logger.getLogger(InlineIOStrategy.class.getName());

  private final StallWatchdog watchdog;

  InlineIOStrategy(StallWatchdog watchdog) {
    this.watchdog = watchdog;
  }

  @Override
  public boolean executeIoEvent(Connection connection, IOEvent ioEvent, boolean isIoEventEnabled) throws IOException {
    IOEventLifeCycleListener listener = null;
    if (isReadWrite(ioEvent)) {
      if (isIoEventEnabled) {
        connection.disableIOEvent(ioEvent);
      }
      listener = ENABLE_INTEREST_LIFECYCLE_LISTENER;
    }
    StallWatchdog.Lane lane = watchdog.beginEvent(((NIOConnection) connection).getSelectorRunner());
    boolean stillSelectorThread;
    try {
      fireIOEvent(connection, ioEvent, listener, LOG);
    } finally {
      stillSelectorThread = watchdog.endEvent(lane);
    }
    return stillSelectorThread;
  }

  @Override
  public Executor getThreadPoolFor(Connection connection, IOEvent ioEvent) {
    return null;
  }

  @Override
  public ThreadPoolConfig createDefaultWorkerPoolConfig(Transport transport) {
    return null;
  }
}
