package dev.framegate.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.engine.EngineSettings;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import dev.framegate.runtime.internal.tyrus.Wire;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Limits hold at the frame header, from raw sockets: a frame is refused before one byte of its
 * payload is sent, and the sender's close reply still completes the close handshake.
 */
class HeaderLimitsTest {

  private final FaultRig rig = new FaultRig();
  private final FaultRig.CloseRecorder recorder = new FaultRig.CloseRecorder();
  private RawUpstream upstream;
  private Gateway gateway;

  @BeforeEach
  void start() throws Exception {
    upstream = rig.upstream(RawUpstream.Mode.RECORD);
    gateway = rig.gateway(FaultRig.route("/echo", upstream.uri("/"), recorder.chain(), EngineSettings.DEFAULTS));
  }

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  /** A masked binary frame header announcing any 64-bit length, and no payload. */
  static byte[] header(long length) {
    return ByteBuffer.allocate(14).put((byte) 0x82).put((byte) (0x80 | 127)).putLong(length).putInt(0x11223344).array();
  }

  @Test
  @DisplayName("C5 a 64-bit length with its top bit set: 1002 at once, the upstream 1001, and the client's close reply completes the handshake")
  void topBitLengthIsAProtocolError() throws Exception {
    RawClient client = rig.client(gateway, "/echo");
    RawUpstream.Peer peer = upstream.nextPeer();
    OutputStream out = client.output();
    out.write(header(0x8000_0000_0000_0010L));
    out.flush();
    Wire.RawFrame close = client.read();
    assertThat(close.opcode()).isEqualTo(8);
    assertThat(close.closeCode()).isEqualTo(1002);
    assertThat(upstream.nextClose().closeCode()).isEqualTo(1001);
    peer.send(true, 8, Wire.closePayload(1001, ""));
    // Bytes that follow are not read as payload: the client's close reply is still recognised.
    out.write(new byte[1000]);
    client.sendClose(1002, "");
    assertThat(client.closedByPeer()).as("the gateway closes the TCP connection after the handshake").isTrue();
    assertThat(recorder.next().cause()).isEqualTo(CloseCause.PROTOCOL_ERROR);
  }

  @Test
  @DisplayName("A3 a 2 MiB header on a 1 MiB route: 1009 before any payload byte is sent; skipping the payload then finds the close reply")
  void oversizedHeaderRefusedBeforeThePayload() throws Exception {
    RawClient client = rig.client(gateway, "/echo");
    RawUpstream.Peer peer = upstream.nextPeer();
    OutputStream out = client.output();
    long sent = System.nanoTime();
    out.write(header(2 << 20));
    out.flush();
    Wire.RawFrame close = client.read();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
    assertThat(close.closeCode()).isEqualTo(1009);
    assertThat(close.closeReason()).isEqualTo("Payload Too Large");
    assertThat(millis).as("ms from the header to the 1009, with no payload sent").isLessThan(5000);
    assertThat(upstream.nextClose().closeCode()).isEqualTo(1001);
    peer.send(true, 8, Wire.closePayload(1001, ""));
    // Nothing of the refused frame is held (what is counted now are only frames being written).
    FaultRig.eventually("nothing held", () -> gateway.inFlightBytes() == 0);
    // The client sends the payload it announced after all, then its close reply.
    out.write(new byte[2 << 20]);
    client.sendClose(1009, "");
    assertThat(client.closedByPeer()).isTrue();
    assertThat(recorder.next().cause()).isEqualTo(CloseCause.LIMIT_EXCEEDED);
    FaultRig.allConnectionsFinished(gateway);
  }

  @Test
  @DisplayName("A3 a frame being read and a message being reassembled are counted in flight, and nothing is held once they are through")
  void partialFramesAndMessagesAreCounted() throws Exception {
    RawClient client = rig.client(gateway, "/echo");
    upstream.nextPeer();
    OutputStream out = client.output();
    // A masked header announcing 512 KiB (key 0: the payload goes as it is), then 100 KiB of it.
    out.write(ByteBuffer.allocate(14).put((byte) 0x82).put((byte) (0x80 | 127)).putLong(512 << 10).putInt(0).array());
    out.write(new byte[100 << 10]);
    out.flush();
    FaultRig.eventually("the partly read frame is counted", () -> gateway.inFlightBytes() >= 100 << 10);
    assertThat(gateway.inFlightBytes()).as("grown with the bytes that came, not the 512 KiB announced")
        .isLessThan(256 << 10);
    out.write(new byte[412 << 10]);
    out.flush();
    assertThat(upstream.nextFrame().payload()).hasSize(512 << 10);
    // A fragmented message: its first fragment is held by the engine until the last one arrives.
    client.send(false, 0, 2, new byte[300 << 10]);
    FaultRig.eventually("the unfinished message is counted", () -> gateway.inFlightBytes() >= 300 << 10);
    client.send(true, 0, 0, new byte[10]);
    assertThat(upstream.nextFrame().payload()).hasSize((300 << 10) + 10);
    FaultRig.eventually("nothing is held once the message went", () -> gateway.inFlightBytes() == 0);
  }

  @Test
  @DisplayName("C1 the close reply to a protocol close completes the handshake at once, long before the close linger")
  void closeReplyAfterAProtocolCloseCompletesTheHandshake() throws Exception {
    RawClient client = rig.client(gateway, "/echo");
    upstream.nextPeer();
    client.send(true, 4, 1, "rsv".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(client.read().closeCode()).isEqualTo(1002);
    long replied = System.nanoTime();
    client.sendClose(1002, "");
    assertThat(client.closedByPeer()).isTrue();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - replied))
        .as("ms from the close reply to the TCP close (the linger is 30 s)").isLessThan(5000);
  }
}
