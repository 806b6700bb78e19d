package dev.framegate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
}
