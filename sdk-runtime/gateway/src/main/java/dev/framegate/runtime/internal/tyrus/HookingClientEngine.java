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
 * Wraps Tyrus's client engine for one upstream connection: keeps the frame hook off the wire (it is
 * removed from the upgrade request and added back to the 101 so that Tyrus installs it), records the
 * upstream's status for SPEC H2, and reports the writer once the upgrade succeeded.
 */
final class HookingClientEngine implements ClientEngine {

  private final ClientEngine delegate;
  private final UpstreamAttempt attempt;

  HookingClientEngine(ClientEngine delegate, UpstreamAttempt attempt) {
    this.delegate = delegate;
    this.attempt = attempt;
  }

  @Override
  public UpgradeRequest createUpgradeRequest(TimeoutHandler timeoutHandler) {
    attempt.timeoutHandler(timeoutHandler);
    UpgradeRequest request = delegate.createUpgradeRequest(timeoutHandler);
    removeHook(request.getHeaders());
    return request;
  }

  @Override
  public ClientUpgradeInfo processResponse(
      UpgradeResponse response, Writer writer, Connection.CloseListener closeListener) {
    attempt.responseStatus(response.getStatus());
    if (response.getStatus() == 101) {
      // The upstream negotiates no extension (the proxy offers none), so the hook is the only one.
      response.getHeaders().put(jakarta.websocket.server.HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS, List.of(FrameHook.NAME));
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

  private static void removeHook(Map<String, List<String>> headers) {
    for (String name : new ArrayList<>(headers.keySet())) {
      if (name.equalsIgnoreCase(jakarta.websocket.server.HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS)) {
        List<String> kept = new ArrayList<>();
        for (String value : headers.get(name)) {
          for (String part : value.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith(FrameHook.NAME)) {
              kept.add(trimmed);
            }
          }
        }
        if (kept.isEmpty()) {
          headers.remove(name);
        } else {
          headers.put(name, List.of(String.join(", ", kept)));
        }
      }
    }
  }

  /** Reports the end of a Tyrus connection to the proxied connection that owns it. */
  static final class ClosingConnection implements Connection {
    private final Connection delegate;
    private final Runnable onClose;

    ClosingConnection(Connection delegate, FrameHook hook) {
      this(delegate, hook::transportClosed);
    }

    ClosingConnection(Connection delegate, Runnable onClose) {
      this.delegate = delegate;
      this.onClose = onClose;
    }

    @Override
    public ReadHandler getReadHandler() {
      return delegate.getReadHandler();
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
