package dev.framegate.runtime.internal.tyrus;

import dev.framegate.api.HandshakeRequest;
import dev.framegate.engine.HandshakeRequests;
import dev.framegate.engine.ListenerInfo;
import dev.framegate.engine.RequestPaths;
import dev.framegate.engine.UpgradeValidator;
import dev.framegate.runtime.Route;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;

/**
 * The Grizzly filter in front of Tyrus's own WebSocket filter. It sees every HTTP request of the
 * client-facing listener and:
 *
 * <ul>
 *   <li>disconnects a client that has not sent a complete request within the handshake timeout;
 *   <li>answers malformed upgrades with 400 and the engine's reason (SPEC H1), unknown paths with
 *       404;
 *   <li>starts the engine's connection and <em>suspends</em> the request's filter-chain context
 *       without blocking the worker thread; the engine then connects the upstream, and the context is
 *       resumed into Tyrus's filter only once the upstream accepted (SPEC H2), or answered with the
 *       engine's rejection;
 *   <li>between the hand-over to Tyrus and the 101, holds the client's reads while the
 *       connection's backlog towards the upstream is over its bound (back-pressure); once the 101
 *       is written it hands the connection to {@link UpgradedClientReads}, whose filters take every
 *       later read in front of Grizzly's HTTP filter.
 * </ul>
 */
final class HandshakeFilter extends BaseFilter {

  private static final Logger LOG = Logger.getLogger(HandshakeFilter.class.getName());

  private static final Attribute<ProxiedConnection> PROXIED =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HandshakeFilter.class.getName() + ".connection");

  private final GatewayRuntime runtime;

  HandshakeFilter(GatewayRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    Object message = ctx.getMessage();
    if (!(message instanceof HttpContent)) {
      return ctx.getInvokeAction();
    }
    HttpContent content = (HttpContent) message;
    Connection<?> connection = ctx.getConnection();
    ProxiedConnection proxied = PROXIED.get(connection);
    if (proxied != null) {
      if (content.getHttpHeader().isUpgrade() || proxied.upgradeHandedOver()) {
        return proxied.holdClientRead(ctx) ? ctx.getSuspendAction() : ctx.getInvokeAction();
      }
      // The rest of a request whose handshake is still pending carries nothing we need.
      return ctx.getStopAction();
    }
    HttpHeader header = content.getHttpHeader();
    if (!header.isRequest()) {
      return ctx.getInvokeAction();
    }
    HttpRequestPacket request = (HttpRequestPacket) header;
    Map<String, List<String>> headers = headers(request);
    Optional<String> malformed = UpgradeValidator.check(request.getMethod().getMethodString(), headers);
    if (malformed.isPresent()) {
      respond(ctx, content, 400, Map.of(), "Bad WebSocket upgrade request: " + malformed.get() + "\n");
      return ctx.getStopAction();
    }
    String path;
    try {
      path = RequestPaths.normalize(request.getRequestURI());
    } catch (IllegalArgumentException e) {
      LOG.info(() -> "Refused request path from " + connection.getPeerAddress() + ": " + e.getMessage());
      respond(ctx, content, 400, Map.of(), "Bad request path: " + e.getMessage() + "\n");
      return ctx.getStopAction();
    }
    Optional<Route> route = runtime.routes().resolve(path);
    if (route.isEmpty()) {
      respond(ctx, content, 404, Map.of(), "No route for path " + path + "\n");
      return ctx.getStopAction();
    }
    URI upstream;
    try {
      upstream = route.get().upstreamFor(path, request.getQueryString());
    } catch (IllegalArgumentException e) {
      respond(ctx, content, 400, Map.of(), "Bad request target: " + e.getMessage() + "\n");
      return ctx.getStopAction();
    }
    InetSocketAddress remote = (InetSocketAddress) connection.getPeerAddress();
    HandshakeRequest handshake = HandshakeRequests.create(path, request.getQueryString(), headers, remote);
    ListenerInfo implied = ListenerInfo.impliedBy(handshake);
    ListenerInfo listener = new ListenerInfo(runtime.secure(), implied.host(), runtime.port());
    proxied = runtime.open(route.get());
    PROXIED.set(connection, proxied);
    ctx.suspend();
    proxied.beginHandshake(ctx, content, handshake, listener, upstream);
    return ctx.getSuspendAction();
  }

  /**
   * Gives every new client connection the handshake timeout to send a complete upgrade request: a
   * client that sends nothing, half a request or bytes that never parse as HTTP is disconnected then.
   */
  @Override
  public NextAction handleAccept(FilterChainContext ctx) throws IOException {
    Connection<?> connection = ctx.getConnection();
    runtime.schedule(runtime.handshakeTimeoutNanos(), () -> {
      if (PROXIED.get(connection) == null && connection.isOpen()) {
        connection.closeSilently();
      }
    });
    return ctx.getInvokeAction();
  }

  @Override
  public NextAction handleWrite(FilterChainContext ctx) throws IOException {
    Object message = ctx.getMessage();
    if (message instanceof HttpContent) {
      HttpHeader header = ((HttpContent) message).getHttpHeader();
      if (!header.isRequest() && ((HttpResponsePacket) header).getStatus() == 101) {
        ProxiedConnection proxied = PROXIED.get(ctx.getConnection());
        if (proxied != null) {
          // Tyrus writes the 101 just before it creates the WebSocket connection, while the
          // connection cannot read yet.
          UpgradedClientReads.upgraded(ctx.getConnection(), proxied);
        }
      }
    }
    return ctx.getInvokeAction();
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    ProxiedConnection proxied = PROXIED.get(ctx.getConnection());
    if (proxied != null) {
      proxied.clientTransportClosed();
    }
    return ctx.getInvokeAction();
  }

  private static Map<String, List<String>> headers(HttpRequestPacket request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : request.getHeaders().names()) {
      List<String> values = headers.computeIfAbsent(name, n -> new ArrayList<>());
      for (String value : request.getHeaders().values(name)) {
        values.add(value);
      }
    }
    return headers;
  }

  /** Writes a complete HTTP response to a pending request and closes the connection after it. */
  static void respond(
      FilterChainContext ctx, HttpContent requestContent, int status, Map<String, List<String>> headers, String body) {
    HttpRequestPacket request = (HttpRequestPacket) requestContent.getHttpHeader();
    HttpResponsePacket response = request.getResponse();
    response.setProtocol(Protocol.HTTP_1_1);
    response.setStatus(status);
    HttpStatus known = HttpStatus.getHttpStatus(status);
    response.setReasonPhrase(known != null ? known.getReasonPhrase() : "Status " + status);
    if (headers != null) {
      headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    }
    byte[] bytes = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
    if (response.getHeader("Content-Type") == null) {
      response.setContentType("text/plain; charset=utf-8");
    }
    response.setContentLengthLong(bytes.length);
    response.setHeader("Connection", "close");
    HttpContent out =
        HttpContent.builder(response)
            .content(Buffers.wrap(ctx.getMemoryManager(), bytes))
            .last(true)
            .build();
    Connection<?> connection = ctx.getConnection();
    ctx.write(
        out,
        new EmptyCompletionHandler<WriteResult>() {
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
}
