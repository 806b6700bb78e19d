package dev.framegate.engine.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), whole or
 * incremental across fragments. ASCII runs are skipped eight bytes at a time.
 */
public final class Utf8 {

  /** The state between complete characters. */
  public static final int COMPLETE = 0;

  /** The state after an invalid byte. */
  public static final int INVALID = -1;

  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private Utf8() {}

  /**
   * Whether the buffer's remaining bytes are complete, valid UTF-8. The buffer is not changed.
   *
   * @param buffer the bytes
   * @return {@code true} if valid
   */
  public static boolean isValid(ByteBuffer buffer) {
    return scan(COMPLETE, buffer) == COMPLETE;
  }

  /**
   * Whether an array is complete, valid UTF-8.
   *
   * @param bytes the bytes
   * @return {@code true} if valid
   */
  public static boolean isValid(byte[] bytes) {
    return isValid(ByteBuffer.wrap(bytes));
  }

  /**
   * Continues validation over the buffer's remaining bytes. The buffer is not changed.
   *
   * @param state {@link #COMPLETE} at the start of a message, else the result of the previous call
   * @param buffer the next bytes
   * @return {@link #COMPLETE} if the bytes so far end on a character boundary, {@link #INVALID} if
   *     they are invalid, or a positive state for a character cut between fragments
   */
  public static int scan(int state, ByteBuffer buffer) {
    if (state == INVALID) {
      return INVALID;
    }
    int i = buffer.position();
    int end = buffer.limit();
    // Most text is mostly ASCII: between characters, runs of it are skipped a word at a time,
    // straight on the array when there is one.
    byte[] array = buffer.hasArray() ? buffer.array() : null;
    int base = array == null ? 0 : buffer.arrayOffset();
    int needed = state >>> 16;
    int lo = (state >>> 8) & 0xFF;
    int hi = state & 0xFF;
    while (i < end) {
      if (needed == 0) {
        if (array != null) {
          i = asciiRun(array, base + i, base + end) - base;
        } else {
          while (i + 8 <= end && (buffer.getLong(i) & HIGH_BITS) == 0) {
            i += 8;
          }
        }
        if (i >= end) {
          break;
        }
        int b = buffer.get(i++) & 0xFF;
        if (b < 0x80) {
          continue;
        }
        lo = 0x80;
        hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
          needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
          needed = 2;
          if (b == 0xE0) {
            lo = 0xA0;
          } else if (b == 0xED) {
            hi = 0x9F;
          }
        } else if (b >= 0xF0 && b <= 0xF4) {
          needed = 3;
          if (b == 0xF0) {
            lo = 0x90;
          } else if (b == 0xF4) {
            hi = 0x8F;
          }
        } else {
          return INVALID;
        }
      } else {
        int b = buffer.get(i++) & 0xFF;
        if (b < lo || b > hi) {
          return INVALID;
        }
        needed--;
        lo = 0x80;
        hi = 0xBF;
      }
    }
    return needed == 0 ? COMPLETE : (needed << 16) | (lo << 8) | hi;
  }

  /**
   * The index of the first byte at or after {@code from} (below {@code end}) whose high bit is set,
   * or {@code end}: eight bytes per read, four reads per step, then a byte tail.
   */
  static int asciiRun(byte[] bytes, int from, int end) {
    int i = from;
    while (i + 32 <= end) {
      long any = (long) LONGS.get(bytes, i) | (long) LONGS.get(bytes, i + 8)
          | (long) LONGS.get(bytes, i + 16) | (long) LONGS.get(bytes, i + 24);
      if ((any & HIGH_BITS) != 0) {
        break;
      }
      i += 32;
    }
    while (i + 8 <= end && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
      i += 8;
    }
    while (i < end && bytes[i] >= 0) {
      i++;
    }
    return i;
  }
}
