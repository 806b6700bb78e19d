package dev.framegate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  @DisplayName("C5 valid UTF-8 passes, ASCII runs longer than eight bytes included")
  void valid() {
    assertThat(Utf8.isValid("plain ascii text longer than eight".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(Utf8.isValid("aaaaaaaaé€𝄞aaaaaaaaaaaa".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(Utf8.isValid(new byte[0])).isTrue();
  }

  @Test
  @DisplayName("C5 overlongs, surrogates, code points above U+10FFFF and truncated sequences are invalid")
  void invalid() {
    assertThat(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0xAF})).isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF})).isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80})).isFalse();
    assertThat(Utf8.isValid(new byte[] {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', (byte) 0xE2, (byte) 0x82})).isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0x80})).isFalse();
  }

  @Test
  @DisplayName("A1 incremental validation carries a character cut between fragments")
  void incremental() {
    byte[] clef = "𝄞".getBytes(StandardCharsets.UTF_8);
    int state = Utf8.scan(Utf8.COMPLETE, ByteBuffer.wrap(clef, 0, 1));
    assertThat(state).isPositive();
    state = Utf8.scan(state, ByteBuffer.wrap(clef, 1, 2));
    assertThat(state).isPositive();
    assertThat(Utf8.scan(state, ByteBuffer.wrap(clef, 3, 1))).isEqualTo(Utf8.COMPLETE);
    assertThat(Utf8.scan(state, ByteBuffer.wrap(new byte[] {'x'}))).isEqualTo(Utf8.INVALID);
  }

  @Test
  @DisplayName("C5 validation reads the buffer without moving it, and works on direct buffers")
  void buffers() {
    ByteBuffer direct = ByteBuffer.allocateDirect(20);
    direct.put("0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII)).flip();
    direct.position(3);
    assertThat(Utf8.isValid(direct)).isTrue();
    assertThat(direct.position()).isEqualTo(3);
  }

  @Test
  @DisplayName("C5 the eight-byte ASCII skip agrees with the JDK decoder at every length, offset and position")
  void agreesWithTheJdkDecoder() {
    Random random = new Random(3629);
    byte[][] inserts = {
      {(byte) 0xC3, (byte) 0xA9}, // valid two bytes
      {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, // valid three bytes
      {(byte) 0xF0, (byte) 0x9D, (byte) 0x84, (byte) 0x9E}, // valid four bytes
      {(byte) 0x80}, // lone continuation
      {(byte) 0xC0, (byte) 0xAF}, // overlong
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // surrogate
      {(byte) 0xE2, (byte) 0x82}, // truncated
      {(byte) 0xFF}
    };
    for (int length = 0; length <= 72; length++) {
      for (int offset = 0; offset < 9; offset++) {
        byte[] ascii = new byte[offset + length];
        for (int i = 0; i < ascii.length; i++) {
          ascii[i] = (byte) (0x20 + random.nextInt(0x5F));
        }
        assertSameVerdict(ascii, offset, length);
        for (int at = 0; at <= length; at++) {
          byte[] insert = inserts[random.nextInt(inserts.length)];
          byte[] mixed = new byte[ascii.length + insert.length];
          System.arraycopy(ascii, 0, mixed, 0, offset + at);
          System.arraycopy(insert, 0, mixed, offset + at, insert.length);
          System.arraycopy(ascii, offset + at, mixed, offset + at + insert.length, length - at);
          assertSameVerdict(mixed, offset, length + insert.length);
        }
      }
    }
  }

  private static void assertSameVerdict(byte[] bytes, int offset, int length) {
    boolean expected;
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length));
      expected = true;
    } catch (CharacterCodingException e) {
      expected = false;
    }
    assertThat(Utf8.isValid(ByteBuffer.wrap(bytes, offset, length)))
        .as("%s from %d, %d bytes", java.util.HexFormat.of().formatHex(bytes), offset, length)
        .isEqualTo(expected);
  }
}
