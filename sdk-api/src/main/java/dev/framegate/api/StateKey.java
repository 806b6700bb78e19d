package dev.framegate.api;

import java.util.Objects;

/**
 * A typed key for per-connection state, as Netty's {@code AttributeKey}: the key carries the type
 * of its value, so reading it needs no cast. Declare keys as constants of the plugin class:
 *
 * <pre>{@code
 * private static final StateKey<Deque<Long>> SENT = StateKey.of("sent");
 * ...
 * Deque<Long> sent = ws.computeIfAbsent(SENT, ArrayDeque::new);
 * }</pre>
 *
 * <p>A key is its own identity: two keys with the same name are two different entries. The name is
 * only for messages. A key made with {@link #of} holds a value private to the plugin entry on one
 * connection, as {@link WsContext#pluginState()} does; a key made with {@link #shared} holds a value
 * every plugin of the connection that has the key object can read, as {@link
 * WsContext#sharedState()} does. Typed state is kept apart from the two maps.
 *
 * @param <T> the type of the value
 * @since 1.1
 */
public final class StateKey<T> {

  private final String name;
  private final Class<T> type;
  private final boolean shared;

  private StateKey(String name, Class<T> type, boolean shared) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = type;
    this.shared = shared;
  }

  /**
   * A key for a value private to the plugin entry on one connection.
   *
   * @param name the name, for messages
   * @param <T> the value type, inferred from the declaration
   * @return a new key
   * @since 1.1
   */
  public static <T> StateKey<T> of(String name) {
    return new StateKey<>(name, null, false);
  }

  /**
   * A key for a value private to the plugin entry on one connection, whose values are checked
   * against a class when they are stored.
   *
   * @param name the name, for messages
   * @param type the class every value must be an instance of
   * @param <T> the value type
   * @return a new key
   * @since 1.1
   */
  public static <T> StateKey<T> of(String name, Class<T> type) {
    return new StateKey<>(name, Objects.requireNonNull(type, "type"), false);
  }

  /**
   * A key for a value shared by the plugins of one connection that hold this key object.
   *
   * @param name the name, for messages
   * @param type the class every value must be an instance of
   * @param <T> the value type
   * @return a new key
   * @since 1.1
   */
  public static <T> StateKey<T> shared(String name, Class<T> type) {
    return new StateKey<>(name, Objects.requireNonNull(type, "type"), true);
  }

  /**
   * The name given at creation.
   *
   * @return the name
   * @since 1.1
   */
  public String name() {
    return name;
  }

  /**
   * Whether the value is shared by the plugins of the connection, or private to one plugin entry.
   *
   * @return {@code true} for a shared key
   * @since 1.1
   */
  public boolean isShared() {
    return shared;
  }

  /**
   * Checks a value against the key's class, if it has one.
   *
   * @param value the value to store, not {@code null}
   * @return the value, typed
   * @throws ClassCastException naming the key when the value has another type
   * @since 1.1
   */
  public T check(Object value) {
    if (type != null && !type.isInstance(value)) {
      throw new ClassCastException(
          "state key '" + name + "' holds " + type.getName() + " values, not " + value.getClass().getName());
    }
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    return typed;
  }

  @Override
  public String toString() {
    return "StateKey[" + name + (type == null ? "" : ", " + type.getSimpleName())
        + (shared ? ", shared" : "") + "]";
  }
}
