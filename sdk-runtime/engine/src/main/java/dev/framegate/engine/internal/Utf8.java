package dev.framegate.engine.internal;

import java.nio.ByteBuffer;

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
    int needed = state >>> 16;
    int lo = (state >>> 8) & 0xFF;
    int hi = state & 0xFF;
    while (i < end) {
      if (needed == 0) {
        while (i + 8 <= end && (buffer.getLong(i) & HIGH_BITS) == 0) {
          i += 8;
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
}
