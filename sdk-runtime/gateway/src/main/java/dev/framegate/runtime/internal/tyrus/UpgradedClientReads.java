package dev.framegate.runtime.internal.tyrus;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpServerFilter;

/**
 * Reads of a client connection once its upgrade is done, taken in front of Grizzly's HTTP filter.
 *
 * <p>Grizzly's HTTP filter keeps the upgrade request "in process" for the whole life of an upgraded
 * connection, so that it can wrap every later read as content of that request: the request, its
 * response and their parsed headers (about 10 KiB per connection) would stay referenced until the
 * connection closes. Once the 101 is written,
 * {@link #upgraded} makes the HTTP filter forget the request, and from then on the two filters here
 * hand the connection's bytes straight to its frame hook, so the HTTP filter, {@link
 * HandshakeFilter} and Tyrus's filter never see them again. Writes and close events still pass
 * every filter as before.
 *
 * <p>{@link #gate()} holds a read while the connection's backlog is over its bound (back-pressure);
 * a held read resumes into {@link #delivery()}, which hands the bytes over.
 */
final class UpgradedClientReads {

  private static final Attribute<ProxiedConnection> UPGRADED =
      Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(UpgradedClientReads.class.getName() + ".connection");

  private final Filter gate = new Gate();
  private final Filter delivery = new Delivery();

  /** The filter to put first: holds reads under back-pressure. */
  Filter gate() {
    return gate;
  }

  /** The filter to put right after {@link #gate()}, in front of the HTTP filter. */
  Filter delivery() {
    return delivery;
  }

  /**
   * The 101 of a proxied connection is being written: later reads go to its frame hook, and the HTTP
   * filter's upgrade request is released. Called on the thread that runs the upgrade, before the
   * connection can read again.
   */
  static void upgraded(Connection<?> connection, ProxiedConnection proxied) {
    UPGRADED.set(connection, proxied);
    connection.getAttributes().removeAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
  }

  private static final class Gate extends BaseFilter {
    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
      ProxiedConnection proxied = UPGRADED.get(ctx.getConnection());
      if (proxied != null && proxied.holdClientRead(ctx)) {
        return ctx.getSuspendAction();
      }
      return ctx.getInvokeAction();
    }
  }

  private static final class Delivery extends BaseFilter {
    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
      ProxiedConnection proxied = UPGRADED.get(ctx.getConnection());
      if (proxied == null) {
        return ctx.getInvokeAction();
      }
      proxied.clientHook.read((Buffer) ctx.getMessage());
      return ctx.getStopAction();
    }
  }
}
