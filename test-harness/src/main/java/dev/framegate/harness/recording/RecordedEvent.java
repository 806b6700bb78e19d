package dev.framegate.harness.recording;

import dev.framegate.api.CloseCause;
import dev.framegate.api.FrameType;
import dev.framegate.api.PdkMisuseException;
import dev.framegate.api.Phase;
import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One line of a {@link Recording}: something that crossed the connection, or something a plugin
 * did to it, at a time measured from the start of the connection. See docs/recording-format.md for
 * the JSON form of each kind.
 *
 * <p>Inputs (what the client and the upstream did) are {@link Handshake}, {@link UpstreamConnected},
 * {@link UpstreamFailed}, {@link Received}, {@link Gone} and {@link Shutdown}: a replay drives them.
 * Outputs (what the gateway did) are {@link UpstreamRequest}, {@link ClientAccepted}, {@link
 * ClientRejected}, {@link Sent} and {@link Finished}: a replay compares them. The rest tell which
 * plugin did what, for people reading a recording.
 */
public sealed interface RecordedEvent {

  /**
   * When it happened, in nanoseconds since the client's upgrade request arrived.
   *
   * @return the time
   */
  long time();

  /**
   * The name of this kind in the JSON Lines format, such as {@code "receive"}.
   *
   * @return the name
   */
  String kind();

  /**
   * Whether a replay drives this event (it is something a client or upstream did).
   *
   * @return {@code true} for inputs
   */
  default boolean isInput() {
    return false;
  }

  /**
   * Whether a replay compares this event (it is something the gateway did on a wire).
   *
   * @return {@code true} for outputs
   */
  default boolean isOutput() {
    return false;
  }

  /**
   * The client's upgrade request.
   *
   * @param time the time, 0
   * @param method the HTTP method
   * @param path the request path
   * @param query the raw query, possibly empty
   * @param headers the request headers, lower-case names, redacted values as recorded
   * @param subprotocols the offered subprotocols
   * @param remote the client's address as {@code host:port}, possibly empty
   */
  record Handshake(long time, String method, String path, String query, Map<String, List<String>> headers,
      List<String> subprotocols, String remote) implements RecordedEvent {
    /** Copies the collections. */
    public Handshake {
      headers = Recording.copyHeaders(headers);
      subprotocols = List.copyOf(subprotocols);
      query = query == null ? "" : query;
      remote = remote == null ? "" : remote;
    }

    @Override
    public String kind() {
      return "handshake";
    }

    @Override
    public boolean isInput() {
      return true;
    }
  }

  /**
   * The gateway asked to connect the upstream with these headers.
   *
   * @param time the time
   * @param headers the headers sent upstream, lower-case names
   * @param subprotocols the subprotocols offered upstream
   */
  record UpstreamRequest(long time, Map<String, List<String>> headers, List<String> subprotocols)
      implements RecordedEvent {
    /** Copies the collections. */
    public UpstreamRequest {
      headers = Recording.copyHeaders(headers);
      subprotocols = List.copyOf(subprotocols);
    }

    @Override
    public String kind() {
      return "upstream-request";
    }

    @Override
    public boolean isOutput() {
      return true;
    }
  }

  /**
   * The upstream accepted the upgrade.
   *
   * @param time the time
   * @param subprotocol the chosen subprotocol, or {@code null}
   */
  record UpstreamConnected(long time, String subprotocol) implements RecordedEvent {
    @Override
    public String kind() {
      return "upstream-connected";
    }

    @Override
    public boolean isInput() {
      return true;
    }
  }

  /**
   * The upstream could not be connected.
   *
   * @param time the time
   * @param status the HTTP status reported
   * @param detail what went wrong
   */
  record UpstreamFailed(long time, int status, String detail) implements RecordedEvent {
    @Override
    public String kind() {
      return "upstream-failed";
    }

    @Override
    public boolean isInput() {
      return true;
    }
  }

  /**
   * The client got its 101.
   *
   * @param time the time
   * @param subprotocol the subprotocol, or {@code null}
   * @param headers the extra headers of the 101
   */
  record ClientAccepted(long time, String subprotocol, Map<String, List<String>> headers) implements RecordedEvent {
    /** Copies the headers. */
    public ClientAccepted {
      headers = Recording.copyHeaders(headers);
    }

    @Override
    public String kind() {
      return "client-accepted";
    }

    @Override
    public boolean isOutput() {
      return true;
    }
  }

  /**
   * The client's upgrade was refused.
   *
   * @param time the time
   * @param status the HTTP status
   * @param headers the extra response headers
   * @param body the body
   */
  record ClientRejected(long time, int status, Map<String, List<String>> headers, String body)
      implements RecordedEvent {
    /** Copies the headers. */
    public ClientRejected {
      headers = Recording.copyHeaders(headers);
      body = body == null ? "" : body;
    }

    @Override
    public String kind() {
      return "client-rejected";
    }

    @Override
    public boolean isOutput() {
      return true;
    }
  }

  /**
   * A raw frame the gateway received from a side, as it was on the wire (unmasked).
   *
   * @param time the time
   * @param from the side that sent it
   * @param frame the frame
   * @param masked whether it carried a masking key (RFC 6455: clients mask, upstreams do not)
   */
  record Received(long time, Side from, WireFrame frame, boolean masked) implements RecordedEvent {
    /** Checks that nothing is missing. */
    public Received {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(frame, "frame");
    }

    @Override
    public String kind() {
      return "receive";
    }

    @Override
    public boolean isInput() {
      return true;
    }

    /**
     * Whether the mask bit breaks RFC 6455 section 5.1 for the sender.
     *
     * @return {@code true} for an unmasked client frame or a masked upstream frame
     */
    public boolean wrongMasking() {
      return masked != (from == Side.CLIENT);
    }
  }

  /**
   * A frame the gateway refused at its header, before reading its payload (over a limit, or a
   * header that breaks RFC 6455): only the header is known.
   *
   * @param time the time
   * @param from the side that sent it
   * @param fin the FIN bit
   * @param rsv the RSV bits
   * @param opcode the opcode
   * @param masked whether it carried a masking key
   * @param length the announced payload length (negative when its top bit was set)
   */
  record RefusedHeader(long time, Side from, boolean fin, int rsv, int opcode, boolean masked, long length)
      implements RecordedEvent {
    @Override
    public String kind() {
      return "refused-header";
    }

    @Override
    public boolean isInput() {
      return true;
    }
  }

  /**
   * A frame the gateway wrote to a side: always a whole message or a control frame.
   *
   * @param time the time
   * @param to the side written to
   * @param frame the frame
   */
  record Sent(long time, Side to, WireFrame frame) implements RecordedEvent {
    /** Checks that nothing is missing. */
    public Sent {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(frame, "frame");
    }

    @Override
    public String kind() {
      return "send";
    }

    @Override
    public boolean isOutput() {
      return true;
    }
  }

  /**
   * A side's network connection ended without the gateway closing it.
   *
   * @param time the time
   * @param side the side
   */
  record Gone(long time, Side side) implements RecordedEvent {
    @Override
    public String kind() {
      return "gone";
    }

    @Override
    public boolean isInput() {
      return true;
    }
  }

  /**
   * The runtime shut the connection down (it was stopping).
   *
   * @param time the time
   */
  record Shutdown(long time) implements RecordedEvent {
    @Override
    public String kind() {
      return "shutdown";
    }

    @Override
    public boolean isInput() {
      return true;
    }
  }

  /**
   * A plugin dropped a message.
   *
   * @param time the time
   * @param from the side that sent it
   * @param type its type
   * @param plugin the plugin
   */
  record Dropped(long time, Side from, FrameType type, String plugin) implements RecordedEvent {
    @Override
    public String kind() {
      return "dropped";
    }
  }

  /**
   * A message left the plugin chain changed; the {@link Sent} frame that follows carries it.
   *
   * @param time the time
   * @param from the side that sent it
   * @param type its type
   * @param plugin the last plugin that changed it
   */
  record Rewritten(long time, Side from, FrameType type, String plugin) implements RecordedEvent {
    @Override
    public String kind() {
      return "rewritten";
    }
  }

  /**
   * A plugin closed the connection on a message from a side.
   *
   * @param time the time
   * @param from the side whose message it handled
   * @param plugin the plugin
   */
  record PluginClosed(long time, Side from, String plugin) implements RecordedEvent {
    @Override
    public String kind() {
      return "plugin-closed";
    }
  }

  /**
   * A plugin sent a message of its own; the {@link Sent} frame follows.
   *
   * @param time the time
   * @param plugin the plugin
   * @param to the side
   * @param type the type
   */
  record PluginSent(long time, String plugin, Side to, FrameType type) implements RecordedEvent {
    @Override
    public String kind() {
      return "plugin-sent";
    }
  }

  /**
   * A plugin threw, misused the PDK or ran past the plugin timeout.
   *
   * @param time the time
   * @param plugin the plugin
   * @param phase the phase
   * @param errorType the exception's class name
   * @param message the exception's message
   */
  record PluginFailed(long time, String plugin, Phase phase, String errorType, String message)
      implements RecordedEvent {
    @Override
    public String kind() {
      return "plugin-failed";
    }

    /**
     * Whether the plugin misused the PDK (a {@link PdkMisuseException}).
     *
     * @return {@code true} for PDK misuse
     */
    public boolean isPdkMisuse() {
      return PdkMisuseException.class.getName().equals(errorType);
    }
  }

  /**
   * The connection ended and its close phase ran.
   *
   * @param time the time
   * @param cause why it ended
   * @param clientStatus the close code the client received, if any
   * @param upstreamStatus the close code the upstream received, if any
   * @param detail the explanation
   */
  record Finished(long time, CloseCause cause, OptionalInt clientStatus, OptionalInt upstreamStatus, String detail)
      implements RecordedEvent {
    /** Replaces a null detail with an empty one. */
    public Finished {
      detail = detail == null ? "" : detail;
    }

    @Override
    public String kind() {
      return "finished";
    }

    @Override
    public boolean isOutput() {
      return true;
    }
  }

  /**
   * The recording stopped here: it reached its byte cap. Nothing after it was recorded.
   *
   * @param time the time
   * @param reason why
   */
  record Truncated(long time, String reason) implements RecordedEvent {
    @Override
    public String kind() {
      return "truncated";
    }
  }
}
