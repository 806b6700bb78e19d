package dev.framegate.runtime.internal.transport;

import dev.framegate.api.HandshakeRequest;
import dev.framegate.engine.HandshakeRequests;
import dev.framegate.engine.ListenerInfo;
import dev.framegate.engine.RequestPaths;
import dev.framegate.engine.Side;
import dev.framegate.engine.UpgradeValidator;
import dev.framegate.runtime.Route;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.Buffers;

/**
 * The last filter of the client listener's chain (after the transport filter, and the TLS filter
 * for wss): the gateway's own HTTP/1.1 upgrade, then the client's frames.
 *
 * <ul>
 *   <li>A new connection has the handshake timeout to send a complete upgrade head (at most {@link
 *       #MAX_HEAD_BYTES}); it is disconnected then.
 *   <li>A malformed upgrade gets 400 with the reason (rule H1), an unknown path 404; the engine is
 *       not involved.
 *   <li>A valid upgrade starts the engine's connection on this I/O thread. The read is then held,
 *       suspended, with any bytes that came after the head, until the engine accepts (101 written,
 *       those bytes decoded as the client's first frames: RFC 6455 asks a client to wait for the 101,
 *       and a frame sent early is taken rather than dropped) or rejects the client.
 *   <li>After the 101 every read goes to the connection's client {@link Peer}; the connection keeps
 *       nothing from the handshake.
 * </ul>
 */
final class ClientFilter extends BaseFilter {

  private static final Logger LOG = Logger.getLogger(ClientFilter.class.getName());

  /** The largest upgrade head a client may send. */
  static final int MAX_HEAD_BYTES = 8 * 1024;

  private static final Attribute<Session> SESSION =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(ClientFilter.class.getName() + ".session");

  private final GatewayRuntime runtime;

  ClientFilter(GatewayRuntime runtime) {
    this.runtime = runtime;
  }

  /** A client connection: its head while it arrives, then its side of the proxied connection. */
  private static final class Session {
    HttpHead.Reader head = new HttpHead.Reader(MAX_HEAD_BYTES);
    Future<?> handshakeTimer;
    Peer peer;
  }

  @Override
  public NextAction handleAccept(FilterChainContext ctx) throws IOException {
    Connection<?> connection = ctx.getConnection();
    Session session = new Session();
    SESSION.set(connection, session);
    session.handshakeTimer = runtime.schedule(runtime.handshakeTimeoutNanos(), () -> {
      if (session.peer == null && connection.isOpen()) {
        connection.closeSilently();
      }
    });
    return ctx.getInvokeAction();
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    Connection<?> connection = ctx.getConnection();
    Session session = SESSION.get(connection);
    Buffer buffer = ctx.getMessage();
    if (session == null) {
      return ctx.getStopAction();
    }
    Peer peer = session.peer;
    if (peer != null) {
      if (peer.owner.clientAccepted()) {
        return peer.read(ctx, buffer);
      }
      return ctx.getStopAction(); // refused, or bytes of a request still waiting for its upstream
    }
    if (session.head == null) {
      return ctx.getStopAction(); // answered and closing
    }
    ByteBuffer bytes = buffer.toByteBuffer();
    int before = bytes.position();
    byte[] head;
    try {
      head = session.head.read(bytes);
    } catch (HttpHead.Reader.TooLargeException e) {
      refuse(session, connection, 400, "Bad WebSocket upgrade request: the request head is larger than "
          + MAX_HEAD_BYTES + " bytes\n");
      return ctx.getStopAction();
    }
    buffer.position(buffer.position() + bytes.position() - before);
    if (head == null) {
      return ctx.getStopAction();
    }
    HttpHead request;
    try {
      request = HttpHead.request(head);
    } catch (HttpHead.MalformedHeadException e) {
      refuse(session, connection, 400, "Bad WebSocket upgrade request: " + e.getMessage() + "\n");
      return ctx.getStopAction();
    }
    return upgrade(ctx, session, connection, request, buffer);
  }

  private NextAction upgrade(FilterChainContext ctx, Session session, Connection<?> connection, HttpHead request,
      Buffer rest) {
    String method = request.startLine()[0];
    Map<String, List<String>> headers = request.headers();
    Optional<UpgradeValidator.Rejection> rejected =
        UpgradeValidator.validate(method, request.startLine()[2], HandshakeRequests.headers(headers));
    if (rejected.isPresent()) {
      UpgradeValidator.Rejection rejection = rejected.get();
      refuse(session, connection, rejection.status(), rejection.headers(),
          "Bad WebSocket upgrade request: " + rejection.reason() + "\n");
      return ctx.getStopAction();
    }
    String target = request.startLine()[1];
    String rawPath;
    String rawQuery = null;
    int query = target.indexOf('?');
    rawPath = query < 0 ? target : target.substring(0, query);
    if (query >= 0) {
      rawQuery = target.substring(query + 1);
    }
    int fragment = rawPath.indexOf('#');
    if (fragment >= 0) {
      rawPath = rawPath.substring(0, fragment);
    }
    if (!rawPath.startsWith("/")) {
      refuse(session, connection, 400, "Bad request target: " + target + " is not an absolute path\n");
      return ctx.getStopAction();
    }
    String path;
    try {
      path = RequestPaths.normalize(rawPath);
    } catch (IllegalArgumentException e) {
      LOG.info(() -> "Refused request path from " + connection.getPeerAddress() + ": " + e.getMessage());
      refuse(session, connection, 400, "Bad request path: " + e.getMessage() + "\n");
      return ctx.getStopAction();
    }
    Optional<Route> route = runtime.routes().resolve(path);
    if (route.isEmpty()) {
      refuse(session, connection, 404, "No route for path " + path + "\n");
      return ctx.getStopAction();
    }
    URI upstream;
    try {
      upstream = route.get().upstreamFor(path, rawQuery);
    } catch (IllegalArgumentException e) {
      refuse(session, connection, 400, "Bad request target: " + e.getMessage() + "\n");
      return ctx.getStopAction();
    }
    InetSocketAddress remote = (InetSocketAddress) connection.getPeerAddress();
    HandshakeRequest handshake = HandshakeRequests.create(path, rawQuery, headers, remote);
    ListenerInfo implied = ListenerInfo.impliedBy(handshake);
    ListenerInfo listener = new ListenerInfo(runtime.secure(), implied.host(), runtime.port());
    ProxiedConnection proxied = runtime.open(route.get(), upstream, connection, request.first("Sec-WebSocket-Key"));
    Peer peer = proxied.peer(Side.CLIENT);
    session.head = null;
    cancelTimer(session);
    session.peer = peer;
    proxied.start(handshake, listener);
    if (proxied.holdClientRead(ctx)) {
      return ctx.getSuspendAction();
    }
    return proxied.clientAccepted() ? peer.read(ctx, rest) : ctx.getStopAction();
  }

  private static void cancelTimer(Session session) {
    Future<?> timer = session.handshakeTimer;
    session.handshakeTimer = null;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** Answers a request the engine never sees, and closes the connection after the answer. */
  private void refuse(Session session, Connection<?> connection, int status, String body) {
    refuse(session, connection, status, Map.of(), body);
  }

  private void refuse(Session session, Connection<?> connection, int status, Map<String, List<String>> headers,
      String body) {
    session.head = null;
    cancelTimer(session);
    LOG.fine(() -> "refused a client upgrade with " + status + ": " + body.trim());
    byte[] response = HttpResponses.status(status, headers, body);
    Peer.write(connection, Buffers.wrap(connection.getMemoryManager(), response), new EmptyCompletionHandler<WriteResult>() {
      @Override
      public void completed(WriteResult result) {
        connection.closeSilently();
      }

      @Override
      public void failed(Throwable throwable) {
        connection.closeSilently();
      }
    });
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    Session session = SESSION.get(ctx.getConnection());
    if (session != null) {
      cancelTimer(session);
      if (session.peer != null) {
        session.peer.owner.transportClosed(Side.CLIENT);
      }
    }
    return ctx.getInvokeAction();
  }
}
