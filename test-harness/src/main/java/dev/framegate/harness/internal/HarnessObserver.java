package dev.framegate.harness.internal;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.FrameType;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.Phase;
import dev.framegate.engine.ConnectionTap;
import dev.framegate.engine.EngineObserver;
import dev.framegate.engine.Side;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The harness's observer: passes every event to the test's own observer, gives each connection
 * the harness's recorder as its tap (together with the test observer's tap, if it has one), and
 * writes the plugins' timer tasks into the connections' transcripts (the engine reports them to its
 * observer, and only the harness knows which transcript a connection id belongs to).
 */
public final class HarnessObserver implements EngineObserver {

  /** Writes a line into a connection's transcript. */
  @FunctionalInterface
  public interface Notes {
    /**
     * Notes an event.
     *
     * @param connectionId the connection
     * @param who who acted, for example {@code plugin NAME}
     * @param what what happened
     */
    void note(String connectionId, String who, String what);
  }

  private final EngineObserver delegate;
  private final BiFunction<String, HandshakeRequest, ConnectionTap> harnessTap;
  private final Notes notes;

  /**
   * Creates the observer.
   *
   * @param delegate the test's observer
   * @param harnessTap the harness's tap for a connection id and request
   * @param notes where timer-task events are written
   */
  public HarnessObserver(EngineObserver delegate, BiFunction<String, HandshakeRequest, ConnectionTap> harnessTap,
      Notes notes) {
    this.delegate = delegate;
    this.harnessTap = harnessTap;
    this.notes = notes;
  }

  @Override
  public void connectionOpened(String connectionId) {
    delegate.connectionOpened(connectionId);
  }

  @Override
  public void connectionOpened(String connectionId, HandshakeRequest request) {
    delegate.connectionOpened(connectionId, request);
  }

  @Override
  public ConnectionTap tap(String connectionId, HandshakeRequest request) {
    ConnectionTap own = harnessTap.apply(connectionId, request);
    ConnectionTap theirs = delegate.tap(connectionId, request);
    if (theirs == null) {
      return own;
    }
    if (own == null) {
      return theirs;
    }
    return new BothTaps(own, theirs);
  }

  @Override
  public void taskScheduled(String connectionId, String pluginName, Duration delay, boolean repeating) {
    notes.note(connectionId, "plugin " + pluginName, "schedules a task " + (repeating ? "every " : "in ") + human(delay));
    delegate.taskScheduled(connectionId, pluginName, delay, repeating);
  }

  @Override
  public void taskRunning(String connectionId, String pluginName, Side direction) {
    notes.note(connectionId, "plugin " + pluginName,
        "timer task runs (" + direction.name().toLowerCase(Locale.ROOT) + " direction)");
    delegate.taskRunning(connectionId, pluginName, direction);
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }

  @Override
  public void connectionFinished(String connectionId, CloseInfo info) {
    delegate.connectionFinished(connectionId, info);
  }

  @Override
  public void messageForwarded(String connectionId, Side from, FrameType type, int bytes) {
    delegate.messageForwarded(connectionId, from, type, bytes);
  }

  @Override
  public void frameDropped(String connectionId, Side from, FrameType type, String pluginName) {
    delegate.frameDropped(connectionId, from, type, pluginName);
  }

  @Override
  public void pluginError(String connectionId, String pluginName, Phase phase, Throwable error) {
    delegate.pluginError(connectionId, pluginName, phase, error);
  }

  @Override
  public boolean measuresPluginTime() {
    return delegate.measuresPluginTime();
  }

  @Override
  public void pluginTime(String pluginName, Phase phase, long nanos) {
    delegate.pluginTime(pluginName, phase, nanos);
  }

  @Override
  public PluginTimer pluginTimer(String pluginName, Phase phase) {
    return delegate.pluginTimer(pluginName, phase);
  }

  /** Two taps, called in order. */
  private record BothTaps(ConnectionTap first, ConnectionTap second) implements ConnectionTap {
    @Override
    public void upstreamRequested(Map<String, List<String>> headers, List<String> subprotocols) {
      first.upstreamRequested(headers, subprotocols);
      second.upstreamRequested(headers, subprotocols);
    }

    @Override
    public void upstreamConnected(String subprotocol) {
      first.upstreamConnected(subprotocol);
      second.upstreamConnected(subprotocol);
    }

    @Override
    public void upstreamFailed(int status, String detail) {
      first.upstreamFailed(status, detail);
      second.upstreamFailed(status, detail);
    }

    @Override
    public void clientAccepted(String subprotocol, Map<String, List<String>> headers) {
      first.clientAccepted(subprotocol, headers);
      second.clientAccepted(subprotocol, headers);
    }

    @Override
    public void clientRejected(int status, Map<String, List<String>> headers, String body) {
      first.clientRejected(status, headers, body);
      second.clientRejected(status, headers, body);
    }

    @Override
    public void frameReceived(Side from, boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload) {
      first.frameReceived(from, fin, rsv, opcode, masked, payload.duplicate());
      second.frameReceived(from, fin, rsv, opcode, masked, payload.duplicate());
    }

    @Override
    public void frameRefused(Side from, boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
      first.frameRefused(from, fin, rsv, opcode, masked, payloadLength);
      second.frameRefused(from, fin, rsv, opcode, masked, payloadLength);
    }

    @Override
    public void frameSent(Side to, FrameType type, ByteBuffer payload) {
      first.frameSent(to, type, payload.duplicate());
      second.frameSent(to, type, payload.duplicate());
    }

    @Override
    public void gone(Side side) {
      first.gone(side);
      second.gone(side);
    }

    @Override
    public void shutdown() {
      first.shutdown();
      second.shutdown();
    }

    @Override
    public void messageRewritten(Side from, FrameType type, String pluginName) {
      first.messageRewritten(from, type, pluginName);
      second.messageRewritten(from, type, pluginName);
    }

    @Override
    public void messageDropped(Side from, FrameType type, String pluginName) {
      first.messageDropped(from, type, pluginName);
      second.messageDropped(from, type, pluginName);
    }

    @Override
    public void pluginClosed(Side from, String pluginName) {
      first.pluginClosed(from, pluginName);
      second.pluginClosed(from, pluginName);
    }

    @Override
    public void pluginSent(String pluginName, Side to, FrameType type) {
      first.pluginSent(pluginName, to, type);
      second.pluginSent(pluginName, to, type);
    }

    @Override
    public void pluginFailed(String pluginName, Phase phase, Throwable error) {
      first.pluginFailed(pluginName, phase, error);
      second.pluginFailed(pluginName, phase, error);
    }

    @Override
    public void finished(CloseInfo info) {
      first.finished(info);
      second.finished(info);
    }
  }
}
