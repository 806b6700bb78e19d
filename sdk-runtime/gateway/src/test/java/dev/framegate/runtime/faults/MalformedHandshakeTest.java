package dev.framegate.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.engine.EngineSettings;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad upgrade requests (rule H1): each is refused on its own, and the gateway keeps serving. */
class MalformedHandshakeTest {

  private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

  private final FaultRig rig = new FaultRig();
  private RawUpstream upstream;
  private Gateway gateway;
  private FaultRig.CloseRecorder recorder;

  @BeforeEach
  void start() throws Exception {
    upstream = rig.upstream(RawUpstream.Mode.ECHO);
    recorder = new FaultRig.CloseRecorder();
    gateway = rig.gateway(
        Gateway.builder(FaultRig.routes(FaultRig.route("/echo", upstream.uri("/"), recorder.chain(), EngineSettings.DEFAULTS)))
            .handshakeTimeout(Duration.ofSeconds(1)));
  }

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  private RawClient raw(String request) throws Exception {
    return rig.keep(RawClient.connect(gateway.port())).rawRequest(request);
  }

  @Test
  @DisplayName("H1 each malformed upgrade gets 400 with the reason, the upstream is never contacted, no connection stays open")
  void malformedUpgradesAre400() throws Exception {
    String[][] cases = {
      {"POST /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + KEY
          + "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n", "GET"},
      {"GET /echo HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n" + KEY + "Sec-WebSocket-Version: 13\r\n\r\n",
          "Upgrade"},
      {"GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n" + KEY + "Sec-WebSocket-Version: 13\r\n\r\n",
          "Connection"},
      {"GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n",
          "Sec-WebSocket-Key"},
      {"GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + KEY + KEY
          + "Sec-WebSocket-Version: 13\r\n\r\n", "exactly one"},
      {"GET /echo HTTP/1.0\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + KEY
          + "Sec-WebSocket-Version: 13\r\n\r\n", "HTTP/1.1"},
      {"GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + KEY + "\r\n", "13"},
    };
    for (String[] c : cases) {
      RawClient client = raw(c[0]);
      assertThat(client.response.status()).as(c[0]).isEqualTo(400);
      assertThat(client.response.body()).as(c[0]).contains(c[1]);
      assertThat(client.closedByPeer()).as("connection closed after the 400").isTrue();
    }
    assertThat(upstream.requests).isEmpty();
    assertThat(recorder.closes).as("no connection was opened, so no close phase").isEmpty();
    assertThat(gateway.openConnections()).isZero();
  }

  @Test
  @DisplayName("H1 any WebSocket version but 13 gets 426 Upgrade Required listing Sec-WebSocket-Version: 13 (RFC 6455 4.2.2)")
  void otherVersionsGet426() throws Exception {
    for (String version : new String[] {"8", "12", "14", "13, 8"}) {
      RawClient client = raw("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + KEY
          + "Sec-WebSocket-Version: " + version + "\r\n\r\n");
      assertThat(client.response.status()).as(version).isEqualTo(426);
      assertThat(client.response.header("Sec-WebSocket-Version")).as(version).isEqualTo("13");
      assertThat(client.response.body()).as(version).contains("only 13 is supported");
      assertThat(client.closedByPeer()).as("connection closed after the 426").isTrue();
    }
    assertThat(upstream.requests).isEmpty();
    assertThat(gateway.openConnections()).isZero();
  }

  @Test
  @DisplayName("H1 bytes that are not HTTP at all get a 400 or are disconnected at the handshake timeout, never upgraded")
  void garbageIsRefused() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {(byte) 0x81, (byte) 0x85, 1, 2, 3, 4, 'h', 'e', 'l', 'l', 'o', '\r', '\n', '\r', '\n'});
      out.flush();
      byte[] answer = socket.getInputStream().readNBytes(12);
      String head = new String(answer, StandardCharsets.ISO_8859_1);
      assertThat(head).satisfiesAnyOf(
          h -> assertThat(h).isEmpty(),
          h -> assertThat(h).startsWith("HTTP/1.1 4"));
    }
    assertThat(upstream.requests).isEmpty();
  }

  @Test
  @DisplayName("H1 a client that sends half an upgrade request and then nothing is disconnected at the handshake timeout")
  void halfARequestThenSilence() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: x\r\nUpgra".getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
    }
    assertThat(upstream.requests).isEmpty();
  }

  @Test
  @DisplayName("H1 a client that sends half an upgrade request and leaves costs nothing: no connection stays open")
  void halfARequestThenGone() throws Exception {
    for (int i = 0; i < 5; i++) {
      try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
        socket.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: x\r\nUpgra".getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
      }
    }
    RawClient healthy = rig.client(gateway, "/echo");
    assertThat(healthy.response.status()).isEqualTo(101);
    healthy.sendText("still serving");
    assertThat(healthy.read().text()).isEqualTo("still serving");
    assertThat(upstream.requests).hasSize(1);
    healthy.sendClose(1000, "");
    assertThat(healthy.readUntilClose().closeCode()).isEqualTo(1000);
    FaultRig.allConnectionsFinished(gateway);
  }

  @Test
  @DisplayName("H1 an unknown path gets 404 naming it, before any upstream is contacted")
  void unknownPath() throws Exception {
    RawClient client = rig.client(gateway, "/nowhere");
    assertThat(client.response.status()).isEqualTo(404);
    assertThat(client.response.body()).contains("/nowhere");
    assertThat(upstream.requests).isEmpty();
    assertThat(gateway.openConnections()).isZero();
  }
}
