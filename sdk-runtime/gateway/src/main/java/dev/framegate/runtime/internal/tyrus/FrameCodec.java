package dev.framegate.runtime.internal.tyrus;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes whole, unfragmented RFC 6455 frames. Byte conversion only: which frames may be written is
 * the engine's business.
 */
final class FrameCodec {

  private FrameCodec() {}

  /**
   * Encodes one frame with FIN set.
   *
   * @param opcode the opcode
   * @param payload the payload; read from its position, not modified
   * @param masked whether to mask it (frames a client writes, RFC 6455 section 5.3)
   * @return the frame, ready to write
   */
  static ByteBuffer encode(int opcode, ByteBuffer payload, boolean masked) {
    int length = payload.remaining();
    int header = 2 + (length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8) + (masked ? 4 : 0);
    ByteBuffer out = ByteBuffer.allocate(header + length);
    out.put((byte) (0x80 | (opcode & 0x0F)));
    int maskBit = masked ? 0x80 : 0;
    if (length <= 125) {
      out.put((byte) (maskBit | length));
    } else if (length <= 0xFFFF) {
      out.put((byte) (maskBit | 126));
      out.putShort((short) length);
    } else {
      out.put((byte) (maskBit | 127));
      out.putLong(length);
    }
    int start = payload.position();
    if (masked) {
      byte[] key = new byte[4];
      ThreadLocalRandom.current().nextBytes(key);
      out.put(key);
      for (int i = 0; i < length; i++) {
        out.put((byte) (payload.get(start + i) ^ key[i & 3]));
      }
    } else {
      out.put(payload.duplicate());
    }
    out.flip();
    return out;
  }
}
