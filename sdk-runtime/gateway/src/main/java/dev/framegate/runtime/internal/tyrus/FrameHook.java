package dev.framegate.runtime.internal.tyrus;

import dev.framegate.engine.Side;
import jakarta.websocket.Extension;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.Frame;

/**
 * The frame-level hook installed on every Tyrus connection, client-facing and upstream. Tyrus calls
 * {@link #processIncoming} for every parsed frame (pings, pongs, close frames and continuations
 * included) before it validates or answers it. The hook hands the raw frame to the connection and
 * returns an empty unsolicited pong instead, which Tyrus ignores because no pong handler is
 * registered: Tyrus therefore never answers pings, never echoes close frames and never reassembles
 * messages; the engine does all of it.
 *
 * <p>The extension is never negotiated on the wire: the server side removes its name from the 101
 * reply and the upstream side strips it from the upgrade request ({@link HookingClientEngine}).
 */
final class FrameHook implements ExtendedExtension {

  /** The extension name Tyrus matches on; it never appears on the wire. */
  static final String NAME = "x-framegate-frame-hook";

  private static final Logger LOG = Logger.getLogger(FrameHook.class.getName());

  /** What Tyrus processes in place of every frame: an empty pong nobody listens to. */
  private static final Frame SWALLOWED =
      Frame.builder().fin(true).opcode((byte) 0x0A).payloadLength(0).payloadData(new byte[0]).build();

  /** Receives the raw frames of one side of one connection. */
  interface FrameSink {
    void onFrame(Side from, boolean fin, int rsv, int opcode, byte[] payload);

    void transportClosed(Side side);
  }

  private final Side side;
  private final FrameSink sink;

  FrameHook(Side side, FrameSink sink) {
    this.side = side;
    this.sink = sink;
  }

  @Override
  public Frame processIncoming(ExtensionContext context, Frame frame) {
    // Tyrus logs exceptions thrown here at FINE and then processes the original frame (which would
    // let it answer pings and echo closes): nothing may escape.
    try {
      int rsv = (frame.isRsv1() ? 4 : 0) | (frame.isRsv2() ? 2 : 0) | (frame.isRsv3() ? 1 : 0);
      byte[] payload = frame.getPayloadData();
      sink.onFrame(side, frame.isFin(), rsv, frame.getOpcode() & 0x0F, payload == null ? new byte[0] : payload);
    } catch (Throwable t) {
      LOG.log(Level.WARNING, "frame from " + side + " could not be handed over", t);
    }
    return SWALLOWED;
  }

  /** The Tyrus connection this hook serves has closed. */
  void transportClosed() {
    sink.transportClosed(side);
  }

  @Override
  public Frame processOutgoing(ExtensionContext context, Frame frame) {
    return frame;
  }

  @Override
  public List<Extension.Parameter> onExtensionNegotiation(
      ExtensionContext context, List<Extension.Parameter> requestedParameters) {
    return List.of();
  }

  @Override
  public void onHandshakeResponse(ExtensionContext context, List<Extension.Parameter> responseParameters) {}

  @Override
  public void destroy(ExtensionContext context) {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public List<Extension.Parameter> getParameters() {
    return List.of();
  }
}
