package dev.framegate.engine.internal;

import dev.framegate.api.Frame;
import dev.framegate.api.FrameType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * The message of one direction as plugins see it: a reusable view over the received buffer. Nothing
 * is copied unless a plugin asks for a copy or rewrites the payload.
 */
final class FrameView implements Frame {

  static final int NO_STATUS = -1;

  FrameType type;
  /** The payload plugins see (for close frames the reason); position..limit. */
  ByteBuffer payload;
  /** For close frames: the received wire payload, forwarded as is when nothing was rewritten. */
  ByteBuffer wire;
  int status = NO_STATUS;
  boolean rewritten;
  private ByteBuffer readOnly;

  void reset(FrameType type, ByteBuffer payload) {
    this.type = type;
    this.payload = payload;
    this.wire = null;
    this.status = NO_STATUS;
    this.rewritten = false;
    this.readOnly = null;
  }

  void resetClose(ByteBuffer wirePayload, int status) {
    this.type = FrameType.CLOSE;
    this.wire = wirePayload;
    this.status = status;
    this.rewritten = false;
    this.readOnly = null;
    if (status == NO_STATUS) {
      this.payload = wirePayload;
    } else {
      ByteBuffer reason = wirePayload.duplicate();
      reason.position(reason.position() + 2);
      this.payload = reason.slice();
    }
  }

  /** Lets go of the message once it is handled, so that an idle direction holds no payload. */
  void release() {
    this.payload = null;
    this.wire = null;
    this.readOnly = null;
  }

  void replacePayload(ByteBuffer newPayload) {
    this.payload = newPayload;
    this.rewritten = true;
    this.readOnly = null;
  }

  void replaceStatus(int newStatus) {
    this.status = newStatus;
    this.rewritten = true;
  }

  /** The payload to put on the wire: the original buffer unless a plugin rewrote the frame. */
  ByteBuffer outgoing() {
    if (type != FrameType.CLOSE) {
      return payload;
    }
    if (!rewritten) {
      return wire;
    }
    return closePayload(status, payload);
  }

  static ByteBuffer closePayload(int status, ByteBuffer reason) {
    if (status == NO_STATUS) {
      return ByteBuffer.allocate(0);
    }
    ByteBuffer out = ByteBuffer.allocate(2 + reason.remaining());
    out.putShort((short) status);
    out.put(reason.duplicate());
    out.flip();
    return out;
  }

  static ByteBuffer closePayload(int status, String reason) {
    return closePayload(
        status,
        ByteBuffer.wrap(reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8)));
  }

  String reasonText() {
    return decode(payload);
  }

  @Override
  public FrameType type() {
    return type;
  }

  @Override
  public int length() {
    return payload.remaining();
  }

  @Override
  public ByteBuffer payloadBuffer() {
    ByteBuffer view = readOnly;
    if (view == null) {
      view = payload.slice().asReadOnlyBuffer();
      readOnly = view;
    }
    return view.duplicate();
  }

  @Override
  public byte[] payload() {
    byte[] copy = new byte[payload.remaining()];
    payload.get(payload.position(), copy);
    return copy;
  }

  @Override
  public String text() {
    return decode(payload);
  }

  static String decode(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      return new String(
          buffer.array(),
          buffer.arrayOffset() + buffer.position(),
          buffer.remaining(),
          StandardCharsets.UTF_8);
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.get(buffer.position(), copy);
    return new String(copy, StandardCharsets.UTF_8);
  }

  @Override
  public OptionalInt status() {
    return status == NO_STATUS ? OptionalInt.empty() : OptionalInt.of(status);
  }

  @Override
  public String toString() {
    return type.kongName() + " frame, " + length() + " bytes"
        + (status == NO_STATUS ? "" : ", status " + status);
  }
}
