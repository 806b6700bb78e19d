package dev.framegate.runtime.internal.tyrus;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Processor;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpClientFilter;
import org.glassfish.tyrus.spi.Writer;

/**
 * Reads of an upstream connection once its upgrade is done, taken in the place of Grizzly's HTTP
 * client filter: the upstream-side counterpart of {@link UpgradedClientReads}.
 *
 * <p>The Tyrus client gives each connection a filter chain of its own, in which Grizzly's HTTP
 * filter keeps the upstream's 101 response (and, through it, the upgrade request) "in process" for
 * the whole life of the connection. Once the 101 is accepted, {@link #install} puts a filter in the
 * HTTP filter's place in that chain, which hands the bytes straight to the frame hook, and removes
 * the response the HTTP filter kept. Writes pass the same filters as before (the HTTP filter passed
 * the bytes of a WebSocket write through unchanged), and close events reach Tyrus's filter as
 * before. The Tyrus client does not expose the Grizzly connection of a writer, so it is
 * read from the writer's field once per connection; should that ever fail, the connection keeps
 * Tyrus's chain unchanged (same behaviour, more memory).
 */
final class UpgradedUpstreamReads {

  private static final Logger LOG = Logger.getLogger(UpgradedUpstreamReads.class.getName());

  /** The name under which Grizzly's HTTP client filter keeps the response in process. */
  private static final String RESPONSE_IN_PROCESS = "HttpClientFilter.httpResponse";

  /**
   * Tyrus's client filter, made for one connection (it holds that connection's engine and upgrade
   * request): a chain holding one is that connection's own.
   */
  private static final String TYRUS_CLIENT_FILTER = "org.glassfish.tyrus.container.grizzly.client.GrizzlyClientFilter";

  private static final Field WRITER_CONNECTION = writerConnectionField();

  private UpgradedUpstreamReads() {}

  private static Field writerConnectionField() {
    try {
      Field field = Class.forName("org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter")
          .getDeclaredField("connection");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.FINE, "Tyrus's writer does not expose its connection: upstream reads keep Tyrus's chain", e);
      return null;
    }
  }

  /**
   * Routes the later reads of the writer's connection to the proxied connection's upstream hook,
   * held while its upstream-to-client direction is over its in-flight bound; does nothing when the
   * writer is not a Grizzly one or its chain is not the expected one. Called while Tyrus processes
   * the 101, so before the connection can read again.
   *
   * @return {@code true} when the reads now bypass Tyrus's chain
   */
  static boolean install(Writer writer, ProxiedConnection proxied) {
    Connection<?> connection = connectionOf(writer);
    if (connection == null) {
      return false;
    }
    Processor<?> processor = connection.getProcessor();
    if (!(processor instanceof FilterChain)) {
      return false;
    }
    FilterChain chain = (FilterChain) processor;
    int http = -1;
    boolean ownChain = false;
    for (int i = 0; i < chain.size(); i++) {
      if (http < 0 && chain.get(i) instanceof HttpClientFilter) {
        http = i;
      } else if (chain.get(i).getClass().getName().equals(TYRUS_CLIENT_FILTER)) {
        ownChain = true;
      }
    }
    if (http < 0 || !ownChain) {
      return false;
    }
    // Replaced in place: the chain is this connection's own, and keeping its size and indices keeps
    // the filter states Grizzly holds per chain and the read in progress (which is past this filter)
    // valid. A concurrent write sees either filter; both pass a write's bytes through unchanged.
    chain.set(http, new Delivery(proxied));
    connection.getAttributes().removeAttribute(RESPONSE_IN_PROCESS);
    return true;
  }

  private static Connection<?> connectionOf(Writer writer) {
    if (WRITER_CONNECTION == null || !WRITER_CONNECTION.getDeclaringClass().isInstance(writer)) {
      return null;
    }
    try {
      return (Connection<?>) WRITER_CONNECTION.get(writer);
    } catch (IllegalAccessException | RuntimeException e) {
      LOG.log(Level.FINE, "connection of the writer not readable", e);
      return null;
    }
  }

  private static final class Delivery extends BaseFilter {
    private final ProxiedConnection proxied;
    private final FrameHook hook;

    Delivery(ProxiedConnection proxied) {
      this.proxied = proxied;
      this.hook = proxied.upstreamHook;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
      if (proxied.holdUpstreamRead(ctx)) {
        // resumed by running this filter again (ProxiedConnection's upstream gate re-runs the holder)
        return ctx.getSuspendAction();
      }
      hook.read((Buffer) ctx.getMessage());
      return ctx.getStopAction();
    }
  }
}
