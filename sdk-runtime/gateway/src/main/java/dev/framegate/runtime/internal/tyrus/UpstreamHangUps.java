package dev.framegate.runtime.internal.tyrus;

import java.lang.reflect.Field;
import java.net.ConnectException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ConnectionProbe;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.tyrus.spi.UpgradeRequest;

/**
 * Notices an upstream that closes its TCP connection instead of answering the upgrade (rule H2:
 * unreachable, 502). The Tyrus client ignores such a close until its handshake time-out, which would
 * make it a 504. A Grizzly connection probe on the Tyrus client's shared transport sees every close;
 * the upgrade request held by Tyrus's filter in the connection's own filter chain names the attempt
 * it belongs to. The Tyrus internals are looked up reflectively once; a connection costs one field
 * read when it closes, and only while some attempt is waiting for its 101.
 */
final class UpstreamHangUps {

  private static final Logger LOG = Logger.getLogger(UpstreamHangUps.class.getName());
  private static final Field SHARED_TRANSPORT =
      field("org.glassfish.tyrus.container.grizzly.client.GrizzlyClientSocket", "transport");
  private static final Field UPGRADE_REQUEST_FIELD =
      field("org.glassfish.tyrus.container.grizzly.client.GrizzlyClientFilter", "upgradeRequest");
  private static final Map<UpgradeRequest, UpstreamAttempt> PENDING =
      Collections.synchronizedMap(new IdentityHashMap<>());
  /** Tyrus replaces its shared transport after an idle period: each one is probed once. */
  private static final Map<Transport, Boolean> PROBED = Collections.synchronizedMap(new WeakHashMap<>());

  private UpstreamHangUps() {}

  /**
   * Watches an attempt's upgrade request until the attempt settles. Called by Tyrus's connect, on
   * the connector thread, after the shared transport exists.
   */
  static void watch(UpgradeRequest request, UpstreamAttempt attempt) {
    if (SHARED_TRANSPORT == null || UPGRADE_REQUEST_FIELD == null) {
      return;
    }
    probeSharedTransport();
    PENDING.put(request, attempt);
    attempt.onSettled(() -> PENDING.remove(request));
  }

  private static void probeSharedTransport() {
    try {
      Object transport = SHARED_TRANSPORT.get(null);
      if (transport instanceof Transport shared && PROBED.putIfAbsent(shared, Boolean.TRUE) == null) {
        shared.getConnectionMonitoringConfig().addProbes(new ClosedBeforeAnswer());
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.FINE, "the Tyrus client's transport cannot be watched", e);
    }
  }

  private static Field field(String className, String name) {
    try {
      Field field = Class.forName(className).getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.FINE, "Tyrus internals differ: an upstream closing before its 101 is a 504", e);
      return null;
    }
  }

  /** Fails the attempt of a connection that closes while Tyrus still waits for its 101. */
  private static final class ClosedBeforeAnswer extends ConnectionProbe.Adapter {
    @Override
    public void onCloseEvent(Connection connection) {
      if (PENDING.isEmpty()) {
        return;
      }
      try {
        // Tyrus's filter is the last of the connection's own chain and holds its upgrade request.
        if (!(connection.getProcessor() instanceof FilterChain chain) || chain.isEmpty()) {
          return;
        }
        Filter last = chain.get(chain.size() - 1);
        if (!UPGRADE_REQUEST_FIELD.getDeclaringClass().isInstance(last)) {
          return;
        }
        Object request = UPGRADE_REQUEST_FIELD.get(last);
        UpstreamAttempt attempt = request == null ? null : PENDING.remove(request);
        if (attempt != null) {
          attempt.failed(new ConnectException("the upstream closed the connection without answering the upgrade"));
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.log(Level.FINE, "closed upstream connection not matched", e);
      }
    }
  }
}
