package dev.framegate.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseInfo;
import dev.framegate.engine.EngineSettings;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A side disappears without a close frame, in the middle of a message (rule C2). */
class VanishingPeerTest {

  private final FaultRig rig = new FaultRig();
  private final FaultRig.CloseRecorder recorder = new FaultRig.CloseRecorder();
  private RawUpstream upstream;
  private Gateway gateway;

  @BeforeEach
  void start() throws Exception {
    upstream = rig.upstream(RawUpstream.Mode.ECHO);
    gateway = rig.gateway(FaultRig.route("/echo", upstream.uri("/"), recorder.chain(), EngineSettings.DEFAULTS));
  }

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  @Test
  @DisplayName("C2 the client vanishes mid-message: the upstream gets 1001, the close phase runs with CLIENT_GONE")
  void clientVanishesMidMessage() throws Exception {
    RawClient client = rig.client(gateway, "/echo");
    upstream.nextPeer();
    client.send(false, 0, 2, new byte[4096]);
    client.send(false, 0, 0, new byte[4096]);
    client.abort();

    assertThat(upstream.nextClose().closeCode()).isEqualTo(1001);
    CloseInfo info = recorder.next();
    assertThat(info.cause()).isEqualTo(CloseCause.CLIENT_GONE);
    assertThat(info.upstreamStatus()).hasValue(1001);
    assertThat(info.clientStatus()).isEmpty();
    FaultRig.allConnectionsFinished(gateway);
    assertThat(upstream.frames).as("the half message was never forwarded").noneMatch(f -> f.opcode() == 2 || f.opcode() == 0);
  }

  @Test
  @DisplayName("C2 the upstream vanishes mid-message: the client gets 1001, the close phase runs with UPSTREAM_GONE once it answers")
  void upstreamVanishesMidMessage() throws Exception {
    RawClient client = rig.client(gateway, "/echo");
    RawUpstream.Peer peer = upstream.nextPeer();
    peer.send(false, 1, "half a mess".getBytes(StandardCharsets.UTF_8));
    peer.abort();

    var close = client.readUntilClose();
    assertThat(close.closeCode()).isEqualTo(1001);
    client.sendClose(1001, "");
    assertThat(client.closedByPeer()).as("disconnected after the close handshake").isTrue();
    CloseInfo info = recorder.next();
    assertThat(info.cause()).isEqualTo(CloseCause.UPSTREAM_GONE);
    assertThat(info.clientStatus()).hasValue(1001);
    FaultRig.allConnectionsFinished(gateway);
  }

  @Test
  @DisplayName("C2 the client vanishes without answering the 1001 it was sent: the close linger ends the connection")
  void clientVanishesAfterUpstreamWent() throws Exception {
    Gateway quickLinger = rig.gateway(FaultRig.route("/echo", upstream.uri("/"), recorder.chain(),
        new EngineSettings(1 << 20, 16 << 20, 0, 0, Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofMillis(500), Duration.ZERO, Duration.ZERO, false)));
    RawClient client = rig.client(quickLinger, "/echo");
    RawUpstream.Peer peer = upstream.nextPeer();
    peer.abort();
    assertThat(client.readUntilClose().closeCode()).isEqualTo(1001);
    assertThat(recorder.next().cause()).isEqualTo(CloseCause.UPSTREAM_GONE);
    FaultRig.allConnectionsFinished(quickLinger);
    assertThat(client.closedByPeer()).isTrue();
  }

  @Test
  @DisplayName("C2 a client that vanishes during the upstream handshake: nothing stays open (noticed at the connect timeout at the latest)")
  void clientVanishesDuringHandshake() throws Exception {
    upstream.mode = RawUpstream.Mode.SILENT;
    java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.port());
    socket.getOutputStream().write(("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    upstream.nextRequest();
    socket.setSoLinger(true, 0);
    socket.close();

    // While the upgrade request waits for the upstream its socket is not read, so the departure
    // may only be noticed when the connect timeout ends the attempt (cause UPSTREAM_FAILED then).
    assertThat(recorder.next().cause()).isIn(CloseCause.CLIENT_GONE, CloseCause.UPSTREAM_FAILED);
    FaultRig.allConnectionsFinished(gateway);
  }
}
