package dev.framegate.engine.internal;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.HandshakeResponse;
import dev.framegate.api.PdkMisuseException;
import dev.framegate.api.Peer;
import dev.framegate.api.Phase;
import dev.framegate.api.PluginLog;
import dev.framegate.api.PluginClock;
import dev.framegate.api.ScheduledTask;
import dev.framegate.api.StateKey;
import dev.framegate.api.UpstreamRequest;
import dev.framegate.api.WsContext;
import dev.framegate.engine.Side;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link WsContext} of one plugin entry on one connection for one phase family: one for the
 * handshake and close phases, one per frame direction, so that the two directions never share a
 * context, and (made on first use) one per direction for timer tasks. Created once per connection.
 */
final class PluginContext implements WsContext {

  private static final Duration MIN_PERIOD = Duration.ofMillis(1);
  // About 292 years: Duration.toNanos() overflows beyond.
  private static final Duration MAX_DELAY = Duration.ofNanos(Long.MAX_VALUE / 2);

  final ProxyConnection connection;
  final PluginSlot slot;
  /** The direction whose order of events this context's calls run in. */
  final Side direction;
  Phase phase;
  /** True only while the plugin call this context was passed to runs. */
  boolean active;
  // Made on first use: most plugins never ask for a peer in most phases, and every idle connection
  // would otherwise hold two per context (six per plugin).
  private SidePeer client;
  private SidePeer upstream;

  PluginContext(ProxyConnection connection, PluginSlot slot, Phase phase) {
    this(connection, slot, phase, phase == Phase.UPSTREAM_FRAME ? Side.UPSTREAM : Side.CLIENT);
  }

  PluginContext(ProxyConnection connection, PluginSlot slot, Phase phase, Side direction) {
    this.connection = connection;
    this.slot = slot;
    this.phase = phase;
    this.direction = direction;
  }

  void checkActive(String operation) {
    if (!active) {
      throw inactive(operation);
    }
  }

  /** As {@link #checkActive(String)} for {@code receiver.method()}, without building the name per call. */
  void checkActive(String receiver, String method) {
    if (!active) {
      throw inactive(receiver + "." + method + "()");
    }
  }

  private static PdkMisuseException inactive(String operation) {
    return new PdkMisuseException(
        operation
            + " was called on the context of a plugin call that has returned: use the WsContext"
            + " passed to the current call, and do not keep it or use it from another thread");
  }

  @Override
  public Phase phase() {
    return phase;
  }

  @Override
  public String connectionId() {
    return connection.id();
  }

  @Override
  public Peer client() {
    SidePeer peer = client;
    if (peer == null) {
      // A context is used by one plugin call at a time; a peer is immutable, so even a repeat is harmless.
      peer = new SidePeer(this, Side.CLIENT);
      client = peer;
    }
    return peer;
  }

  @Override
  public Peer upstream() {
    SidePeer peer = upstream;
    if (peer == null) {
      peer = new SidePeer(this, Side.UPSTREAM);
      upstream = peer;
    }
    return peer;
  }

  @Override
  public HandshakeRequest request() {
    HandshakePhase handshake = connection.handshake();
    return handshake == null ? null : handshake.request();
  }

  @Override
  public HandshakeResponse response() {
    checkActive("ws.response()");
    if (phase != Phase.HANDSHAKE) {
      throw new PdkMisuseException(
          "ws.response() is only allowed in onHandshake: in " + phase.methodName()
              + " the client's handshake is over (use ws.client().close(...) to end the connection)");
    }
    return connection.handshake().response();
  }

  @Override
  public UpstreamRequest upstreamRequest() {
    checkActive("ws.upstreamRequest()");
    if (phase != Phase.HANDSHAKE) {
      throw new PdkMisuseException(
          "ws.upstreamRequest() is only allowed in onHandshake: in " + phase.methodName()
              + " the upstream handshake has already been sent");
    }
    return connection.handshake().upstreamRequest();
  }

  @Override
  public Map<String, Object> pluginState() {
    return slot.state();
  }

  @Override
  public Map<String, Object> sharedState() {
    return connection.shared().map();
  }

  @Override
  public <T> T get(StateKey<T> key) {
    @SuppressWarnings("unchecked")
    T value = (T) typedState(key).get(key);
    return value;
  }

  @Override
  public <T> void put(StateKey<T> key, T value) {
    if (value == null) {
      typedState(key).remove(key);
    } else {
      typedState(key).put(key, key.check(value));
    }
  }

  @Override
  public <T> T computeIfAbsent(StateKey<T> key, Supplier<? extends T> initial) {
    Objects.requireNonNull(initial, "initial");
    Object value = typedState(key).computeIfAbsent(key, k -> {
      T made = initial.get();
      if (made == null) {
        throw new NullPointerException(
            "the supplier for state key '" + key.name() + "' returned null: return a value, or use get(key)");
      }
      return key.check(made);
    });
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    return typed;
  }

  @Override
  public <T> T remove(StateKey<T> key) {
    @SuppressWarnings("unchecked")
    T value = (T) typedState(key).remove(key);
    return value;
  }

  private Map<StateKey<?>, Object> typedState(StateKey<?> key) {
    Objects.requireNonNull(key, "key");
    return key.isShared() ? connection.shared().typed() : slot.typedState();
  }

  @Override
  public PluginClock clock() {
    checkActive("ws.clock()");
    return connection.clock();
  }

  @Override
  public ScheduledTask schedule(Duration delay, Consumer<WsContext> task) {
    checkActive("ws.schedule(...)");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(task, "task");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a task's delay must be zero or more, was " + delay);
    }
    checkSchedulingPhase("ws.schedule(...)");
    return connection.tasks.schedule(slot, direction, saturatedNanos(delay), 0, task);
  }

  @Override
  public ScheduledTask scheduleRepeating(Duration period, Consumer<WsContext> task) {
    checkActive("ws.scheduleRepeating(...)");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(task, "task");
    if (period.compareTo(MIN_PERIOD) < 0) {
      throw new IllegalArgumentException("a repeating task's period must be at least 1 ms, was " + period);
    }
    checkSchedulingPhase("ws.scheduleRepeating(...)");
    long nanos = saturatedNanos(period);
    return connection.tasks.schedule(slot, direction, nanos, nanos, task);
  }

  private void checkSchedulingPhase(String operation) {
    if (phase == Phase.CLOSE) {
      throw new PdkMisuseException(
          operation + " is not allowed in onClose: the connection has ended and its timers are cancelled;"
              + " schedule in onHandshake, a frame phase or a timer task");
    }
  }

  private static long saturatedNanos(Duration duration) {
    return duration.compareTo(MAX_DELAY) > 0 ? MAX_DELAY.toNanos() : duration.toNanos();
  }

  @Override
  public CloseInfo closeInfo() {
    checkActive("ws.closeInfo()");
    if (phase != Phase.CLOSE) {
      throw new PdkMisuseException(
          "ws.closeInfo() is only allowed in onClose: in " + phase.methodName()
              + " the connection has not ended yet");
    }
    return connection.closeInfo();
  }

  @Override
  public PluginLog log() {
    return slot.log();
  }

  @Override
  public String toString() {
    return "WsContext[" + slot.name + ", " + connection.id() + ", " + phase + "]";
  }
}
