package dev.framegate.engine.internal;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code ws.pluginState()} and {@code ws.sharedState()}: a thread-safe map (the two directions of a
 * connection may use it at once) in which, as in Kong's {@code kong.ctx}, setting a key to {@code
 * null} removes it, where a plain {@link ConcurrentHashMap} throws.
 */
final class StateMap extends AbstractMap<String, Object> implements ConcurrentMap<String, Object> {

  private final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();

  private static String checkKey(Object key) {
    if (key == null) {
      throw new NullPointerException("a state key cannot be null: name the entry with a string");
    }
    return (String) key;
  }

  @Override
  public Object get(Object key) {
    return key == null ? null : map.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return key != null && map.containsKey(key);
  }

  @Override
  public Object put(String key, Object value) {
    checkKey(key);
    return value == null ? map.remove(key) : map.put(key, value);
  }

  @Override
  public void putAll(Map<? extends String, ?> entries) {
    entries.forEach(this::put);
  }

  @Override
  public Object putIfAbsent(String key, Object value) {
    checkKey(key);
    return value == null ? map.get(key) : map.putIfAbsent(key, value);
  }

  @Override
  public Object remove(Object key) {
    return key == null ? null : map.remove(key);
  }

  @Override
  public boolean remove(Object key, Object value) {
    return key != null && value != null && map.remove(key, value);
  }

  @Override
  public Object replace(String key, Object value) {
    checkKey(key);
    return value == null ? map.remove(key) : map.replace(key, value);
  }

  @Override
  public boolean replace(String key, Object oldValue, Object newValue) {
    checkKey(key);
    if (oldValue == null) {
      return false;
    }
    return newValue == null ? map.remove(key, oldValue) : map.replace(key, oldValue, newValue);
  }

  @Override
  public Object computeIfAbsent(String key, Function<? super String, ?> mapping) {
    return map.computeIfAbsent(checkKey(key), mapping);
  }

  @Override
  public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remapping) {
    return map.computeIfPresent(checkKey(key), remapping);
  }

  @Override
  public Object compute(String key, BiFunction<? super String, ? super Object, ?> remapping) {
    return map.compute(checkKey(key), remapping);
  }

  @Override
  public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remapping) {
    checkKey(key);
    if (value == null) {
      throw new NullPointerException("merge needs a value to merge: use remove(key) or put(key, null) to clear an entry");
    }
    return map.merge(key, value, remapping);
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public void clear() {
    map.clear();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return map.entrySet();
  }

  @Override
  public Set<String> keySet() {
    return map.keySet();
  }

  @Override
  public Object getOrDefault(Object key, Object defaultValue) {
    return key == null ? defaultValue : map.getOrDefault(key, defaultValue);
  }

  @Override
  public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
    map.forEach(Objects.requireNonNull(action, "action"));
  }

  @Override
  public boolean equals(Object other) {
    return map.equals(other);
  }

  @Override
  public int hashCode() {
    return map.hashCode();
  }
}
