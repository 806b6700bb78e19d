package dev.framegate.runtime.internal.tyrus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.tyrus.spi.ClientEngine;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.Writer;

/**
 * Wraps Tyrus's client engine for one upstream connection: records the upstream's status for rule
 * H2, reports the writer once the upgrade succeeded, and puts the frame hook in place of Tyrus's
 * read handler.
 */
final class HookingClientEngine implements ClientEngine {

  private final ClientEngine delegate;
  private final UpstreamAttempt attempt;

  HookingClientEngine(ClientEngine delegate, UpstreamAttempt attempt) {
    this.delegate = delegate;
    this.attempt = attempt;
  }

  private volatile UpgradeRequest request;

  @Override
  public UpgradeRequest createUpgradeRequest(TimeoutHandler timeoutHandler) {
    attempt.timeoutHandler(timeoutHandler);
    UpgradeRequest created = delegate.createUpgradeRequest(timeoutHandler);
    UpstreamHangUps.watch(created, attempt);
    request = created;
    return created;
  }

  @Override
  public ClientUpgradeInfo processResponse(
      UpgradeResponse response, Writer writer, Connection.CloseListener closeListener) {
    attempt.responseStatus(response.getStatus());
    if (response.getStatus() == 101) {
      // The proxy offers no extension (rule H3): an upstream that names one anyway is not followed.
      removeExtensions(response.getHeaders());
    }
    ClientUpgradeInfo info = delegate.processResponse(response, writer, closeListener);
    if (info.getUpgradeStatus() != ClientUpgradeStatus.SUCCESS) {
      return info;
    }
    String subprotocol = response.getFirstHeaderValue(jakarta.websocket.server.HandshakeRequest.SEC_WEBSOCKET_PROTOCOL);
    return new ClientUpgradeInfo() {
      @Override
      public ClientUpgradeStatus getUpgradeStatus() {
        return info.getUpgradeStatus();
      }

      @Override
      public Connection createConnection() {
        Connection connection = info.createConnection();
        releaseHandshake();
        attempt.connected(writer, subprotocol == null || subprotocol.isEmpty() ? null : subprotocol);
        return new ClosingConnection(connection, attempt.hook());
      }
    };
  }

  @Override
  public void processError(Throwable t) {
    delegate.processError(t);
    attempt.failed(t);
  }

  /**
   * The upgrade request stays referenced by Tyrus's client for the life of the connection; its
   * headers are not read again once the 101 is accepted.
   */
  private void releaseHandshake() {
    UpgradeRequest sent = request;
    request = null;
    if (sent != null) {
      try {
        sent.getHeaders().clear();
      } catch (UnsupportedOperationException e) {
        // an immutable map: nothing to release
      }
    }
    attempt.handshakeDone();
  }

  private static void removeExtensions(Map<String, List<String>> headers) {
    for (String name : new ArrayList<>(headers.keySet())) {
      if (name.equalsIgnoreCase(jakarta.websocket.server.HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS)) {
        headers.remove(name);
      }
    }
  }

  /**
   * A Tyrus connection whose incoming bytes go to the frame hook instead of Tyrus's frame parser, and
   * whose end is reported to the proxied connection that owns it.
   */
  static final class ClosingConnection implements Connection {
    private final Connection delegate;
    private final ReadHandler reader;
    private final Runnable onClose;

    ClosingConnection(Connection delegate, FrameHook hook) {
      this.delegate = delegate;
      this.reader = hook.readHandler();
      this.onClose = hook::transportClosed;
    }

    @Override
    public ReadHandler getReadHandler() {
      return reader;
    }

    @Override
    public Writer getWriter() {
      return delegate.getWriter();
    }

    @Override
    public CloseListener getCloseListener() {
      return delegate.getCloseListener();
    }

    @Override
    public void close(jakarta.websocket.CloseReason reason) {
      try {
        delegate.close(reason);
      } finally {
        onClose.run();
      }
    }
  }
}
