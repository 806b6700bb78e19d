package dev.framegate.runtime.internal.tyrus;

import dev.framegate.engine.EngineSettings;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads RFC 6455 frames from the bytes of one connection, as they arrive in pieces. Byte conversion
 * only, like {@link FrameCodec}: every frame is handed over exactly as it came (FIN, RSV bits,
 * opcode, unmasked payload), fragmented pings and reserved opcodes included, because which frames
 * are allowed is the engine's business. Tyrus's own parser is not used: it would answer such frames
 * itself before the engine sees them.
 *
 * <p>A payload is kept up to {@link #KEPT_PAYLOAD} bytes, one byte over the largest message limit
 * there can be; the rest of a longer frame is skipped. The engine closes the sender of such a frame
 * anyway (1009, or 1002 for a control frame), whatever the bytes it did not get.
 */
final class FrameDecoder {

  /** The most payload bytes kept of one frame: one over the 32 MiB ceiling of every message limit. */
  static final int KEPT_PAYLOAD = EngineSettings.MAX_PAYLOAD_CEILING + 1;

  private static final int INITIAL_CAPACITY = 64 * 1024;

  /** Where decoded frames go. */
  @FunctionalInterface
  interface Output {
    void frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload);
  }

  private enum State { HEADER, PAYLOAD, SKIP }

  private final Output output;
  private final byte[] header = new byte[14];
  private int maskKey;
  private State state = State.HEADER;
  private int headerFill;
  private boolean masked;
  private byte[] payload;
  private int payloadLength;
  private int payloadFill;
  private long skip;

  FrameDecoder(Output output) {
    this.output = output;
  }

  /** Decodes what arrived; frames completed by it are handed over before this returns. */
  void decode(ByteBuffer data) {
    while (data.hasRemaining()) {
      switch (state) {
        case HEADER -> {
          header[headerFill++] = data.get();
          if (headerFill >= 2 && headerFill == headerLength()) {
            startPayload();
          }
        }
        case PAYLOAD -> {
          int n = Math.min(data.remaining(), payloadLength - payloadFill);
          if (payloadFill + n > payload.length) {
            // Grows with the bytes that actually arrived, not with the length a frame announces.
            long grown = Math.max(payloadFill + n, 2L * payload.length);
            payload = Arrays.copyOf(payload, (int) Math.min(payloadLength, grown));
          }
          data.get(payload, payloadFill, n);
          payloadFill += n;
          if (payloadFill == payloadLength) {
            finishPayload();
          }
        }
        case SKIP -> {
          int n = (int) Math.min(data.remaining(), skip);
          data.position(data.position() + n);
          skip -= n;
          if (skip == 0) {
            state = State.HEADER;
          }
        }
      }
    }
  }

  private int headerLength() {
    int lengthCode = header[1] & 0x7F;
    int extended = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
    return 2 + extended + ((header[1] & 0x80) != 0 ? 4 : 0);
  }

  private void startPayload() {
    int lengthCode = header[1] & 0x7F;
    int at = 2;
    long length;
    if (lengthCode == 126) {
      length = ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
      at = 4;
    } else if (lengthCode == 127) {
      length = 0;
      for (int i = 2; i < 10; i++) {
        length = (length << 8) | (header[i] & 0xFFL);
      }
      at = 10;
      if (length < 0) {
        length = Long.MAX_VALUE; // the most significant bit must be 0 (RFC 6455 5.2): longer than any limit
      }
    } else {
      length = lengthCode;
    }
    masked = (header[1] & 0x80) != 0;
    if (masked) {
      maskKey = ((header[at] & 0xFF) << 24) | ((header[at + 1] & 0xFF) << 16)
          | ((header[at + 2] & 0xFF) << 8) | (header[at + 3] & 0xFF);
    }
    int kept = (int) Math.min(length, KEPT_PAYLOAD);
    payload = new byte[Math.min(kept, INITIAL_CAPACITY)];
    payloadLength = kept;
    payloadFill = 0;
    skip = length - kept;
    headerFill = 0;
    state = State.PAYLOAD;
    if (kept == 0) {
      finishPayload();
    }
  }

  private void finishPayload() {
    if (masked) {
      FrameCodec.mask(payload, 0, payload.length, maskKey);
    }
    int b0 = header[0] & 0xFF;
    byte[] frame = payload;
    payload = null;
    state = skip > 0 ? State.SKIP : State.HEADER;
    output.frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0F, masked, frame);
  }
}
