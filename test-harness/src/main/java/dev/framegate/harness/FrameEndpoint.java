package dev.framegate.harness;

import dev.framegate.api.FrameType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One simulated side of a proxied connection — the WebSocket client or the upstream server — as a
 * test drives it: send frames as that side, and check, in order, what the gateway delivered to it.
 *
 * <p>The test harness implements it without sockets (every expectation is answered at once); a
 * socket runtime implements the same interface over real connections, where an expectation waits up
 * to {@link #expectWait()}. A simulated side never answers anything on its own: not pings, not close
 * frames; the test does.
 *
 * <p>A failing expectation throws an {@link AssertionError} whose message holds the frame transcript
 * of the whole connection.
 */
public interface FrameEndpoint {

  /**
   * The side's name for messages: {@code "client"} or {@code "upstream"}.
   *
   * @return the name
   */
  String name();

  /**
   * Sends one raw frame as this side, exactly as given: the way to test protocol errors.
   *
   * @param fin the FIN bit
   * @param rsv the RSV bits, 0 to 7
   * @param opcode the opcode, 0 to 15
   * @param payload the unmasked payload
   * @throws IllegalStateException if this side is not connected (yet, or any more)
   */
  void sendRaw(boolean fin, int rsv, int opcode, byte[] payload);

  /**
   * Sends one raw frame whose mask bit breaks RFC 6455 section 5.1 for this side: unmasked from the
   * client, masked from the upstream. The gateway must close this side with 1002.
   *
   * @param fin the FIN bit
   * @param rsv the RSV bits, 0 to 7
   * @param opcode the opcode, 0 to 15
   * @param payload the payload before masking
   * @throws IllegalStateException if this side is not connected (yet, or any more)
   */
  void sendRawWithWrongMasking(boolean fin, int rsv, int opcode, byte[] payload);

  /**
   * Sends only a frame header, announcing a payload length, and none of the payload: the way to
   * test the limits a gateway applies at the header (an announced length over the sender's limit,
   * a 64-bit length with its top bit set). A gateway refuses such a frame before reading its
   * payload and closes this side; this side can then still send its close frame.
   *
   * <p>When the gateway admits the header it waits for the payload, which this method never sends:
   * over sockets the gateway reads what this side sends next as that payload; the harness refuses
   * any later send from this side instead.
   *
   * @param fin the FIN bit
   * @param rsv the RSV bits, 0 to 7
   * @param opcode the opcode, 0 to 15
   * @param payloadLength the 64-bit length to announce; a negative value sets the top bit
   * @return {@code true} if the gateway admitted the header (the harness knows; over sockets this
   *     is always {@code true}, as the peer cannot tell: check what the gateway sends instead)
   * @throws IllegalStateException if this side is not connected (yet, or any more)
   * @throws UnsupportedOperationException if this endpoint cannot write a header alone
   * @since 1.1
   */
  default boolean sendFrameHeader(boolean fin, int rsv, int opcode, long payloadLength) {
    throw new UnsupportedOperationException(getClass().getName()
        + " cannot send a frame header without its payload: implement sendFrameHeader to run the header-limit scenarios");
  }

  /**
   * Takes the next frame the gateway delivered to this side, waiting up to a bound for one to
   * arrive.
   *
   * @param wait how long to wait at most; the harness never waits
   * @return the frame, or empty if none arrived in time
   */
  Optional<WireFrame> poll(Duration wait);

  /**
   * The frames delivered to this side and not yet taken by {@link #poll} or an expectation, oldest
   * first.
   *
   * @return a snapshot
   */
  List<WireFrame> received();

  /**
   * Whether the gateway closed this side's network connection, waiting up to a bound for it.
   *
   * @param wait how long to wait at most; the harness never waits
   * @return {@code true} once disconnected by the gateway
   */
  boolean awaitDisconnected(Duration wait);

  /** Drops this side's network connection abruptly, without a close frame (SPEC C2). */
  void vanish();

  /**
   * The transcript of the whole connection so far, both directions in order.
   *
   * @return a multi-line text
   */
  String transcript();

  /**
   * How long an expectation waits for a frame to arrive: zero in the harness.
   *
   * @return the bound
   */
  Duration expectWait();

  /**
   * How long {@link #expectNothing()} listens before concluding that nothing arrived: zero in the
   * harness.
   *
   * @return the quiet period
   */
  Duration quietPeriod();

  /**
   * Sends a text message in one frame.
   *
   * @param text the message
   * @return this side
   */
  default FrameEndpoint sendText(String text) {
    sendRaw(true, 0, FrameType.TEXT.opcode(), text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * Sends a binary message in one frame.
   *
   * @param data the message
   * @return this side
   */
  default FrameEndpoint sendBinary(byte[] data) {
    sendRaw(true, 0, FrameType.BINARY.opcode(), data);
    return this;
  }

  /**
   * Sends one text or binary message as several frames: the first with the type's opcode, the
   * others as continuations, FIN on the last.
   *
   * @param type {@link FrameType#TEXT} or {@link FrameType#BINARY}
   * @param parts the fragments' contents, UTF-8 encoded
   * @return this side
   */
  default FrameEndpoint sendFragments(FrameType type, String... parts) {
    byte[][] bytes = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = parts[i].getBytes(StandardCharsets.UTF_8);
    }
    return sendFragments(type, bytes);
  }

  /**
   * Sends one text or binary message as several frames.
   *
   * @param type {@link FrameType#TEXT} or {@link FrameType#BINARY}
   * @param parts the fragments' payloads
   * @return this side
   */
  default FrameEndpoint sendFragments(FrameType type, byte[]... parts) {
    if (type.isControl()) {
      throw new IllegalArgumentException(
          "control frames cannot be fragmented legally; use sendRaw to send a fragmented " + type);
    }
    if (parts.length == 0) {
      throw new IllegalArgumentException("give at least one fragment");
    }
    for (int i = 0; i < parts.length; i++) {
      sendRaw(i == parts.length - 1, 0, i == 0 ? type.opcode() : 0, parts[i]);
    }
    return this;
  }

  /**
   * Sends a ping.
   *
   * @param data the payload, at most 125 bytes for a valid ping
   * @return this side
   */
  default FrameEndpoint sendPing(byte[] data) {
    sendRaw(true, 0, FrameType.PING.opcode(), data);
    return this;
  }

  /**
   * Sends a pong.
   *
   * @param data the payload
   * @return this side
   */
  default FrameEndpoint sendPong(byte[] data) {
    sendRaw(true, 0, FrameType.PONG.opcode(), data);
    return this;
  }

  /**
   * Sends a close frame with a code and a reason.
   *
   * @param code the close code
   * @param reason the reason, possibly empty
   * @return this side
   */
  default FrameEndpoint sendClose(int code, String reason) {
    sendRaw(true, 0, FrameType.CLOSE.opcode(), WireFrame.closePayload(code, reason));
    return this;
  }

  /**
   * Sends a close frame with a code and no reason.
   *
   * @param code the close code
   * @return this side
   */
  default FrameEndpoint sendClose(int code) {
    return sendClose(code, "");
  }

  /**
   * Sends a close frame without a code (an empty payload).
   *
   * @return this side
   */
  default FrameEndpoint sendCloseWithoutStatus() {
    sendRaw(true, 0, FrameType.CLOSE.opcode(), new byte[0]);
    return this;
  }

  /**
   * Takes the next frame delivered to this side.
   *
   * @return the frame
   * @throws AssertionError if none arrived
   */
  default WireFrame nextFrame() {
    return poll(expectWait())
        .orElseThrow(() -> failure(name() + " expected a frame but received nothing"));
  }

  /**
   * Takes the next frame and checks its type.
   *
   * @param type the expected type
   * @return the frame
   * @throws AssertionError if none arrived or it has another type
   */
  default WireFrame expectFrame(FrameType type) {
    WireFrame frame = poll(expectWait())
        .orElseThrow(() -> failure(name() + " expected " + type + " but received nothing"));
    if (frame.type() != type) {
      throw failure(name() + " expected " + type + " but received " + frame.describe());
    }
    return frame;
  }

  /**
   * Expects the next frame to be this text message.
   *
   * @param text the expected text
   * @return this side
   */
  default FrameEndpoint expectText(String text) {
    WireFrame frame = expectFrame(FrameType.TEXT);
    if (!frame.text().equals(text)) {
      throw failure(name() + " expected TEXT " + WireFrame.of(FrameType.TEXT, text.getBytes(StandardCharsets.UTF_8)).describe()
          + " but received " + frame.describe());
    }
    return this;
  }

  /**
   * Expects the next frame to be this binary message.
   *
   * @param data the expected payload
   * @return this side
   */
  default FrameEndpoint expectBinary(byte[] data) {
    return expectPayload(FrameType.BINARY, data);
  }

  /**
   * Expects the next frame to be a ping with this payload.
   *
   * @param data the expected payload
   * @return this side
   */
  default FrameEndpoint expectPing(byte[] data) {
    return expectPayload(FrameType.PING, data);
  }

  /**
   * Expects the next frame to be a pong with this payload.
   *
   * @param data the expected payload
   * @return this side
   */
  default FrameEndpoint expectPong(byte[] data) {
    return expectPayload(FrameType.PONG, data);
  }

  private FrameEndpoint expectPayload(FrameType type, byte[] data) {
    WireFrame frame = expectFrame(type);
    if (!Arrays.equals(frame.payload(), data)) {
      throw failure(name() + " expected " + WireFrame.of(type, data).describe() + " but received " + frame.describe());
    }
    return this;
  }

  /**
   * Expects the next frame to be a close frame with this code, whatever its reason.
   *
   * @param code the expected close code
   * @return the close frame
   */
  default WireFrame expectClose(int code) {
    WireFrame frame = expectFrame(FrameType.CLOSE);
    if (frame.closeCode().orElse(-1) != code) {
      throw failure(name() + " expected CLOSE " + code + " but received " + frame.describe());
    }
    return frame;
  }

  /**
   * Expects the next frame to be a close frame with this code and reason.
   *
   * @param code the expected close code
   * @param reason the expected reason
   * @return the close frame
   */
  default WireFrame expectClose(int code, String reason) {
    WireFrame frame = expectFrame(FrameType.CLOSE);
    if (frame.closeCode().orElse(-1) != code || !frame.closeReason().equals(reason)) {
      throw failure(name() + " expected " + WireFrame.close(code, reason).describe() + " but received " + frame.describe());
    }
    return frame;
  }

  /**
   * Expects the next frame to be a close frame that carries no code.
   *
   * @return the close frame
   */
  default WireFrame expectCloseWithoutStatus() {
    WireFrame frame = expectFrame(FrameType.CLOSE);
    OptionalInt code = frame.closeCode();
    if (code.isPresent()) {
      throw failure(name() + " expected CLOSE without a code but received " + frame.describe());
    }
    return frame;
  }

  /**
   * Expects that nothing more was delivered to this side (in the harness: right now; over sockets:
   * during {@link #quietPeriod()}).
   *
   * @return this side
   */
  default FrameEndpoint expectNothing() {
    Optional<WireFrame> frame = poll(quietPeriod());
    if (frame.isPresent()) {
      throw failure(name() + " expected nothing but received " + frame.get().describe());
    }
    return this;
  }

  /**
   * Expects that the gateway closed this side's network connection.
   *
   * @return this side
   */
  default FrameEndpoint expectDisconnected() {
    if (!awaitDisconnected(expectWait())) {
      throw failure(name() + " expected to be disconnected by the gateway but is still connected");
    }
    return this;
  }

  /**
   * Expects that the gateway has not closed this side's network connection.
   *
   * @return this side
   */
  default FrameEndpoint expectConnected() {
    if (awaitDisconnected(Duration.ZERO)) {
      throw failure(name() + " expected to be connected but the gateway disconnected it");
    }
    return this;
  }

  /**
   * An assertion failure carrying the connection transcript.
   *
   * @param message what was expected and what happened
   * @return the error, to throw
   */
  default AssertionError failure(String message) {
    return new AssertionError(message + "\n" + transcript());
  }
}
