package dev.framegate.engine.internal;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.HandshakeResponse;
import dev.framegate.api.PdkMisuseException;
import dev.framegate.api.Peer;
import dev.framegate.api.Phase;
import dev.framegate.api.PluginLog;
import dev.framegate.api.UpstreamRequest;
import dev.framegate.api.WsContext;
import dev.framegate.engine.Side;
import java.util.Map;

/**
 * The {@link WsContext} of one plugin entry on one connection for one phase family: one for the
 * handshake and close phases, one per frame direction, so that the two directions never share a
 * context. Created once per connection.
 */
final class PluginContext implements WsContext {

  final ProxyConnection connection;
  final PluginSlot slot;
  Phase phase;
  /** True only while the plugin call this context was passed to runs. */
  boolean active;
  // Made on first use: most plugins never ask for a peer in most phases, and every idle connection
  // would otherwise hold two per context (six per plugin).
  private SidePeer client;
  private SidePeer upstream;

  PluginContext(ProxyConnection connection, PluginSlot slot, Phase phase) {
    this.connection = connection;
    this.slot = slot;
    this.phase = phase;
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
    return connection.sharedState();
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
