package dev.framegate.api;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything a plugin can see and do on one connection, in every phase: the Java counterpart of
 * Kong's {@code kong.websocket}, {@code kong.request}, {@code kong.response} and {@code kong.ctx}.
 *
 * <p>A context belongs to one connection and one plugin entry; it must not be kept beyond the phase
 * call it was passed to, nor used from another thread: a call on a context whose phase call has
 * returned throws {@link PdkMisuseException}.
 *
 * <h2>Threading</h2>
 *
 * <p>One plugin instance serves every connection of its route, and connections run in parallel, so
 * a plugin's fields are shared by many threads; per-connection data belongs in the connection's
 * state ({@link #pluginState()}, {@link #get(StateKey)}). On one connection:
 *
 * <ul>
 *   <li>{@code onHandshake} runs first, alone.
 *   <li>The messages of one direction are handled one at a time, in arrival order: two {@code
 *       onClientFrame} calls of one connection never overlap, nor two {@code onUpstreamFrame} calls.
 *   <li>The two directions are independent: {@code onClientFrame} and {@code onUpstreamFrame} of
 *       one connection may run at the same time, on two threads. Data both directions touch must be
 *       thread-safe; the state maps and typed state are.
 *   <li>A timer task runs in the order of events of the direction whose phase scheduled it (the
 *       client's for tasks scheduled in {@code onHandshake}): never at the same time as that
 *       direction's frame calls, possibly at the same time as the other direction's.
 *   <li>{@code onClose} runs last, once, when no other call of the connection is running; no timer
 *       task runs after it.
 * </ul>
 *
 * <p>Each call happens after the previous calls of its direction (its frames, its timer tasks, and
 * {@code onHandshake} for the client's): what they wrote is visible to it, whatever thread runs
 * them, and everything every call wrote is visible to {@code onClose}. Between the two directions
 * only thread-safe state is safe to share.
 *
 * @since 1.0
 */
public interface WsContext {

  /**
   * The phase being run.
   *
   * @return the current phase
   * @since 1.0
   */
  Phase phase();

  /**
   * A short identifier of the connection, unique within the runtime, as it appears in logs.
   *
   * @return the connection id
   * @since 1.0
   */
  String connectionId();

  /**
   * The client side: Kong's {@code kong.websocket.client}.
   *
   * @return the client operations
   * @since 1.0
   */
  Peer client();

  /**
   * The upstream side: Kong's {@code kong.websocket.upstream}.
   *
   * @return the upstream operations
   * @since 1.0
   */
  Peer upstream();

  /**
   * The client's handshake request, readable in every phase (rule P5). Kong: {@code kong.request}.
   *
   * @return the handshake request
   * @since 1.0
   */
  HandshakeRequest request();

  /**
   * The reply to the client's handshake: reject it, or add headers to the 101 (rule P6). Kong:
   * {@code kong.response}.
   *
   * @return the handshake response actions
   * @throws PdkMisuseException outside the handshake phase
   * @since 1.0
   */
  HandshakeResponse response();

  /**
   * The handshake request that will be sent upstream: change its headers. Kong: {@code
   * kong.service.request}.
   *
   * @return the upstream request actions
   * @throws PdkMisuseException outside the handshake phase
   * @since 1.0
   */
  UpstreamRequest upstreamRequest();

  /**
   * State private to this plugin entry on this connection, from handshake to close (rule P5). Kong:
   * {@code kong.ctx.plugin}.
   *
   * <p>The map is thread-safe. It holds no {@code null} values: as Kong's {@code ctx.plugin.x = nil},
   * {@code put(key, null)} removes the key (since 1.1; before, it threw).
   *
   * @return a mutable map, created on first use
   * @since 1.0
   */
  Map<String, Object> pluginState();

  /**
   * State shared by all plugins of this connection, from handshake to close (rule P5). Kong: {@code
   * kong.ctx.shared}.
   *
   * <p>The map is thread-safe; {@code put(key, null)} removes the key, as for {@link
   * #pluginState()}.
   *
   * @return a mutable map, created on first use
   * @since 1.0
   */
  Map<String, Object> sharedState();

  /**
   * The value of a typed state key on this connection: private to this plugin entry for a key made
   * with {@link StateKey#of}, shared by the connection's plugins for one made with {@link
   * StateKey#shared}. Allowed in every phase.
   *
   * @param key the key
   * @param <T> the value type
   * @return the value, or {@code null} when none is set
   * @since 1.1
   */
  default <T> T get(StateKey<T> key) {
    throw new UnsupportedOperationException("typed state needs a Framegate runtime with PDK 1.1 or later");
  }

  /**
   * Sets the value of a typed state key on this connection; {@code null} removes it.
   *
   * @param key the key
   * @param value the value, or {@code null} to remove it
   * @param <T> the value type
   * @throws ClassCastException when the key was made with a class and the value is not an instance
   * @since 1.1
   */
  default <T> void put(StateKey<T> key, T value) {
    throw new UnsupportedOperationException("typed state needs a Framegate runtime with PDK 1.1 or later");
  }

  /**
   * The value of a typed state key, set first from a supplier when none is set (atomically: two
   * directions asking at once get the same value).
   *
   * @param key the key
   * @param initial makes the first value; it must not return {@code null}
   * @param <T> the value type
   * @return the value
   * @since 1.1
   */
  default <T> T computeIfAbsent(StateKey<T> key, Supplier<? extends T> initial) {
    throw new UnsupportedOperationException("typed state needs a Framegate runtime with PDK 1.1 or later");
  }

  /**
   * Removes the value of a typed state key.
   *
   * @param key the key
   * @param <T> the value type
   * @return the value it had, or {@code null}
   * @since 1.1
   */
  default <T> T remove(StateKey<T> key) {
    throw new UnsupportedOperationException("typed state needs a Framegate runtime with PDK 1.1 or later");
  }

  /**
   * The clock: real time in the runtime, the virtual clock in the test harness. Kong: {@code
   * ngx.now()}. Allowed in every phase.
   *
   * @return the clock
   * @since 1.1
   */
  default PluginClock clock() {
    throw new UnsupportedOperationException("ws.clock() needs a Framegate runtime with PDK 1.1 or later");
  }

  /**
   * Runs a task once, after a delay, on this connection: Kong's {@code ngx.timer.at}. The task
   * receives a context in phase {@link Phase#TIMER}, in which it may read and change the
   * connection's state, send messages to either side ({@code sendText}, {@code sendPing}, ...), close
   * the connection ({@code ws.client().close(...)}), read the clock and schedule more tasks.
   *
   * <p>The task runs in the order of events of the direction whose phase scheduled it (see the
   * threading rules above). It is cancelled when the connection starts closing (the engine sends a
   * close frame, or a side goes away), so it never runs during or after {@code onClose}. A task
   * that throws is handled as a phase method that throws: with error policy {@code close} the
   * connection ends with 1011; with {@code skip} or {@code drop} the error is logged. A task
   * scheduled in {@code onHandshake} that falls due before the upstream accepted runs right after.
   * In the test harness the task runs when the virtual clock reaches it.
   *
   * @param delay how long to wait, zero or more
   * @param task the task
   * @return a handle to cancel the task
   * @throws PdkMisuseException in {@code onClose}
   * @throws IllegalArgumentException for a negative delay
   * @since 1.1
   */
  default ScheduledTask schedule(Duration delay, Consumer<WsContext> task) {
    throw new UnsupportedOperationException("ws.schedule(...) needs a Framegate runtime with PDK 1.1 or later");
  }

  /**
   * Runs a task every {@code period} on this connection, the first time one period from now:
   * Kong's {@code ngx.timer.every}. As {@link #schedule}; a run that comes late does not make the
   * next ones come sooner to catch up.
   *
   * @param period the time between two runs, at least 1 ms
   * @param task the task; cancel it with the returned handle, or from its own run
   * @return a handle to cancel the task
   * @throws PdkMisuseException in {@code onClose}
   * @throws IllegalArgumentException for a period under 1 ms
   * @since 1.1
   */
  default ScheduledTask scheduleRepeating(Duration period, Consumer<WsContext> task) {
    throw new UnsupportedOperationException(
        "ws.scheduleRepeating(...) needs a Framegate runtime with PDK 1.1 or later");
  }

  /**
   * How the connection ended.
   *
   * @return the close summary
   * @throws PdkMisuseException outside the close phase
   * @since 1.0
   */
  CloseInfo closeInfo();

  /**
   * A logger whose lines carry the plugin name and the connection id. Kong: {@code kong.log}.
   *
   * @return the logger
   * @since 1.0
   */
  PluginLog log();
}
