package dev.framegate.engine;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.FrameType;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.Phase;
import java.time.Duration;

/**
 * Receives what happens on an engine's connections, for metrics and logs. Every method has an empty
 * default. Methods are called on the threads that drive the connections (and on the {@link
 * Scheduler}'s threads), possibly concurrently for different connections and for the two directions
 * of one connection: implementations must be thread-safe and fast, and must not throw (an exception
 * is logged and ignored).
 */
public interface EngineObserver {

  /** An observer that records nothing. */
  EngineObserver NONE = new EngineObserver() {};

  /**
   * A connection started its handshake phase.
   *
   * @param connectionId the connection id
   */
  default void connectionOpened(String connectionId) {}

  /**
   * A connection started its handshake phase, with the client's request (for example to tell which
   * route it is on). The default calls {@link #connectionOpened(String)}; the engine calls this one.
   *
   * @param connectionId the connection id
   * @param request the client's upgrade request
   */
  default void connectionOpened(String connectionId, HandshakeRequest request) {
    connectionOpened(connectionId);
  }

  /**
   * The tap that sees everything crossing a connection (for recording), asked for once when the
   * connection starts, right after {@link #connectionOpened(String, HandshakeRequest)}. The default
   * returns {@code null}: no tap, and the connection pays a null check per event.
   *
   * @param connectionId the connection id
   * @param request the client's upgrade request
   * @return the tap, or {@code null} for none
   */
  default ConnectionTap tap(String connectionId, HandshakeRequest request) {
    return null;
  }

  /**
   * A connection ended; called once, after its close phase ran.
   *
   * @param connectionId the connection id
   * @param info the cause and the close codes each side received
   */
  default void connectionFinished(String connectionId, CloseInfo info) {}

  /**
   * A message (or control frame) passed the plugins and was handed to the transport.
   *
   * @param connectionId the connection id
   * @param from the side that sent it
   * @param type its type
   * @param bytes its payload length as forwarded (for close frames the wire payload)
   */
  default void messageForwarded(String connectionId, Side from, FrameType type, int bytes) {}

  /**
   * A message was dropped by a plugin ({@code dropFrame}, or the {@code DROP} error policy).
   *
   * @param connectionId the connection id
   * @param from the side that sent it
   * @param type its type
   * @param pluginName the plugin that dropped it
   */
  default void frameDropped(String connectionId, Side from, FrameType type, String pluginName) {}

  /**
   * A plugin threw or misused the PDK.
   *
   * @param connectionId the connection id
   * @param pluginName the plugin
   * @param phase the phase it failed in
   * @param error what it threw
   */
  default void pluginError(String connectionId, String pluginName, Phase phase, Throwable error) {}

  /**
   * Whether {@link #pluginTime} should be called. Read once per connection when it opens; when
   * {@code false} (the default) the engine does not read the clock around plugin calls.
   *
   * @return {@code true} to receive plugin timings
   */
  default boolean measuresPluginTime() {
    return false;
  }

  /**
   * How long one plugin call took; called only when {@link #measuresPluginTime()} is {@code true}.
   *
   * @param pluginName the plugin
   * @param phase the phase
   * @param nanos the call's duration in nanoseconds
   */
  default void pluginTime(String pluginName, Phase phase, long nanos) {}

  /**
   * The timer for one plugin in one phase, asked for once per plugin and phase when a connection
   * opens (only when {@link #measuresPluginTime()} is {@code true}) so that timing a call does not
   * look the plugin up again. The default reports to {@link #pluginTime}.
   *
   * @param pluginName the plugin
   * @param phase the phase
   * @return the timer; called on the threads that drive the connection
   */
  default PluginTimer pluginTimer(String pluginName, Phase phase) {
    return nanos -> pluginTime(pluginName, phase, nanos);
  }

  /**
   * A plugin scheduled a timer task on a connection ({@code ws.schedule} or {@code
   * ws.scheduleRepeating}).
   *
   * @param connectionId the connection id
   * @param pluginName the plugin
   * @param delay the delay (for a repeating task: its period)
   * @param repeating whether the task repeats
   */
  default void taskScheduled(String connectionId, String pluginName, Duration delay, boolean repeating) {}

  /**
   * A plugin's timer task is about to run, in the order of events of one direction.
   *
   * @param connectionId the connection id
   * @param pluginName the plugin
   * @param direction the direction whose order of events the task runs in
   */
  default void taskRunning(String connectionId, String pluginName, Side direction) {}

  /** Receives the durations of one plugin's calls in one phase. */
  @FunctionalInterface
  interface PluginTimer {

    /**
     * Records one call.
     *
     * @param nanos the call's duration in nanoseconds
     */
    void record(long nanos);
  }
}
