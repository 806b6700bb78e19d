package dev.framegate.runtime.internal.transport;

import dev.framegate.engine.Side;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * The last filter of every upstream connection's chain (after the transport filter, and the TLS
 * filter for {@code wss://}): reads the answer to the upgrade request, then hands every later byte
 * to the connection's upstream {@link Peer}. Once the 101 is accepted the connection keeps nothing
 * from the handshake.
 */
final class UpstreamFilter extends BaseFilter {

  /** The attempt of a connection whose upgrade is not answered yet. */
  static final Attribute<UpstreamConnector.Attempt> ATTEMPT =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(UpstreamFilter.class.getName() + ".attempt");
  /** The upstream side of an upgraded connection. */
  static final Attribute<Peer> PEER = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(UpstreamFilter.class.getName() + ".peer");

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    Buffer buffer = ctx.getMessage();
    org.glassfish.grizzly.Connection<?> connection = ctx.getConnection();
    Peer peer = PEER.get(connection);
    if (peer != null) {
      return peer.read(ctx, buffer);
    }
    UpstreamConnector.Attempt attempt = ATTEMPT.get(connection);
    if (attempt == null || attempt.settled.get()) {
      return ctx.getStopAction();
    }
    ByteBuffer bytes = buffer.toByteBuffer();
    int before = bytes.position();
    byte[] head;
    try {
      head = attempt.response.read(bytes);
    } catch (HttpHead.Reader.TooLargeException e) {
      attempt.failed(502, "upstream answered the upgrade with a head larger than 16 KiB");
      return ctx.getStopAction();
    }
    buffer.position(buffer.position() + bytes.position() - before);
    if (head == null) {
      return ctx.getStopAction();
    }
    HttpHead response;
    try {
      response = HttpHead.response(head);
    } catch (HttpHead.MalformedHeadException e) {
      attempt.failed(502, "upstream answered the upgrade with no valid HTTP response: " + e.getMessage());
      return ctx.getStopAction();
    }
    int status = response.status();
    if (status != 101) {
      attempt.failed(status, "upstream answered the upgrade with HTTP " + status);
      return ctx.getStopAction();
    }
    String invalid = invalidUpgrade(response, attempt);
    if (invalid != null) {
      attempt.failed(502, "upstream answered the upgrade with an invalid 101: " + invalid);
      return ctx.getStopAction();
    }
    if (!attempt.upgraded()) {
      return ctx.getStopAction();
    }
    ATTEMPT.remove(connection);
    peer = attempt.proxied.peer(Side.UPSTREAM);
    PEER.set(connection, peer);
    String subprotocol = response.first("Sec-WebSocket-Protocol");
    attempt.proxied.upstreamUpgraded(subprotocol == null || subprotocol.isBlank() ? null : subprotocol.trim());
    // Frames the upstream sent right behind its 101.
    return peer.read(ctx, buffer);
  }

  /** Why a 101 does not complete the upgrade (RFC 6455 4.1), or {@code null} when it does. */
  private static String invalidUpgrade(HttpHead response, UpstreamConnector.Attempt attempt) {
    if (!response.hasToken("Upgrade", "websocket")) {
      return "no 'Upgrade: websocket'";
    }
    if (!response.hasToken("Connection", "upgrade")) {
      return "no 'Connection: Upgrade'";
    }
    String accept = response.first("Sec-WebSocket-Accept");
    if (accept == null || !accept.trim().equals(HttpResponses.acceptKey(attempt.key))) {
      return "Sec-WebSocket-Accept does not match the key";
    }
    return null;
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    org.glassfish.grizzly.Connection<?> connection = ctx.getConnection();
    UpstreamConnector.Attempt attempt = ATTEMPT.get(connection);
    if (attempt != null) {
      attempt.failed(502, "upstream unreachable: it closed the connection without answering the upgrade");
    }
    Peer peer = PEER.get(connection);
    if (peer != null) {
      peer.owner.transportClosed(Side.UPSTREAM);
    }
    return ctx.getInvokeAction();
  }

  @Override
  public void exceptionOccurred(FilterChainContext ctx, Throwable error) {
    UpstreamConnector.Attempt attempt = ATTEMPT.get(ctx.getConnection());
    if (attempt != null) {
      attempt.failed(502, "upstream unreachable: " + UpstreamConnector.rootMessage(error));
    }
  }
}
