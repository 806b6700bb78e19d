package dev.framegate.engine;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.FrameType;
import dev.framegate.api.Phase;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Sees everything that crosses one connection, in the order the engine handles it: the handshake,
 * every raw frame each side sent, every frame the engine wrote to each side, and what the plugins
 * did to each message. Recording (the runtime's per-route recordings, the harness's recorder and
 * fuzzer) is built on it.
 *
 * <p>An {@link EngineObserver} hands a tap to a connection when it starts ({@link
 * EngineObserver#tap}); a connection without a tap pays one null check per event and nothing else.
 *
 * <p>Calls come from the threads that drive the connection: the two directions may call at the same
 * time, so an implementation that keeps one ordered log synchronizes. Buffers are views the tap
 * must not keep or move: copy what is needed during the call. Every method has an empty default and
 * must not throw (an exception is logged and the tap is not called again).
 */
public interface ConnectionTap {

  /**
   * The engine asked the transport to connect the upstream.
   *
   * @param headers the headers sent upstream, lower-case names
   * @param subprotocols the subprotocols offered upstream
   */
  default void upstreamRequested(Map<String, List<String>> headers, List<String> subprotocols) {}

  /**
   * The upstream accepted the upgrade.
   *
   * @param subprotocol the subprotocol it chose, or {@code null}
   */
  default void upstreamConnected(String subprotocol) {}

  /**
   * The upstream could not be connected.
   *
   * @param status the HTTP status the transport reported
   * @param detail what went wrong
   */
  default void upstreamFailed(int status, String detail) {}

  /**
   * The client got its 101.
   *
   * @param subprotocol the subprotocol, or {@code null}
   * @param headers the extra headers of the 101
   */
  default void clientAccepted(String subprotocol, Map<String, List<String>> headers) {}

  /**
   * The client's upgrade was refused.
   *
   * @param status the HTTP status
   * @param headers the extra response headers
   * @param body the response body
   */
  default void clientRejected(int status, Map<String, List<String>> headers, String body) {}

  /**
   * A raw frame arrived from a side, before any rule was applied to it.
   *
   * @param from the sender
   * @param fin the FIN bit
   * @param rsv the RSV bits
   * @param opcode the opcode
   * @param masked whether it carried a masking key
   * @param payload the unmasked payload (a view: copy, do not keep)
   */
  default void frameReceived(Side from, boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload) {}

  /**
   * The engine refused a frame at its header ({@link Connection#frameHeader} returned {@code false}):
   * its payload was never read.
   *
   * @param from the sender
   * @param fin the FIN bit
   * @param rsv the RSV bits
   * @param opcode the opcode
   * @param masked whether it carried a masking key
   * @param payloadLength the announced payload length (negative when its top bit is set)
   */
  default void frameRefused(Side from, boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {}

  /**
   * The engine wrote a frame to a side: a forwarded message, a plugin's own message, or a frame of
   * the engine's (close frames, keepalive pings, automatic pongs).
   *
   * @param to the side written to
   * @param type the frame type
   * @param payload the payload; for close frames the wire payload (a view: copy, do not keep)
   */
  default void frameSent(Side to, FrameType type, ByteBuffer payload) {}

  /**
   * A side's network connection ended on its own (the transport called {@link Connection#gone}).
   *
   * @param side the side that is gone
   */
  default void gone(Side side) {}

  /** The runtime asked the connection to shut down ({@link Connection#shutdown}). */
  default void shutdown() {}

  /**
   * A message left the plugin chain changed: reported just before it is written.
   *
   * @param from the side that sent it
   * @param type its type
   * @param pluginName the last plugin that changed its payload or close status
   */
  default void messageRewritten(Side from, FrameType type, String pluginName) {}

  /**
   * A plugin dropped a message.
   *
   * @param from the side that sent it
   * @param type its type
   * @param pluginName the plugin
   */
  default void messageDropped(Side from, FrameType type, String pluginName) {}

  /**
   * A plugin closed the connection while handling a message from a side; the close frames follow.
   *
   * @param from the side whose message it was handling
   * @param pluginName the plugin
   */
  default void pluginClosed(Side from, String pluginName) {}

  /**
   * A plugin sent a message of its own; the frame follows as {@link #frameSent}.
   *
   * @param pluginName the plugin
   * @param to the side it sent to
   * @param type the type
   */
  default void pluginSent(String pluginName, Side to, FrameType type) {}

  /**
   * A plugin threw, misused the PDK or ran past the plugin timeout.
   *
   * @param pluginName the plugin
   * @param phase the phase
   * @param error what it threw
   */
  default void pluginFailed(String pluginName, Phase phase, Throwable error) {}

  /**
   * The connection ended and its close phase ran; the last call the tap gets.
   *
   * @param info the cause and the close codes
   */
  default void finished(CloseInfo info) {}
}
