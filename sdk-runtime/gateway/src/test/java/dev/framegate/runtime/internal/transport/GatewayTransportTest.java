package dev.framegate.runtime.internal.transport;

import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import dev.framegate.runtime.internal.tyrus.TestCertificates;
import dev.framegate.runtime.internal.tyrus.Wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.harness.conformance.EventLog;
import dev.framegate.harness.conformance.RecordingPlugin;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The transport end to end: raw test peers on both sides of a real gateway. */
class GatewayTransportTest {

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  static RouteTable routes(Route... routes) {
    List<Route> all = List.of(routes);
    return new RouteTable() {
      @Override
      public Optional<Route> resolve(String path) {
        return all.stream().filter(r -> r.serves(path)).findFirst();
      }

      @Override
      public List<Route> routes() {
        return all;
      }
    };
  }

  static Route route(String path, URI upstream, PluginChain chain, EngineSettings settings) {
    return new Route(path.substring(1), path, upstream, chain, settings);
  }

  private RawUpstream upstream() throws Exception {
    return keep(new RawUpstream());
  }

  private Gateway gateway(Route... routes) throws Exception {
    return keep(Gateway.builder(routes(routes)).shutdownGrace(Duration.ofSeconds(2)).start());
  }

  private Gateway echoGateway(RawUpstream upstream) throws Exception {
    return gateway(route("/echo", upstream.uri("/up"), PluginChain.empty(), EngineSettings.DEFAULTS));
  }

  private RawClient client(Gateway gateway, String path, String... headers) throws Exception {
    return keep(RawClient.connect(gateway.port())).upgrade(path, headers);
  }

  @Test
  @DisplayName("H3 text echoes through the proxy; headers forwarded with X-Forwarded-*, upstream subprotocol reaches the client, no extension")
  void echoAndHandshakeHeaders() throws Exception {
    RawUpstream upstream = upstream();
    upstream.subprotocol = "chat.v2";
    Gateway gateway = echoGateway(upstream);
    RawClient client = client(gateway, "/echo?room=1", "X-Custom: yes", "Sec-WebSocket-Protocol: chat.v1, chat.v2",
        "Sec-WebSocket-Extensions: permessage-deflate");

    assertThat(client.response.status()).isEqualTo(101);
    assertThat(client.response.header("sec-websocket-protocol")).isEqualTo("chat.v2");
    assertThat(client.response.header("sec-websocket-extensions")).isNull();
    Wire.Head upstreamRequest = upstream.nextRequest();
    assertThat(upstreamRequest.startLine()).startsWith("GET /up?room=1 ");
    assertThat(upstreamRequest.header("x-custom")).isEqualTo("yes");
    assertThat(upstreamRequest.header("x-forwarded-for")).isEqualTo("127.0.0.1");
    assertThat(upstreamRequest.header("x-forwarded-proto")).isEqualTo("http");
    assertThat(upstreamRequest.header("x-forwarded-port")).isEqualTo(String.valueOf(gateway.port()));
    assertThat(upstreamRequest.header("sec-websocket-extensions")).isNull();
    assertThat(upstreamRequest.header("sec-websocket-protocol")).contains("chat.v1").contains("chat.v2");

    client.sendText("hello");
    Wire.RawFrame echoed = client.read();
    assertThat(echoed.opcode()).isEqualTo(1);
    assertThat(echoed.text()).isEqualTo("hello");
  }

  @Test
  @DisplayName("H3 the upstream receives no Origin the client did not send; one the client sent is passed on")
  void noInventedOrigin() throws Exception {
    RawUpstream upstream = upstream();
    Gateway gateway = echoGateway(upstream);
    assertThat(client(gateway, "/echo").response.status()).isEqualTo(101);
    assertThat(upstream.nextRequest().header("origin")).isNull();
    assertThat(client(gateway, "/echo", "Origin: https://app.example").response.status()).isEqualTo(101);
    assertThat(upstream.nextRequest().header("origin")).isEqualTo("https://app.example");
  }

  @Test
  @DisplayName("a frame in the same TCP write as the upgrade request is taken as the client's first frame")
  void frameWithTheUpgradeRequest() throws Exception {
    RawUpstream upstream = upstream();
    Gateway gateway = echoGateway(upstream);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.write(("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    Wire.writeFrame(bytes, true, 0, 1, "early".getBytes(StandardCharsets.UTF_8), true);
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(bytes.toByteArray());
      socket.getOutputStream().flush();
      assertThat(Wire.readHead(socket.getInputStream()).status()).isEqualTo(101);
      Wire.RawFrame echoed = Wire.readFrame(socket.getInputStream());
      assertThat(echoed.opcode()).isEqualTo(1);
      assertThat(echoed.text()).isEqualTo("early");
    }
  }

  @Test
  @DisplayName("a route serves the paths below its own: the rest of the path and the query reach the upstream URL")
  void pathsBelowTheRouteAndTheQueryReachTheUpstream() throws Exception {
    RawUpstream upstream = upstream();
    Gateway gateway = gateway(
        new Route("stripped", "/chat", upstream.uri("/ws?tenant=a"), PluginChain.empty(), EngineSettings.DEFAULTS),
        new Route("kept", "/feed", false, upstream.uri("/api"), PluginChain.empty(), EngineSettings.DEFAULTS));

    assertThat(client(gateway, "/chat/room/7?user=b").response.status()).isEqualTo(101);
    assertThat(upstream.nextRequest().startLine()).startsWith("GET /ws/room/7?tenant=a&user=b ");
    assertThat(client(gateway, "/feed/live").response.status()).isEqualTo(101);
    assertThat(upstream.nextRequest().startLine()).startsWith("GET /api/feed/live ");
    assertThat(keep(RawClient.connect(gateway.port())).upgrade("/chatroom").response.status()).isEqualTo(404);
  }

  @Test
  @DisplayName("C4 pings are forwarded to the upstream and its pongs come back; the proxy answers none itself")
  void pingsForwardedPongsBack() throws Exception {
    RawUpstream upstream = upstream();
    RawClient client = client(echoGateway(upstream), "/echo");

    client.send(9, "p1".getBytes(StandardCharsets.UTF_8));
    Wire.RawFrame ping = upstream.nextFrame();
    assertThat(ping.opcode()).isEqualTo(9);
    assertThat(ping.text()).isEqualTo("p1");
    Wire.RawFrame pong = client.read();
    assertThat(pong.opcode()).isEqualTo(0xA);
    assertThat(pong.text()).isEqualTo("p1");
  }

  @Test
  @DisplayName("C4 the gateway sends no pong of its own, the next frame the client sees is the upstream's")
  void noAutomaticPong() throws Exception {
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.RECORD;
    RawClient client = client(echoGateway(upstream), "/echo");
    RawUpstream.Peer peer = upstream.nextPeer();

    client.send(9, "p1".getBytes(StandardCharsets.UTF_8));
    assertThat(upstream.nextFrame().opcode()).isEqualTo(9);
    peer.send(true, 1, "marker".getBytes(StandardCharsets.UTF_8));

    Wire.RawFrame next = client.read();
    assertThat(next.opcode()).isEqualTo(1);
    assertThat(next.text()).isEqualTo("marker");
  }

  @Test
  @DisplayName("C1 close frames are not echoed by the transport: the client gets the upstream's own code")
  void noAutomaticCloseEcho() throws Exception {
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.RECORD;
    RawClient client = client(echoGateway(upstream), "/echo");
    RawUpstream.Peer peer = upstream.nextPeer();

    client.sendClose(4001, "client");
    assertThat(upstream.nextClose().closeCode()).isEqualTo(4001);
    peer.send(true, 8, Wire.closePayload(4002, "upstream"));

    Wire.RawFrame next = client.read();
    assertThat(next.opcode()).isEqualTo(8);
    assertThat(next.closeCode()).isEqualTo(4002);
    assertThat(next.closeReason()).isEqualTo("upstream");
  }

  @Test
  @DisplayName("C1 a close code and reason travel end to end and the upstream's answer comes back")
  void closeCodesEndToEnd() throws Exception {
    RawUpstream upstream = upstream();
    RawClient client = client(echoGateway(upstream), "/echo");

    client.sendClose(4001, "bye now");
    Wire.RawFrame atUpstream = upstream.nextClose();
    assertThat(atUpstream.closeCode()).isEqualTo(4001);
    assertThat(atUpstream.closeReason()).isEqualTo("bye now");
    Wire.RawFrame back = client.readUntilClose();
    assertThat(back.closeCode()).isEqualTo(4001);
    assertThat(back.closeReason()).isEqualTo("bye now");
    assertThat(client.closedByPeer()).isTrue();
  }

  @Test
  @DisplayName("A1 fragments are reassembled into one message and a ping between them is forwarded at once")
  void fragmentsReassembled() throws Exception {
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.RECORD;
    RawClient client = client(echoGateway(upstream), "/echo");

    client.send(false, 0, 1, "hel".getBytes(StandardCharsets.UTF_8));
    client.send(true, 0, 9, "mid".getBytes(StandardCharsets.UTF_8));
    client.send(false, 0, 0, "lo ".getBytes(StandardCharsets.UTF_8));
    client.send(true, 0, 0, "world".getBytes(StandardCharsets.UTF_8));

    Wire.RawFrame first = upstream.nextFrame();
    assertThat(first.opcode()).isEqualTo(9);
    assertThat(first.text()).isEqualTo("mid");
    Wire.RawFrame message = upstream.nextFrame();
    assertThat(message.opcode()).isEqualTo(1);
    assertThat(message.fin()).isTrue();
    assertThat(message.text()).isEqualTo("hello world");
  }

  @Test
  @DisplayName("A3 a client message over 1 MiB: the client gets 1009, the upstream 1001")
  void overLimitCloses1009() throws Exception {
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.RECORD;
    RawClient client = client(echoGateway(upstream), "/echo");

    client.send(2, new byte[EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD + 1]);

    assertThat(client.readUntilClose().closeCode()).isEqualTo(1009);
    assertThat(upstream.nextClose().closeCode()).isEqualTo(1001);
  }

  @Test
  @DisplayName("C5 invalid UTF-8 closes the client with 1007, a reserved opcode with 1002 (frames reach the engine raw)")
  void protocolErrorsReachTheEngine() throws Exception {
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.RECORD;
    Gateway gateway = echoGateway(upstream);

    RawClient badText = client(gateway, "/echo");
    badText.send(1, new byte[] {(byte) 0xC3, (byte) 0x28});
    assertThat(badText.readUntilClose().closeCode()).isEqualTo(1007);

    RawClient reserved = client(gateway, "/echo");
    reserved.send(3, new byte[] {1});
    assertThat(reserved.readUntilClose().closeCode()).isEqualTo(1002);

    RawClient rsv = client(gateway, "/echo");
    rsv.send(true, 4, 1, "x".getBytes(StandardCharsets.UTF_8));
    assertThat(rsv.readUntilClose().closeCode()).isEqualTo(1002);

    RawClient badCode = client(gateway, "/echo");
    badCode.sendClose(1005, "");
    assertThat(badCode.readUntilClose().closeCode()).isEqualTo(1002);
  }

  @Test
  @DisplayName("C5 malformed frames reach the engine from the upstream too: a fragmented ping closes it with 1002")
  void upstreamProtocolErrorsReachTheEngine() throws Exception {
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.RECORD;
    EventLog log = new EventLog();
    PluginChain chain = PluginChain.builder().add(new RecordingPlugin(log), NoConfig.INSTANCE).build();
    RawClient client = client(gateway(route("/echo", upstream.uri("/up"), chain, EngineSettings.DEFAULTS)), "/echo");
    RawUpstream.Peer peer = upstream.nextPeer();

    peer.send(false, 9, "p".getBytes(StandardCharsets.UTF_8));

    assertThat(upstream.nextClose().closeCode()).isEqualTo(1002);
    assertThat(client.readUntilClose().closeCode()).isEqualTo(1001);
    peer.send(true, 8, Wire.closePayload(1002, ""));
    client.sendClose(1001, "");
    assertThat(log.await(Duration.ofSeconds(5), events -> events.contains("recording close PROTOCOL_ERROR")))
        .as("close cause, events %s", log.events()).isTrue();
  }

  @Test
  @DisplayName("H1 malformed upgrades get 400 with a body saying why; unknown paths 404")
  void malformedUpgrades() throws Exception {
    Gateway gateway = echoGateway(upstream());

    RawClient post = keep(RawClient.connect(gateway.port())).rawRequest(
        "POST /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n");
    assertThat(post.response.status()).isEqualTo(400);
    assertThat(post.response.body()).contains("GET");

    RawClient noKey = keep(RawClient.connect(gateway.port())).rawRequest(
        "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n");
    assertThat(noKey.response.status()).isEqualTo(400);
    assertThat(noKey.response.body()).contains("Sec-WebSocket-Key");

    RawClient twoKeys = client(gateway, "/echo", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
    assertThat(twoKeys.response.status()).isEqualTo(400);
    assertThat(twoKeys.response.body()).contains("exactly one");

    RawClient version = keep(RawClient.connect(gateway.port())).rawRequest(
        "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n");
    assertThat(version.response.status()).isEqualTo(426);
    assertThat(version.response.header("Sec-WebSocket-Version")).isEqualTo("13");
    assertThat(version.response.body()).contains("13");

    RawClient plain = keep(RawClient.connect(gateway.port())).rawRequest("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(plain.response.status()).isEqualTo(400);
    assertThat(plain.response.body()).contains("Upgrade");

    RawClient unknown = client(gateway, "/nowhere");
    assertThat(unknown.response.status()).isEqualTo(404);
    assertThat(unknown.response.body()).contains("/nowhere");
  }

  @Test
  @DisplayName("H2 unreachable upstream: 502")
  void unreachableUpstream() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    Gateway gateway = gateway(route("/echo", URI.create("ws://127.0.0.1:" + closedPort + "/"),
        PluginChain.empty(), EngineSettings.DEFAULTS));
    RawClient client = client(gateway, "/echo");
    assertThat(client.response.status()).isEqualTo(502);
  }

  @Test
  @DisplayName("H2 silent upstream: 504 at the connect timeout, and the client waited for it (no early 101)")
  void silentUpstream() throws Exception {
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.SILENT;
    EngineSettings quick = new EngineSettings(1 << 20, 16 << 20, 0, 0, Duration.ofMillis(500),
        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, false);
    Gateway gateway = gateway(route("/echo", upstream.uri("/"), PluginChain.empty(), quick));
    RawClient client = client(gateway, "/echo");
    assertThat(client.response.status()).isEqualTo(504);
  }

  @Test
  @DisplayName("H2 an upstream's 403 reaches the client")
  void upstreamStatusReachesClient() throws Exception {
    RawUpstream upstream = upstream();
    upstream.status = 403;
    RawClient client = client(echoGateway(upstream), "/echo");
    assertThat(client.response.status()).isEqualTo(403);
  }

  @Test
  @DisplayName("H4 wss on both sides")
  void tlsBothSides() throws Exception {
    TestCertificates certificates = TestCertificates.create();
    RawUpstream upstream = keep(new RawUpstream(certificates.serverContext()));
    Gateway gateway = keep(Gateway.builder(routes(route("/echo", upstream.uri("/up"), PluginChain.empty(),
            EngineSettings.DEFAULTS)))
        .tls(certificates.serverContext())
        .upstreamTls(certificates.clientContext())
        .start());
    RawClient client = keep(RawClient.connectTls(gateway.port(), certificates.clientContext())).upgrade("/echo");
    assertThat(client.response.status()).isEqualTo(101);
    assertThat(upstream.nextRequest().header("x-forwarded-proto")).isEqualTo("https");
    client.sendText("secret");
    assertThat(client.read().text()).isEqualTo("secret");
  }

  @Test
  @DisplayName("H4 with upstream TLS configured, a ws:// upstream is still spoken to in plain text")
  void plainUpstreamBesideTls() throws Exception {
    TestCertificates certificates = TestCertificates.create();
    RawUpstream upstream = upstream();
    Gateway gateway = keep(Gateway.builder(routes(route("/echo", upstream.uri("/up"), PluginChain.empty(),
            EngineSettings.DEFAULTS)))
        .upstreamTls(certificates.clientContext())
        .start());
    RawClient client = client(gateway, "/echo");
    assertThat(client.response.status()).isEqualTo(101);
    client.sendText("plain");
    assertThat(client.read().text()).isEqualTo("plain");
  }

  @Test
  @DisplayName("H2 H4 a wss upstream that answers 403 and closes at once: the client gets 403 (the status is not lost with the TLS close)")
  void tlsUpstreamStatusBeforeClose() throws Exception {
    TestCertificates certificates = TestCertificates.create();
    RawUpstream upstream = keep(new RawUpstream(certificates.serverContext()));
    upstream.status = 403;
    Gateway gateway = keep(Gateway.builder(routes(route("/echo", upstream.uri("/up"), PluginChain.empty(),
            EngineSettings.DEFAULTS)))
        .upstreamTls(certificates.clientContext())
        .start());
    RawClient client = client(gateway, "/echo");
    assertThat(client.response.status()).isEqualTo(403);
  }

  @Test
  @DisplayName("C1 H4 a wss client that sends a close frame and closes TLS at once: the upstream gets its close code")
  void tlsClientCloseFrameBeforeClose() throws Exception {
    TestCertificates certificates = TestCertificates.create();
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.RECORD;
    Gateway gateway = keep(Gateway.builder(routes(route("/echo", upstream.uri("/up"), PluginChain.empty(),
            EngineSettings.DEFAULTS)))
        .tls(certificates.serverContext())
        .start());
    RawClient client = keep(RawClient.connectTls(gateway.port(), certificates.clientContext())).upgrade("/echo");
    upstream.nextPeer();
    client.sendClose(4001, "bye");
    client.close();
    Wire.RawFrame close = upstream.nextClose();
    assertThat(close.closeCode()).isEqualTo(4001);
    assertThat(close.closeReason()).isEqualTo("bye");
  }

  @Test
  @DisplayName("C2 the upstream vanishes mid-message: the client gets 1001")
  void upstreamVanishes() throws Exception {
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.RECORD;
    RawClient client = client(echoGateway(upstream), "/echo");
    RawUpstream.Peer peer = upstream.nextPeer();
    peer.send(false, 1, "half a mess".getBytes(StandardCharsets.UTF_8));
    peer.abort();
    assertThat(client.readUntilClose().closeCode()).isEqualTo(1001);
  }

  @Test
  @DisplayName("C2 the client vanishes mid-message: the upstream gets 1001")
  void clientVanishes() throws Exception {
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.RECORD;
    RawClient client = client(echoGateway(upstream), "/echo");
    upstream.nextPeer();
    client.send(false, 0, 2, new byte[10]);
    client.abort();
    assertThat(upstream.nextClose().closeCode()).isEqualTo(1001);
  }

  @Test
  @DisplayName("C6 shutdown closes every open connection with 1001 on both sides")
  void shutdownClosesBothSides() throws Exception {
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.RECORD;
    Gateway gateway = Gateway.builder(routes(route("/echo", upstream.uri("/"), PluginChain.empty(),
        EngineSettings.DEFAULTS))).shutdownGrace(Duration.ofMillis(500)).start();
    RawClient client = client(gateway, "/echo");
    upstream.nextPeer();
    gateway.close();
    assertThat(client.readUntilClose().closeCode()).isEqualTo(1001);
    assertThat(upstream.nextClose().closeCode()).isEqualTo(1001);
  }

  @Test
  @DisplayName("back-pressure: reads held while a plugin blocks the client direction resume in order once it drains")
  void heldClientReadsResumeInOrder() throws Exception {
    RawUpstream upstream = upstream();
    upstream.mode = RawUpstream.Mode.RECORD;
    PluginChain chain = PluginChain.builder().add(new FragilePlugin(), NoConfig.INSTANCE).build();
    Gateway gateway = keep(Gateway.builder(routes(route("/echo", upstream.uri("/"), chain,
        EngineSettings.DEFAULTS.withMaxInFlightBytes(64 * 1024)))).start());
    FragilePlugin.release = new CountDownLatch(1);
    int frames = 40;
    int size = 16 * 1024;
    try {
      RawClient client = client(gateway, "/echo");
      upstream.nextPeer();
      client.sendText("block");
      // Ten times the bound: the gateway stops reading the client until the blocked direction drains.
      Thread sender = new Thread(() -> {
        try {
          for (int i = 0; i < frames; i++) {
            byte[] payload = new byte[size];
            java.util.Arrays.fill(payload, (byte) i);
            client.send(2, payload);
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, "held-reads-sender");
      sender.setDaemon(true);
      sender.start();
      sender.join(2_000);
      FragilePlugin.release.countDown();
      assertThat(upstream.nextFrame().text()).isEqualTo("block");
      for (int i = 0; i < frames; i++) {
        Wire.RawFrame frame = upstream.nextFrame();
        assertThat(frame.opcode()).isEqualTo(2);
        assertThat(frame.payload()).hasSize(size).containsOnly((byte) i);
      }
      sender.join(10_000);
      assertThat(sender.isAlive()).isFalse();
    } finally {
      FragilePlugin.release.countDown();
    }
  }

  @FramegatePlugin(name = "fragile")
  static final class FragilePlugin implements FramePlugin<NoConfig> {
    static volatile CountDownLatch release = new CountDownLatch(0);

    @Override
    public void onClientFrame(WsContext ws, NoConfig config) throws Exception {
      String text = ws.client().getFrame().text();
      if (text.equals("boom")) {
        throw new IllegalStateException("plugin failure on purpose");
      }
      if (text.equals("block")) {
        release.await(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  @DisplayName("C3 P3 a plugin that throws or blocks hurts only its own connection and direction")
  void pluginFailureIsolated() throws Exception {
    RawUpstream upstream = upstream();
    PluginChain chain = PluginChain.builder().add(new FragilePlugin(), NoConfig.INSTANCE).build();
    Gateway gateway = keep(Gateway.builder(routes(route("/echo", upstream.uri("/"), chain, EngineSettings.DEFAULTS)))
        .workerThreads(2).start());
    FragilePlugin.release = new CountDownLatch(1);
    try {
      RawClient blocked = client(gateway, "/echo");
      RawUpstream.Peer blockedPeer = upstream.nextPeer();
      blocked.sendText("block");
      // The upstream direction of the blocked connection still flows.
      blockedPeer.send(true, 1, "from upstream".getBytes(StandardCharsets.UTF_8));
      assertThat(blocked.read().text()).isEqualTo("from upstream");

      RawClient failing = client(gateway, "/echo");
      failing.sendText("boom");
      assertThat(failing.readUntilClose().closeCode()).isEqualTo(1011);

      RawClient healthy = client(gateway, "/echo");
      healthy.sendText("fine");
      assertThat(healthy.read().text()).isEqualTo("fine");
    } finally {
      FragilePlugin.release.countDown();
    }
  }
}
