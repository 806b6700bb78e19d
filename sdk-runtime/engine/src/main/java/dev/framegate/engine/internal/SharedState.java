package dev.framegate.engine.internal;

import dev.framegate.api.StateKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the plugins of one connection share ({@code ws.sharedState()} and shared {@link StateKey}s),
 * made on first use: most connections never use it.
 */
final class SharedState {

  private volatile Map<String, Object> map;
  private volatile ConcurrentHashMap<StateKey<?>, Object> typed;

  Map<String, Object> map() {
    Map<String, Object> m = map;
    if (m == null) {
      synchronized (this) {
        m = map;
        if (m == null) {
          m = new StateMap();
          map = m;
        }
      }
    }
    return m;
  }

  ConcurrentHashMap<StateKey<?>, Object> typed() {
    ConcurrentHashMap<StateKey<?>, Object> t = typed;
    if (t == null) {
      synchronized (this) {
        t = typed;
        if (t == null) {
          t = new ConcurrentHashMap<>();
          typed = t;
        }
      }
    }
    return t;
  }
}
