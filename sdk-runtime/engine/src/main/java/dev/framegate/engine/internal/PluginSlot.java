package dev.framegate.engine.internal;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.PluginLog;
import dev.framegate.engine.EngineObserver;
import dev.framegate.engine.PluginChain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One plugin entry on one connection: its state map, its log and its contexts. */
final class PluginSlot {

  final int index;
  final String name;
  final FramePlugin<Object> plugin;
  final Object config;
  final PluginChain.Entry entry;
  final PluginContext handshakeAndClose;
  final PluginContext clientFrame;
  final PluginContext upstreamFrame;
  private final String connectionId;
  /** The observer's timers by phase ordinal; {@code null} unless the observer measures plugin time. */
  EngineObserver.PluginTimer[] timers;
  private volatile Map<String, Object> state;
  private volatile PluginLog log;

  PluginSlot(ProxyConnection connection, int index, PluginChain.Entry entry) {
    this.index = index;
    this.entry = entry;
    this.name = entry.name();
    this.plugin = entry.plugin();
    this.config = entry.config();
    this.connectionId = connection.id();
    this.handshakeAndClose = new PluginContext(connection, this, dev.framegate.api.Phase.HANDSHAKE);
    this.clientFrame = new PluginContext(connection, this, dev.framegate.api.Phase.CLIENT_FRAME);
    this.upstreamFrame = new PluginContext(connection, this, dev.framegate.api.Phase.UPSTREAM_FRAME);
  }

  Map<String, Object> state() {
    Map<String, Object> s = state;
    if (s == null) {
      synchronized (this) {
        s = state;
        if (s == null) {
          s = new ConcurrentHashMap<>();
          state = s;
        }
      }
    }
    return s;
  }

  PluginLog log() {
    PluginLog l = log;
    if (l == null) {
      l = new JulPluginLog(name, connectionId);
      log = l;
    }
    return l;
  }
}
