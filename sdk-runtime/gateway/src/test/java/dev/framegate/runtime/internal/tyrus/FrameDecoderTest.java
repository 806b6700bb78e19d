package dev.framegate.runtime.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

  private final List<Wire.RawFrame> frames = new ArrayList<>();
  private final FrameDecoder decoder = new FrameDecoder((fin, rsv, opcode, masked, payload) -> frames.add(new Wire.RawFrame(fin, rsv, opcode, payload)));

  private static byte[] encode(boolean fin, int rsv, int opcode, byte[] payload, boolean mask) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Wire.writeFrame(out, fin, rsv, opcode, payload, mask);
    return out.toByteArray();
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
    assertThat(frames).extracting(Wire.RawFrame::opcode).containsExactly(1, 9, 0, 2, 8);
    assertThat(frames.get(0).fin()).isFalse();
    assertThat(frames.get(0).text()).isEqualTo("hel");
    assertThat(frames.get(1).fin()).as("a fragmented ping is handed over as it came").isFalse();
    assertThat(frames.get(2).payload()).hasSize(300);
    assertThat(frames.get(3).payload()).hasSize(70_000);
    assertThat(frames.get(4).payload()).isEmpty();
  }

  @Test
  void reservedBitsOpcodesAndOversizedControlFramesAreHandedOverRaw() throws Exception {
    ByteBuffer data = ByteBuffer.wrap(concat(encode(true, 5, 3, new byte[] {1}, true), encode(true, 0, 9, new byte[126], true)));
    decoder.decode(data);
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).rsv()).isEqualTo(5);
    assertThat(frames.get(0).opcode()).isEqualTo(3);
    assertThat(frames.get(1).payload()).hasSize(126);
  }

  @Test
  void aFrameOverTheCeilingIsCutAndTheRestSkipped() throws Exception {
    int length = FrameDecoder.KEPT_PAYLOAD + 1000;
    byte[] big = encode(true, 0, 2, new byte[length], true);
    byte[] next = encode(true, 0, 8, Wire.closePayload(1000, ""), true);
    decoder.decode(ByteBuffer.wrap(concat(big, next)));
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).payload()).hasSize(FrameDecoder.KEPT_PAYLOAD);
    assertThat(frames.get(1).closeCode()).isEqualTo(1000);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
