package dev.framegate.engine.internal;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.Phase;
import dev.framegate.api.PluginLog;
import dev.framegate.api.StateKey;
import dev.framegate.engine.EngineObserver;
import dev.framegate.engine.PluginChain;
import dev.framegate.engine.Side;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One plugin entry on one connection: its state, its log and its contexts. */
final class PluginSlot {

  final int index;
  final String name;
  final FramePlugin<Object> plugin;
  final Object config;
  final PluginChain.Entry entry;
  final PluginContext handshakeAndClose;
  final PluginContext clientFrame;
  final PluginContext upstreamFrame;
  private final ProxyConnection connection;
  /** The observer's timers by phase ordinal; {@code null} unless the observer measures plugin time. */
  EngineObserver.PluginTimer[] timers;
  // Made on first use: most plugins use neither on most connections.
  private volatile Map<String, Object> state;
  private volatile ConcurrentHashMap<StateKey<?>, Object> typedState;
  private volatile PluginLog log;
  private PluginContext clientTimer;
  private PluginContext upstreamTimer;

  PluginSlot(ProxyConnection connection, int index, PluginChain.Entry entry) {
    this.connection = connection;
    this.index = index;
    this.entry = entry;
    this.name = entry.name();
    this.plugin = entry.plugin();
    this.config = entry.config();
    this.handshakeAndClose = new PluginContext(connection, this, Phase.HANDSHAKE);
    this.clientFrame = new PluginContext(connection, this, Phase.CLIENT_FRAME);
    this.upstreamFrame = new PluginContext(connection, this, Phase.UPSTREAM_FRAME);
  }

  Map<String, Object> state() {
    Map<String, Object> s = state;
    if (s == null) {
      synchronized (this) {
        s = state;
        if (s == null) {
          s = new StateMap();
          state = s;
        }
      }
    }
    return s;
  }

  ConcurrentHashMap<StateKey<?>, Object> typedState() {
    ConcurrentHashMap<StateKey<?>, Object> s = typedState;
    if (s == null) {
      synchronized (this) {
        s = typedState;
        if (s == null) {
          s = new ConcurrentHashMap<>();
          typedState = s;
        }
      }
    }
    return s;
  }

  PluginLog log() {
    PluginLog l = log;
    if (l == null) {
      l = new JulPluginLog(name, connection.id());
      log = l;
    }
    return l;
  }

  /**
   * The context of this plugin's timer tasks in one direction's order of events; only that
   * direction's order of events uses it, so it needs no lock.
   */
  PluginContext timerContext(Side direction) {
    if (direction == Side.CLIENT) {
      if (clientTimer == null) {
        clientTimer = new PluginContext(connection, this, Phase.TIMER, Side.CLIENT);
      }
      return clientTimer;
    }
    if (upstreamTimer == null) {
      upstreamTimer = new PluginContext(connection, this, Phase.TIMER, Side.UPSTREAM);
    }
    return upstreamTimer;
  }
}
