package dev.framegate.runtime.internal.tyrus;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Processor;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.tyrus.spi.Writer;

/**
 * The Grizzly filter that holds the reads of one upstream connection while its upstream-to-client
 * direction is over its in-flight bound. The Tyrus client builds each connection's filter chain
 * itself and offers no hook for a filter, so the gate is inserted into that chain when the upstream's
 * 101 arrives, wrapped around Tyrus's own (last) filter; the chain is reached through {@link
 * GrizzlyConnections}.
 */
final class UpstreamReadGate implements Filter {

  private static final Logger LOG = Logger.getLogger(UpstreamReadGate.class.getName());
  private static volatile boolean warned;

  private final Filter tyrus;
  private final ProxiedConnection proxied;

  private UpstreamReadGate(Filter tyrus, ProxiedConnection proxied) {
    this.tyrus = tyrus;
    this.proxied = proxied;
  }

  /**
   * Installs the gate on the upstream connection behind a Tyrus client writer.
   *
   * @return {@code true} when installed; {@code false} (logged once) when this Tyrus version's
   *     internals differ, in which case the upstream direction is bounded only by the send timeout
   */
  static boolean install(Writer writer, ProxiedConnection proxied) {
    try {
      Connection<?> connection = GrizzlyConnections.of(writer);
      if (connection == null) {
        return unavailable("the writer is a " + writer.getClass().getName(), null);
      }
      Processor<?> processor = connection.getProcessor();
      if (!(processor instanceof FilterChain chain) || chain.size() < 2) {
        return unavailable("the connection's processor is " + processor, null);
      }
      // Tyrus's filter is last; everything in front of it (transport, TLS, HTTP) keeps its index,
      // so Grizzly's per-filter state of the read in progress stays valid.
      // Tyrus's filter is last. It is wrapped in place rather than preceded by the gate: the chain
      // is in the middle of processing the 101, and no filter may change its index under it.
      int last = chain.size() - 1;
      chain.set(last, new UpstreamReadGate(chain.get(last), proxied));
      return true;
    } catch (RuntimeException e) {
      return unavailable(e.toString(), e);
    }
  }

  private static boolean unavailable(String why, Throwable error) {
    if (!warned) {
      warned = true;
      LOG.log(Level.WARNING, "upstream reads cannot be paused (" + why + "): the upstream-to-client "
          + "direction is bounded by the send timeout only", error);
    }
    return false;
  }

  @Override
  public NextAction handleRead(FilterChainContext ctx) throws IOException {
    return proxied.holdUpstreamRead(ctx) ? ctx.getSuspendAction() : tyrus.handleRead(ctx);
  }

  @Override
  public void onAdded(FilterChain filterChain) {}

  @Override
  public void onRemoved(FilterChain filterChain) {}

  @Override
  public void onFilterChainChanged(FilterChain filterChain) {
    tyrus.onFilterChainChanged(filterChain);
  }

  @Override
  public NextAction handleWrite(FilterChainContext ctx) throws IOException {
    return tyrus.handleWrite(ctx);
  }

  @Override
  public NextAction handleConnect(FilterChainContext ctx) throws IOException {
    return tyrus.handleConnect(ctx);
  }

  @Override
  public NextAction handleAccept(FilterChainContext ctx) throws IOException {
    return tyrus.handleAccept(ctx);
  }

  @Override
  public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
    return tyrus.handleEvent(ctx, event);
  }

  @Override
  public NextAction handleClose(FilterChainContext ctx) throws IOException {
    return tyrus.handleClose(ctx);
  }

  @Override
  public void exceptionOccurred(FilterChainContext ctx, Throwable error) {
    tyrus.exceptionOccurred(ctx, error);
  }
}
