package dev.framegate.runtime.internal.demo;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The built-in echo upstream: a small Tyrus server on 127.0.0.1 that sends every text and binary
 * message back to its sender, on the path {@value #PATH}. Used by {@code framegate demo} and by
 * routes whose upstream is {@code builtin:echo}. A sender that does not read its echoes is slowed
 * down: a session with more than 1 MiB queued for writing stops reading ({@link EchoFlow}).
 */
public final class EchoServer implements AutoCloseable {

  /** The bytes one session may have queued for writing before it stops reading. */
  public static final long MAX_QUEUED_BYTES = EchoFlow.BOUND;

  /** The path the echo endpoint serves. */
  public static final String PATH = "/echo";

  private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();
  private static final String FLOW = EchoFlow.class.getName();

  private final LoopbackContainer container;

  private EchoServer(LoopbackContainer container) {
    this.container = container;
  }

  /**
   * Starts an echo server on 127.0.0.1.
   *
   * @param port the port, 0 for a free one
   * @return the running server
   */
  public static EchoServer start(int port) {
    LoopbackContainer container = new LoopbackContainer();
    try {
      container.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, PATH).build());
      container.start("/", port);
    } catch (DeploymentException e) {
      throw new IllegalStateException("the echo endpoint does not deploy: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("the echo server cannot listen on 127.0.0.1:" + port, e);
    }
    return new EchoServer(container);
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  public int port() {
    return container.getPort();
  }

  /**
   * The URL clients (and routes) connect to.
   *
   * @return {@code ws://127.0.0.1:PORT/echo}
   */
  public URI uri() {
    return URI.create("ws://127.0.0.1:" + port() + PATH);
  }

  /**
   * The bytes this server's sessions have queued for writing and not yet written. Each session stops
   * reading once it has more than 1 MiB queued (back-pressure), so this stays below about 1 MiB plus
   * what one socket read brought, per session.
   *
   * @return the byte count
   */
  public long pendingBytes() {
    long total = 0;
    for (Session session : SESSIONS) {
      if (session.getContainer() == container && session.getUserProperties().get(FLOW) instanceof EchoFlow.Flow flow) {
        total += flow.pending();
      }
    }
    return total;
  }

  /** Closes every session with 1001 and stops. */
  @Override
  public void close() {
    for (Session session : SESSIONS) {
      if (session.getContainer() == container) {
        try {
          session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "echo server stopping"));
        } catch (IOException | RuntimeException e) {
          // the session is gone already
        }
      }
    }
    container.stop();
  }

  /** Echoes every message to its sender. */
  public static final class Echo extends Endpoint {
    /** Created by Tyrus, one per session. */
    public Echo() {}

    @Override
    public void onOpen(Session session, EndpointConfig config) {
      EchoFlow.Flow flow = EchoFlow.current();
      session.getUserProperties().put(FLOW, flow);
      SESSIONS.add(session);
      session.addMessageHandler(String.class, text -> {
        // UTF-8 is at least one byte a char: counting chars keeps the bound honest enough
        long bytes = text.length();
        flow.queued(bytes);
        session.getAsyncRemote().sendText(text, result -> flow.written(bytes));
      });
      session.addMessageHandler(ByteBuffer.class, data -> {
        long bytes = data.remaining();
        flow.queued(bytes);
        session.getAsyncRemote().sendBinary(data, result -> flow.written(bytes));
      });
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
      gone(session);
    }

    @Override
    public void onError(Session session, Throwable error) {
      gone(session);
    }

    private static void gone(Session session) {
      SESSIONS.remove(session);
      Object flow = session.getUserProperties().get(FLOW);
      if (flow instanceof EchoFlow.Flow f) {
        f.release();
      }
    }
  }

  /** A Tyrus container over a Grizzly listener bound to 127.0.0.1 (the stock one binds 0.0.0.0). */
  private static final class LoopbackContainer extends TyrusServerContainer {
    private final WebSocketEngine engine;
    private HttpServer server;
    private NetworkListener listener;
    private String contextPath = "/";

    LoopbackContainer() {
      super((Set<Class<?>>) null);
      engine = TyrusWebSocketEngine.builder(this).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
      engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
      engine.register(config, contextPath);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
      return engine;
    }

    @Override
    public void start(String rootPath, int port) throws IOException, DeploymentException {
      contextPath = rootPath;
      server = new HttpServer();
      listener = new NetworkListener("framegate-echo", "127.0.0.1", port);
      listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
      listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
      listener.registerAddOn(new WebSocketAddOn(this, contextPath));
      listener.registerAddOn(new EchoFlow());
      server.addListener(listener);
      server.start();
      super.start(rootPath, port);
    }

    @Override
    public int getPort() {
      return listener == null ? -1 : listener.getPort();
    }

    @Override
    public void stop() {
      super.stop();
      if (server != null) {
        server.shutdownNow();
      }
    }

    @Override
    public Map<String, Object> getProperties() {
      return Map.of();
    }
  }
}
