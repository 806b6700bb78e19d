package dev.framegate.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseInfo;
import dev.framegate.engine.EngineSettings;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import dev.framegate.runtime.internal.tyrus.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Messages over the limits (rules A2, A3): the sender gets 1009, the other side 1001, plugins never see them. */
class OversizedMessageTest {

  private static final int UPSTREAM_LIMIT = 256 << 10;

  private final FaultRig rig = new FaultRig();
  private final FaultRig.CloseRecorder recorder = new FaultRig.CloseRecorder();
  private RawUpstream upstream;
  private Gateway gateway;

  @BeforeEach
  void start() throws Exception {
    upstream = rig.upstream(RawUpstream.Mode.RECORD);
    EngineSettings settings = EngineSettings.DEFAULTS.withMaxPayload(EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD, UPSTREAM_LIMIT);
    gateway = rig.gateway(FaultRig.route("/echo", upstream.uri("/"), recorder.chain(), settings));
  }

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  private void assertEndedByLimit(CloseInfo info, int clientCode, int upstreamCode) {
    assertThat(info.cause()).isEqualTo(CloseCause.LIMIT_EXCEEDED);
    assertThat(info.clientStatus()).hasValue(clientCode);
    assertThat(info.upstreamStatus()).hasValue(upstreamCode);
  }

  @Test
  @DisplayName("A3 a client message of 1 MiB + 1 byte in one frame: client 1009, upstream 1001, nothing forwarded")
  void clientFrameOverLimit() throws Exception {
    RawClient client = rig.client(gateway, "/echo");
    RawUpstream.Peer peer = upstream.nextPeer();
    client.send(2, new byte[EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD + 1]);

    Wire.RawFrame close = client.readUntilClose();
    assertThat(close.closeCode()).isEqualTo(1009);
    assertThat(close.closeReason()).isEqualTo("Payload Too Large");
    Wire.RawFrame atUpstream = upstream.nextFrame();
    assertThat(atUpstream.opcode()).as("the first frame the upstream sees is the close").isEqualTo(8);
    assertThat(atUpstream.closeCode()).isEqualTo(1001);
    client.sendClose(1009, "");
    peer.send(true, 8, Wire.closePayload(1001, ""));
    assertEndedByLimit(recorder.next(), 1009, 1001);
    FaultRig.allConnectionsFinished(gateway);
  }

  @Test
  @DisplayName("A2 A3 a client message of exactly 1 MiB passes; one over it in fragments is stopped as fragments accumulate")
  void fragmentedClientMessageOverLimit() throws Exception {
    RawClient client = rig.client(gateway, "/echo");
    upstream.nextPeer();
    client.send(2, new byte[EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD]);
    assertThat(upstream.nextFrame().payload()).hasSize(EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD);

    int fragment = 256 << 10;
    client.send(false, 0, 2, new byte[fragment]);
    for (int i = 0; i < 3; i++) {
      client.send(false, 0, 0, new byte[fragment]);
    }
    client.send(true, 0, 0, new byte[1]);
    assertThat(client.readUntilClose().closeCode()).isEqualTo(1009);
    assertThat(upstream.nextFrame().closeCode()).isEqualTo(1001);
  }

  @Test
  @DisplayName("A3 an upstream message over the route's limit: upstream 1009, client 1001, the client never sees it")
  void upstreamMessageOverLimit() throws Exception {
    RawClient client = rig.client(gateway, "/echo");
    RawUpstream.Peer peer = upstream.nextPeer();
    peer.send(true, 2, new byte[UPSTREAM_LIMIT]);
    assertThat(client.read().payload()).hasSize(UPSTREAM_LIMIT);
    peer.send(true, 2, new byte[UPSTREAM_LIMIT + 1]);

    Wire.RawFrame atClient = client.read();
    assertThat(atClient.opcode()).as("the next frame the client sees is the close").isEqualTo(8);
    assertThat(atClient.closeCode()).isEqualTo(1001);
    Wire.RawFrame atUpstream = upstream.nextClose();
    assertThat(atUpstream.closeCode()).isEqualTo(1009);
    client.sendClose(1001, "");
    peer.send(true, 8, Wire.closePayload(1009, ""));
    assertEndedByLimit(recorder.next(), 1001, 1009);
  }

  @Test
  @DisplayName("A3 an oversized message on one connection leaves the others open")
  void otherConnectionsUnaffected() throws Exception {
    RawClient bystander = rig.client(gateway, "/echo");
    RawUpstream.Peer bystanderPeer = upstream.nextPeer();
    RawClient offender = rig.client(gateway, "/echo");
    upstream.nextPeer();
    offender.send(2, new byte[EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD + 1]);
    assertThat(offender.readUntilClose().closeCode()).isEqualTo(1009);

    bystanderPeer.send(true, 1, "still here".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(bystander.read().text()).isEqualTo("still here");
  }
}
