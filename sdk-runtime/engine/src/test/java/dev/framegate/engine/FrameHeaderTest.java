package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.engine.Plugins.Alpha;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrameHeaderTest {

  private static final EngineSettings TEN_BYTES = EngineSettings.DEFAULTS.withMaxPayload(10, 10);
  private static final EngineSettings TEN_BYTES_THREE_FRAGMENTS =
      new EngineSettings(10, 10, 3, 0, Duration.ofSeconds(5), Duration.ofSeconds(5),
          Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, false);

  @Test
  @DisplayName("A3 a header announcing more than the sender's limit: 1009 Payload Too Large to it, 1001 to the other side, before any payload")
  void overLimitAtHeader() {
    List<String> trace = Plugins.trace();
    Rig rig = Rig.of(TEN_BYTES, new Alpha(trace)).open();
    assertThat(rig.connection.frameHeader(Side.CLIENT, true, 0, 2, true, Long.MAX_VALUE)).isFalse();
    Rig.Sent toClient = rig.transport.closeTo(Side.CLIENT);
    assertThat(toClient.closeCode()).isEqualTo(1009);
    assertThat(toClient.closeReason()).isEqualTo("Payload Too Large");
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1001);
    assertThat(trace).doesNotContain("alpha:client");
    // Only the sender's close answer is read from now on; it completes the close handshake.
    assertThat(rig.connection.frameHeader(Side.CLIENT, true, 0, 1, true, 3)).isFalse();
    assertThat(rig.connection.frameHeader(Side.CLIENT, true, 0, 8, true, 2)).isTrue();
    rig.close(Side.CLIENT, 1009, "");
    assertThat(rig.transport.disconnected(Side.CLIENT)).isTrue();
    rig.close(Side.UPSTREAM, 1001, "");
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.LIMIT_EXCEEDED);
  }

  @Test
  @DisplayName("A3 a header that takes a fragmented message over the limit is refused; the limit is the sender's")
  void continuationOverLimitAtHeader() {
    Rig rig = Rig.of(EngineSettings.DEFAULTS.withMaxPayload(10, 100)).open();
    assertThat(rig.connection.frameHeader(Side.UPSTREAM, false, 0, 1, false, 60)).isTrue();
    rig.raw(Side.UPSTREAM, false, 1, new byte[60]);
    assertThat(rig.connection.frameHeader(Side.UPSTREAM, true, 0, 0, false, 40)).isTrue();
    assertThat(rig.connection.frameHeader(Side.UPSTREAM, true, 0, 0, false, 41)).isFalse();
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1009);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1001);
  }

  @Test
  @DisplayName("C5 a header whose 64-bit length has its top bit set: 1002 to the sender at once, 1001 to the other side")
  void topBitLength() {
    Rig rig = Rig.of().open();
    assertThat(rig.connection.frameHeader(Side.CLIENT, true, 0, 2, true, Long.MIN_VALUE)).isFalse();
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1002);
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1001);
    assertThat(rig.connection.frameHeader(Side.CLIENT, true, 0, 8, true, 2)).isTrue();
    rig.close(Side.CLIENT, 1002, "");
    rig.close(Side.UPSTREAM, 1001, "");
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.PROTOCOL_ERROR);
    assertThat(rig.closeInfo().detail()).contains("most significant bit");
  }

  @Test
  @DisplayName("C5 a control frame header over 125 bytes: 1002 at the header")
  void controlOverLimitAtHeader() {
    Rig rig = Rig.of().open();
    assertThat(rig.connection.frameHeader(Side.UPSTREAM, true, 0, 9, false, 126)).isFalse();
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1002);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1001);
  }

  @Test
  @DisplayName("a negative length after the side's close only ends its close handshake, once")
  void headerAfterClose() {
    Rig rig = Rig.of().open();
    rig.close(Side.CLIENT, 1000, "");
    assertThat(rig.connection.frameHeader(Side.CLIENT, true, 0, 2, true, -1)).isFalse();
    assertThat(rig.transport.closeTo(Side.CLIENT)).isNull();
    // The upstream, closed by the forwarded close, may still send data before it answers.
    assertThat(rig.connection.frameHeader(Side.UPSTREAM, true, 0, 2, false, 5)).isTrue();
  }

  @Test
  @DisplayName("P3 a refused header handed in from inside the side's own processing is judged after the frame in progress")
  void reentrantRefusedHeader() {
    List<Boolean> answers = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    Connection[] self = new Connection[1];
    alpha.onClient(ws -> answers.add(self[0].frameHeader(Side.CLIENT, true, 0, 2, true, -5)));
    Rig rig = Rig.of(alpha).open();
    self[0] = rig.connection;
    rig.text(Side.CLIENT, "first");
    assertThat(answers).containsExactly(false);
    assertThat(rig.transport.texts(Side.UPSTREAM)).containsExactly("first");
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1002);
  }

  /**
   * Every header-visible rule gives the same answer at the header as {@link Connection#frame} gives
   * to the whole frame: the same close codes and reasons to both sides, the same cause.
   */
  @Test
  @DisplayName("frameHeader answers every header-visible rule as frame(...) does, in the same order")
  void headerAgreesWithFrame() {
    int[] lengths = {0, 1, 2, 5, 10, 11, 125, 126};
    int compared = 0;
    for (int before = 0; before < 3; before++) {
      for (boolean fin : new boolean[] {true, false}) {
        for (int rsv : new int[] {0, 4}) {
          for (int opcode = 0; opcode < 16; opcode++) {
            for (boolean masked : new boolean[] {true, false}) {
              for (int length : lengths) {
                for (Side from : Side.values()) {
                  String viaHeader = outcome(before, from, fin, rsv, opcode, masked, length, true);
                  String viaFrame = outcome(before, from, fin, rsv, opcode, masked, length, false);
                  assertThat(viaHeader)
                      .as("before=%d from=%s fin=%s rsv=%d opcode=%d masked=%s length=%d",
                          before, from, fin, rsv, opcode, masked, length)
                      .isEqualTo(viaFrame);
                  compared++;
                }
              }
            }
          }
        }
      }
    }
    assertThat(compared).isEqualTo(3 * 2 * 2 * 16 * 2 * lengths.length * 2);
  }

  /**
   * The closes sent and the cause after one frame, on a connection in one of three states: fresh,
   * inside a fragmented message of 6 bytes, or after the other side's close was forwarded.
   */
  private static String outcome(
      int before, Side from, boolean fin, int rsv, int opcode, boolean masked, int length, boolean header) {
    Rig rig = Rig.of(TEN_BYTES_THREE_FRAGMENTS).open();
    boolean wire = from == Side.CLIENT;
    if (before == 1) {
      rig.connection.frame(from, false, 0, 2, wire, ByteBuffer.allocate(3));
      rig.connection.frame(from, false, 0, 0, wire, ByteBuffer.allocate(3));
    } else if (before == 2) {
      rig.close(from.other(), 1000, "");
    }
    byte[] payload = new byte[length];
    if (opcode == 8 && length >= 2) {
      payload[0] = 0x03; // 1000
      payload[1] = (byte) 0xE8;
    }
    boolean admitted = !header || rig.connection.frameHeader(from, fin, rsv, opcode, masked, length);
    if (admitted) {
      rig.connection.frame(from, fin, rsv, opcode, masked, ByteBuffer.wrap(payload));
    }
    Rig.Sent toSender = rig.transport.closeTo(from);
    Rig.Sent toOther = rig.transport.closeTo(from.other());
    return "sender " + (toSender == null ? "-" : toSender.closeCode() + " " + toSender.closeReason())
        + ", other " + (toOther == null ? "-" : toOther.closeCode() + " " + toOther.closeReason())
        + ", disconnected " + rig.transport.disconnected(from);
  }
}
