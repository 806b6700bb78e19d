package dev.framegate.runtime.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  private final Random random = new Random(6455);

  @Test
  @DisplayName("masking eight bytes at a time equals masking byte by byte, for every length and offset")
  void maskMatchesTheByteByByteDefinition() {
    for (int length = 0; length <= 80; length++) {
      for (int offset = 0; offset < 11; offset++) {
        byte[] bytes = new byte[offset + length + 5];
        random.nextBytes(bytes);
        int key = random.nextInt();
        byte[] expected = bytes.clone();
        for (int i = 0; i < length; i++) {
          expected[offset + i] ^= keyByte(key, i & 3);
        }
        FrameCodec.mask(bytes, offset, length, key);
        assertThat(bytes).as("length %d offset %d", length, offset).isEqualTo(expected);
      }
    }
  }

  @Test
  @DisplayName("a masked frame carries its key after the length and unmasks to the payload")
  void maskedFramesUnmaskWithTheirKey() {
    for (int length : new int[] {0, 1, 7, 8, 9, 125, 126, 127, 65535, 65536, 70001}) {
      byte[] payload = new byte[length];
      random.nextBytes(payload);
      ByteBuffer source = ByteBuffer.wrap(payload);
      source.position(0);
      ByteBuffer frame = FrameCodec.encode(0x2, source, true);
      int lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
      assertThat(frame.get(0)).isEqualTo((byte) 0x82);
      assertThat(frame.get(1) & 0x80).isEqualTo(0x80);
      assertThat(frame.remaining()).isEqualTo(2 + lengthBytes + 4 + length);
      int keyAt = 2 + lengthBytes;
      byte[] unmasked = new byte[length];
      for (int i = 0; i < length; i++) {
        unmasked[i] = (byte) (frame.get(keyAt + 4 + i) ^ frame.get(keyAt + (i & 3)));
      }
      assertThat(unmasked).as("length %d", length).isEqualTo(payload);
      assertThat(source.position()).isZero();
    }
  }

  @Test
  @DisplayName("an unmasked frame copies the payload from its position, from heap and direct buffers")
  void unmaskedFramesCopyThePayload() {
    byte[] payload = new byte[300];
    random.nextBytes(payload);
    ByteBuffer direct = ByteBuffer.allocateDirect(300).put(payload).flip();
    direct.position(17);
    for (ByteBuffer source : new ByteBuffer[] {ByteBuffer.wrap(payload, 17, 283), direct}) {
      ByteBuffer frame = FrameCodec.encode(0x1, source, false);
      assertThat(frame.get(0)).isEqualTo((byte) 0x81);
      assertThat(frame.get(1)).isEqualTo((byte) 126);
      assertThat(frame.getShort(2)).isEqualTo((short) 283);
      byte[] body = new byte[283];
      frame.get(4, body);
      assertThat(body).isEqualTo(Arrays.copyOfRange(payload, 17, 300));
      assertThat(source.position()).isEqualTo(17);
    }
  }

  private static byte keyByte(int key, int index) {
    return (byte) (key >>> (24 - 8 * index));
  }
}
