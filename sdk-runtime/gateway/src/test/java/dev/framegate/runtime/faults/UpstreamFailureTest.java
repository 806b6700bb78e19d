package dev.framegate.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseInfo;
import dev.framegate.engine.EngineSettings;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The upstream refuses, stays silent, hangs up or says no (rule H2): the client gets the matching status. */
class UpstreamFailureTest {

  private static final EngineSettings QUICK_CONNECT =
      EngineSettings.DEFAULTS.withTimeouts(Duration.ofMillis(700), Duration.ofSeconds(5));

  private final FaultRig rig = new FaultRig();
  private final FaultRig.CloseRecorder recorder = new FaultRig.CloseRecorder();

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  private Gateway gateway(URI upstream) throws Exception {
    return rig.gateway(FaultRig.route("/up", upstream, recorder.chain(), QUICK_CONNECT));
  }

  private void assertFailedWith(Gateway gateway, int status) throws Exception {
    RawClient client = rig.client(gateway, "/up");
    assertThat(client.response.status()).isEqualTo(status);
    assertThat(client.closedByPeer()).isTrue();
    CloseInfo close = recorder.next();
    assertThat(close.cause()).isEqualTo(CloseCause.UPSTREAM_FAILED);
    assertThat(close.clientStatus()).isEmpty();
    FaultRig.allConnectionsFinished(gateway);
  }

  @Test
  @DisplayName("H2 upstream refuses the TCP connection: 502, the close phase runs")
  void refused() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    assertFailedWith(gateway(URI.create("ws://127.0.0.1:" + closedPort + "/")), 502);
  }

  @Test
  @DisplayName("H2 upstream accepts TCP but never answers the upgrade: 504 at the connect timeout")
  void silent() throws Exception {
    RawUpstream upstream = rig.upstream(RawUpstream.Mode.SILENT);
    assertFailedWith(gateway(upstream.uri("/")), 504);
    upstream.nextRequest();
  }

  @Test
  @DisplayName("H2 upstream closes the TCP connection instead of answering the upgrade: 502, not a time-out")
  void hangsUp() throws Exception {
    RawUpstream upstream = rig.upstream(RawUpstream.Mode.HANG_UP);
    assertFailedWith(gateway(upstream.uri("/")), 502);
  }

  @Test
  @DisplayName("H2 upstream answers 403: the 403 reaches the client")
  void forbidden() throws Exception {
    RawUpstream upstream = rig.upstream(RawUpstream.Mode.ECHO);
    upstream.status = 403;
    assertFailedWith(gateway(upstream.uri("/")), 403);
  }

  @Test
  @DisplayName("H2 one failing route does not disturb another route's connections")
  void otherRoutesUnaffected() throws Exception {
    RawUpstream silent = rig.upstream(RawUpstream.Mode.SILENT);
    RawUpstream echo = rig.upstream(RawUpstream.Mode.ECHO);
    Gateway gateway = rig.gateway(
        FaultRig.route("/silent", silent.uri("/"), recorder.chain(), QUICK_CONNECT),
        FaultRig.route("/echo", echo.uri("/"), recorder.chain(), QUICK_CONNECT));
    Thread pending = new Thread(() -> {
      try {
        rig.client(gateway, "/silent");
      } catch (Exception e) {
        // the status is checked elsewhere
      }
    });
    pending.start();
    silent.nextRequest();
    RawClient healthy = rig.client(gateway, "/echo");
    healthy.sendText("hi");
    assertThat(healthy.read().text()).isEqualTo("hi");
    pending.join(10_000);
  }
}
