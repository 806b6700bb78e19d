package dev.framegate.runtime.internal.tyrus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.spi.ClientEngine;
import org.glassfish.tyrus.spi.Writer;

/** One attempt to open the upstream WebSocket of a connection, and how it ended. */
final class UpstreamAttempt {

  private static final Logger LOG = Logger.getLogger(UpstreamAttempt.class.getName());

  private final ProxiedConnection connection;
  // Only read to build the upgrade request; released once the upstream accepted it.
  private volatile Map<String, List<String>> headers;
  private volatile List<String> subprotocols;
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile Runnable whenSettled;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private volatile ClientEngine.TimeoutHandler timeoutHandler;
  private volatile int responseStatus;

  UpstreamAttempt(ProxiedConnection connection, Map<String, List<String>> headers, List<String> subprotocols) {
    this.connection = connection;
    this.headers = headers;
    this.subprotocols = subprotocols;
  }

  Map<String, List<String>> headers() {
    return headers;
  }

  List<String> subprotocols() {
    return subprotocols;
  }

  /** The upgrade request is sent and answered: what it was built from is no longer needed. */
  void handshakeDone() {
    headers = Map.of();
    subprotocols = List.of();
  }

  FrameHook hook() {
    return connection.upstreamHook;
  }

  void timeoutHandler(ClientEngine.TimeoutHandler handler) {
    this.timeoutHandler = handler;
    if (cancelled.get()) {
      abort();
    }
  }

  void responseStatus(int status) {
    this.responseStatus = status;
  }

  /** The upstream answered 101: its connection is ready for frames. */
  void connected(Writer writer, String subprotocol) {
    if (settled.compareAndSet(false, true)) {
      runWhenSettled();
      connection.upstreamUpgraded(writer, subprotocol);
    } else {
      try {
        writer.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "close failed", e);
      }
    }
  }

  /** The connect failed; maps the failure to the status the client gets (rule H2). */
  void failed(Throwable error) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    runWhenSettled();
    int status = responseStatus;
    String detail;
    if (status != 0 && status != 101) {
      detail = "upstream answered the upgrade with HTTP " + status;
    } else if (isTimeout(error)) {
      status = 504;
      detail = "upstream did not answer the upgrade in time";
    } else {
      status = 502;
      detail = "upstream unreachable: " + rootMessage(error);
    }
    connection.upstreamFailed(status, detail);
  }

  /** The engine gave up on the upstream (connect timeout, shutdown): abandon the attempt. */
  void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      if (!settled.getAndSet(true)) {
        runWhenSettled();
      }
      abort();
    }
  }

  /** Runs a task once the attempt has settled (connected, failed or cancelled), at once if it has. */
  void onSettled(Runnable task) {
    whenSettled = task;
    if (settled.get()) {
      runWhenSettled();
    }
  }

  private void runWhenSettled() {
    Runnable task = whenSettled;
    if (task != null) {
      task.run();
    }
  }

  boolean isCancelled() {
    return cancelled.get();
  }

  private void abort() {
    ClientEngine.TimeoutHandler handler = timeoutHandler;
    if (handler != null) {
      try {
        handler.handleTimeout();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "abort failed", e);
      }
    }
  }

  private static boolean isTimeout(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException
          || t instanceof java.net.SocketTimeoutException
          || (t.getMessage() != null && t.getMessage().contains("Handshake response not received"))) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
