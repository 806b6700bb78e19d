package dev.framegate.engine.internal;

import dev.framegate.api.FrameType;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.Phase;
import dev.framegate.engine.EngineObserver;
import dev.framegate.engine.Side;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one connection reports to the {@link EngineObserver} (metrics, logs) and to the log. An
 * observer's exception is logged and never reaches the connection.
 */
final class Reports {

  static final Logger LOG = Logger.getLogger("dev.framegate.engine");

  private final String id;
  private final EngineObserver observer;
  /** The observer's tap on this connection (recording), or {@code null}: set when it opens. */
  private SafeTap tap;
  /** Whether the observer measures plugin time: only then is the clock read around plugin calls. */
  final boolean timing;

  Reports(String id, EngineObserver observer) {
    this.id = id;
    this.observer = observer;
    boolean measures;
    try {
      measures = observer.measuresPluginTime();
    } catch (RuntimeException e) {
      observerFailed(e);
      measures = false;
    }
    this.timing = measures;
  }

  /** The observer's timers of one plugin, by phase ordinal; none when it does not measure time. */
  EngineObserver.PluginTimer[] pluginTimers(String pluginName) {
    if (!timing) {
      return null;
    }
    Phase[] phases = Phase.values();
    EngineObserver.PluginTimer[] timers = new EngineObserver.PluginTimer[phases.length];
    for (Phase phase : phases) {
      EngineObserver.PluginTimer timer;
      try {
        timer = observer.pluginTimer(pluginName, phase);
      } catch (RuntimeException e) {
        observerFailed(e);
        timer = null;
      }
      timers[phase.ordinal()] = timer == null ? nanos -> {} : timer;
    }
    return timers;
  }

  void pluginTime(PluginSlot slot, Phase phase, long nanos) {
    try {
      slot.timers[phase.ordinal()].record(nanos);
    } catch (RuntimeException e) {
      observerFailed(e);
    }
  }

  void pluginFailed(PluginSlot slot, Phase phase, Throwable t) {
    if (tap != null) {
      tap.pluginFailed(slot.name, phase, t);
    }
    LOG.log(
        Level.WARNING,
        "[" + id + "] plugin '" + slot.name + "' failed in " + phase.methodName() + ": " + t,
        t);
    try {
      observer.pluginError(id, slot.name, phase, t);
    } catch (RuntimeException e) {
      observerFailed(e);
    }
  }

  void opened(HandshakeRequest request) {
    try {
      observer.connectionOpened(id, request);
    } catch (RuntimeException e) {
      observerFailed(e);
    }
    tap = SafeTap.of(observer, id, request);
  }

  void forwarded(Side from, FrameType type, int bytes) {
    try {
      observer.messageForwarded(id, from, type, bytes);
    } catch (RuntimeException e) {
      observerFailed(e);
    }
  }

  void dropped(Side from, FrameType type, PluginSlot slot) {
    if (tap != null) {
      tap.messageDropped(from, type, slot == null ? "" : slot.name);
    }
    try {
      observer.frameDropped(id, from, type, slot == null ? "" : slot.name);
    } catch (RuntimeException e) {
      observerFailed(e);
    }
  }

  void taskScheduled(PluginSlot slot, java.time.Duration delay, boolean repeating) {
    try {
      observer.taskScheduled(id, slot.name, delay, repeating);
    } catch (RuntimeException e) {
      observerFailed(e);
    }
  }

  void taskRunning(PluginSlot slot, Side direction) {
    try {
      observer.taskRunning(id, slot.name, direction);
    } catch (RuntimeException e) {
      observerFailed(e);
    }
  }

  void finished(CloseSummary summary) {
    if (tap != null) {
      tap.finished(summary);
    }
    try {
      observer.connectionFinished(id, summary);
    } catch (RuntimeException e) {
      observerFailed(e);
    }
  }

  // ---------------------------------------------------------------- the connection's tap (recording)

  void tapUpstreamRequested(Map<String, List<String>> headers, List<String> subprotocols) {
    if (tap != null) {
      tap.upstreamRequested(headers, subprotocols);
    }
  }

  void tapUpstreamConnected(String subprotocol) {
    if (tap != null) {
      tap.upstreamConnected(subprotocol);
    }
  }

  void tapUpstreamFailed(int status, String detail) {
    if (tap != null) {
      tap.upstreamFailed(status, detail);
    }
  }

  void tapClientAccepted(String subprotocol, Map<String, List<String>> headers) {
    if (tap != null) {
      tap.clientAccepted(subprotocol, headers);
    }
  }

  void tapClientRejected(int status, Map<String, List<String>> headers, String body) {
    if (tap != null) {
      tap.clientRejected(status, headers, body);
    }
  }

  void tapFrameReceived(Side from, boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload) {
    if (tap != null) {
      tap.frameReceived(from, fin, rsv, opcode, masked, payload);
    }
  }

  void tapFrameRefused(Side from, boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
    if (tap != null) {
      tap.frameRefused(from, fin, rsv, opcode, masked, payloadLength);
    }
  }

  void tapFrameSent(Side to, FrameType type, ByteBuffer payload) {
    if (tap != null) {
      tap.frameSent(to, type, payload);
    }
  }

  void tapPluginSent(String pluginName, Side to, FrameType type) {
    if (tap != null) {
      tap.pluginSent(pluginName, to, type);
    }
  }

  void tapPluginClosed(Side from, String pluginName) {
    if (tap != null) {
      tap.pluginClosed(from, pluginName);
    }
  }

  void tapMessageRewritten(Side from, FrameType type, String pluginName) {
    if (tap != null) {
      tap.messageRewritten(from, type, pluginName);
    }
  }

  void tapGone(Side side) {
    if (tap != null) {
      tap.gone(side);
    }
  }

  void tapShutdown() {
    if (tap != null) {
      tap.shutdown();
    }
  }

  private static void observerFailed(RuntimeException e) {
    LOG.log(Level.WARNING, "engine observer failed", e);
  }
}
