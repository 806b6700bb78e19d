package dev.framegate.engine;

import dev.framegate.api.FrameType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * What the engine asks of a transport, for one connection. Implementations must not block: queue
 * the work and return. The engine calls these methods from the threads that call into its {@link
 * Connection}, or from its {@link Scheduler} (its timers, and the plugins' timer tasks it runs with
 * {@link Scheduler#execute}).
 *
 * <p>{@link #send} and {@link #disconnect} for one side are called under a small lock of that side,
 * so that nothing is written to a side after its close frame: a multi-threaded transport must not
 * call back into the {@link Connection} from inside them (queue the call instead). {@link
 * #connectUpstream}, {@link #acceptClient} and {@link #rejectClient} are called without any lock and
 * may call back at once (for example {@link Connection#upstreamConnected}).
 */
public interface Transport {

  /**
   * Opens the upstream WebSocket. The transport answers, later and from any thread, with {@link
   * Connection#upstreamConnected} or {@link Connection#upstreamFailed}.
   *
   * @param headers the headers to send upstream (already filtered and extended by the engine and
   *     the handshake plugins), lower-case names
   * @param subprotocols the subprotocols to offer upstream
   */
  void connectUpstream(Map<String, List<String>> headers, List<String> subprotocols);

  /**
   * Completes the client's handshake with 101.
   *
   * @param subprotocol the subprotocol the upstream chose, or {@code null}
   * @param headers extra headers for the 101 reply
   */
  void acceptClient(String subprotocol, Map<String, List<String>> headers);

  /**
   * Refuses the client's handshake with an HTTP status.
   *
   * @param status the HTTP status
   * @param headers extra response headers
   * @param body the response body, possibly empty
   */
  void rejectClient(int status, Map<String, List<String>> headers, String body);

  /**
   * Writes one whole message (or control frame) to a side, unfragmented.
   *
   * @param to the side to write to
   * @param type the frame type
   * @param payload the payload; for close frames the wire payload (two status bytes and the reason,
   *     or empty). The transport owns the buffer after the call.
   */
  void send(Side to, FrameType type, ByteBuffer payload);

  /**
   * Closes a side's network connection without further frames: after its close handshake, after the
   * close linger expired, or because it vanished.
   *
   * @param side the side to disconnect
   */
  void disconnect(Side side);

  /**
   * The connection has finished: both sides are disconnected and the close phase has run. Called
   * once, on whichever thread finished the connection (a timer's included). The default does
   * nothing.
   */
  default void finished() {}
}
