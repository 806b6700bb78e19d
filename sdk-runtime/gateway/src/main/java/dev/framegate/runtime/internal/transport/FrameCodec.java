package dev.framegate.runtime.internal.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes whole, unfragmented RFC 6455 frames. Byte conversion only: which frames may be written is
 * the engine's business.
 */
final class FrameCodec {

  /** Reads and writes eight bytes of an array at any offset, most significant byte first. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

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
    int header = headerLength(length, masked);
    byte[] frame = new byte[header + length];
    ByteBuffer out = ByteBuffer.wrap(frame);
    int key = putHeader(out, opcode, length, masked);
    out.put(payload.duplicate());
    if (masked) {
      mask(frame, header, length, key);
    }
    out.flip();
    return out;
  }

  /**
   * Encodes the header of a frame with FIN set, its masking key included.
   *
   * @param opcode the opcode
   * @param length the payload length
   * @param masked whether the frame is masked; the key is the header's last four bytes
   * @return the header, ready to write
   */
  static ByteBuffer header(int opcode, int length, boolean masked) {
    ByteBuffer out = ByteBuffer.allocate(headerLength(length, masked));
    putHeader(out, opcode, length, masked);
    out.flip();
    return out;
  }

  private static int headerLength(int length, boolean masked) {
    return 2 + (length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8) + (masked ? 4 : 0);
  }

  private static int putHeader(ByteBuffer out, int opcode, int length, boolean masked) {
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
    int key = 0;
    if (masked) {
      key = ThreadLocalRandom.current().nextInt();
      out.putInt(key);
    }
    return key;
  }

  /**
   * XORs {@code length} bytes of {@code bytes} from {@code offset} with the masking key, eight bytes
   * at a time, then the tail byte by byte. Byte {@code i} of the payload is XORed with byte {@code i
   * % 4} of the key, the key's bytes taken most significant first (as they are written on the wire).
   */
  static void mask(byte[] bytes, int offset, int length, int key) {
    long wideKey = ((key & 0xFFFFFFFFL) << 32) | (key & 0xFFFFFFFFL);
    int i = 0;
    for (int end = length - 7; i < end; i += 8) {
      long word = (long) LONGS.get(bytes, offset + i);
      LONGS.set(bytes, offset + i, word ^ wideKey);
    }
    for (; i < length; i++) {
      bytes[offset + i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
    }
  }
}
