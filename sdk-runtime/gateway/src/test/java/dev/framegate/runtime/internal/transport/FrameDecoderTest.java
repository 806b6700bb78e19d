package dev.framegate.runtime.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.runtime.internal.tyrus.Wire;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

  /** Records what the decoder hands over; admits the headers its policy admits. */
  private static final class Recorder implements FrameDecoder.Sink {
    final List<Wire.RawFrame> frames = new ArrayList<>();
    final List<Long> headers = new ArrayList<>();
    LongPredicate admit = length -> true;

    @Override
    public boolean header(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
      headers.add(payloadLength);
      return opcode == 8 || admit.test(payloadLength);
    }

    @Override
    public void frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
      frames.add(new Wire.RawFrame(fin, rsv, opcode, payload));
    }
  }

  private final Recorder sink = new Recorder();
  private final FrameDecoder decoder = new FrameDecoder(sink, true);

  private static byte[] encode(boolean fin, int rsv, int opcode, byte[] payload, boolean mask) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Wire.writeFrame(out, fin, rsv, opcode, payload, mask);
    return out.toByteArray();
  }

  /** A masked header announcing any 64-bit length, and no payload. */
  private static byte[] header(int opcode, long length) {
    return ByteBuffer.allocate(14).put((byte) (0x80 | opcode)).put((byte) (0x80 | 127)).putLong(length).putInt(0x01020304).array();
  }

  @Test
  void framesSplitAtEveryByteComeOutWhole() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.write(encode(false, 0, 1, "hel".getBytes(StandardCharsets.UTF_8), true));
    stream.write(encode(false, 0, 9, "ping".getBytes(StandardCharsets.UTF_8), true));
    stream.write(encode(true, 0, 0, new byte[300], true));
    stream.write(encode(true, 0, 2, new byte[70_000], false));
    stream.write(encode(true, 0, 8, new byte[0], true));
    for (byte b : stream.toByteArray()) {
      decoder.decode(ByteBuffer.wrap(new byte[] {b}));
    }
    assertThat(sink.frames).extracting(Wire.RawFrame::opcode).containsExactly(1, 9, 0, 2, 8);
    assertThat(sink.frames.get(0).fin()).isFalse();
    assertThat(sink.frames.get(0).text()).isEqualTo("hel");
    assertThat(sink.frames.get(1).fin()).as("a fragmented ping is handed over as it came").isFalse();
    assertThat(sink.frames.get(2).payload()).hasSize(300);
    assertThat(sink.frames.get(3).payload()).hasSize(70_000);
    assertThat(sink.frames.get(4).payload()).isEmpty();
    assertThat(sink.headers).containsExactly(3L, 4L, 300L, 70_000L, 0L);
  }

  @Test
  void reservedBitsOpcodesAndOversizedControlFramesAreHandedOverRaw() throws Exception {
    decoder.decode(ByteBuffer.wrap(concat(encode(true, 5, 3, new byte[] {1}, true), encode(true, 0, 9, new byte[126], true))));
    assertThat(sink.frames).hasSize(2);
    assertThat(sink.frames.get(0).rsv()).isEqualTo(5);
    assertThat(sink.frames.get(0).opcode()).isEqualTo(3);
    assertThat(sink.frames.get(1).payload()).hasSize(126);
  }

  @Test
  void theHeaderIsAdmittedBeforeAnyPayloadByteAndThePayloadBufferGrowsWithWhatArrives() throws Exception {
    byte[] frame = encode(true, 0, 2, new byte[1 << 20], true);
    decoder.decode(ByteBuffer.wrap(frame, 0, 14));
    assertThat(sink.headers).containsExactly((long) (1 << 20));
    assertThat(decoder.bufferedBytes()).as("nothing kept for an announced length").isZero();
    decoder.decode(ByteBuffer.wrap(frame, 14, 10));
    assertThat(decoder.bufferedBytes()).as("a buffer sized by the bytes that came").isLessThanOrEqualTo(16 * 1024);
    decoder.decode(ByteBuffer.wrap(frame, 24, frame.length - 24));
    assertThat(sink.frames).hasSize(1);
    assertThat(decoder.bufferedBytes()).isZero();
  }

  @Test
  void aTopBitLengthReachesTheEngineRawAndIsNeverBuffered() {
    sink.admit = length -> length >= 0 && length <= 1 << 20;
    decoder.decode(ByteBuffer.wrap(header(2, Long.MIN_VALUE + 5)));
    decoder.decode(ByteBuffer.wrap(new byte[100_000]));
    assertThat(sink.headers).containsExactly(Long.MIN_VALUE + 5);
    assertThat(sink.frames).isEmpty();
    assertThat(decoder.bufferedBytes()).isZero();
    assertThat(decoder.refused()).isTrue();
  }

  @Test
  void afterARefusalWithAKnownLengthThePayloadIsSkippedAndOnlyTheCloseFrameComesThrough() throws Exception {
    sink.admit = length -> length <= 1 << 20;
    byte[] stream = concat(
        encode(true, 0, 2, new byte[2 << 20], true),
        encode(true, 0, 1, "ignored".getBytes(StandardCharsets.UTF_8), true),
        encode(true, 0, 9, "ignored ping".getBytes(StandardCharsets.UTF_8), true),
        encode(true, 0, 8, Wire.closePayload(1009, ""), true));
    for (int at = 0; at < stream.length; at += 4096) {
      decoder.decode(ByteBuffer.wrap(stream, at, Math.min(4096, stream.length - at)));
      assertThat(decoder.bufferedBytes()).isZero();
    }
    assertThat(sink.frames).hasSize(1);
    assertThat(sink.frames.get(0).opcode()).isEqualTo(8);
    assertThat(sink.frames.get(0).closeCode()).isEqualTo(1009);
    assertThat(sink.headers).as("only the refused header and the close reach the engine").containsExactly((long) (2 << 20), 2L);
  }

  @Test
  void afterARefusalOfAnEndlessFrameTheBytesAreScannedForTheSendersCloseFrame() throws Exception {
    sink.admit = length -> length <= 1 << 20;
    Random random = new Random(42);
    byte[] junk = new byte[3 << 20];
    random.nextBytes(junk);
    for (int i = 0; i < junk.length; i++) {
      if (junk[i] == (byte) 0x88) {
        junk[i] = 0; // random close candidates are tested below; here the close frame is the only one
      }
    }
    byte[] stream = concat(header(2, Long.MAX_VALUE), junk,
        encode(true, 0, 8, Wire.closePayload(1000, "bye"), true),
        encode(true, 0, 1, "after".getBytes(StandardCharsets.UTF_8), true));
    for (int at = 0; at < stream.length; at += 1000) {
      decoder.decode(ByteBuffer.wrap(stream, at, Math.min(1000, stream.length - at)));
      assertThat(decoder.bufferedBytes()).isZero();
    }
    assertThat(sink.frames).hasSize(1);
    assertThat(sink.frames.get(0).closeCode()).isEqualTo(1000);
    assertThat(sink.frames.get(0).closeReason()).isEqualTo("bye");
  }

  @Test
  void theScanSkipsCandidatesThatAreNotAValidCloseOfTheSender() throws Exception {
    sink.admit = length -> false;
    byte[] unmaskedClose = encode(true, 0, 8, Wire.closePayload(1000, ""), false);
    byte[] badCode = encode(true, 0, 8, Wire.closePayload(1005, ""), true);
    byte[] oneByte = encode(true, 0, 8, new byte[] {3}, true);
    byte[] badUtf8 = encode(true, 0, 8, new byte[] {3, (byte) 0xE8, (byte) 0xC3, 0x28}, true);
    byte[] good = encode(true, 0, 8, Wire.closePayload(4001, "ok"), true);
    // A candidate that starts inside an earlier candidate's bytes is found too.
    byte[] stream = concat(header(2, Long.MAX_VALUE), unmaskedClose, badCode, oneByte, badUtf8,
        new byte[] {(byte) 0x88}, good);
    for (byte b : stream) {
      decoder.decode(ByteBuffer.wrap(new byte[] {b}));
    }
    assertThat(sink.frames).hasSize(1);
    assertThat(sink.frames.get(0).closeCode()).isEqualTo(4001);
  }

  @Test
  void closePayloadValidity() {
    assertThat(FrameDecoder.isValidClosePayload(new byte[0])).isTrue();
    assertThat(FrameDecoder.isValidClosePayload(Wire.closePayload(1000, "fine"))).isTrue();
    assertThat(FrameDecoder.isValidClosePayload(Wire.closePayload(4999, ""))).isTrue();
    assertThat(FrameDecoder.isValidClosePayload(new byte[] {3})).isFalse();
    assertThat(FrameDecoder.isValidClosePayload(Wire.closePayload(1005, ""))).isFalse();
    assertThat(FrameDecoder.isValidClosePayload(Wire.closePayload(999, ""))).isFalse();
    assertThat(FrameDecoder.isValidClosePayload(Wire.closePayload(5000, ""))).isFalse();
    assertThat(FrameDecoder.isValidClosePayload(new byte[] {3, (byte) 0xE8, (byte) 0xFF})).isFalse();
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuffer all = ByteBuffer.allocate(length);
    for (byte[] part : parts) {
      all.put(part);
    }
    return all.array();
  }
}
