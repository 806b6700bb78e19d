package dev.framegate.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseInfo;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A plugin that throws, blocks or loops (rules C3, P3): its own connection ends with 1011 on both
 * sides, and every other connection keeps working with its usual latency, even when there are more
 * misbehaving connections than worker threads.
 */
class PluginFaultTest {

  private static final int WORKERS = 2;
  private static final Duration PLUGIN_TIMEOUT = Duration.ofSeconds(3);
  /** Generous: a healthy round trip takes milliseconds; a stalled pool would take the plugin timeout. */
  private static final long HEALTHY_ROUND_TRIP_MS = 1500;

  private final FaultRig rig = new FaultRig();
  private final Misbehaving misbehaving = new Misbehaving();
  private final FaultRig.CloseRecorder recorder = new FaultRig.CloseRecorder();
  private RawUpstream upstream;
  private Gateway gateway;

  @BeforeEach
  void start() throws Exception {
    upstream = rig.upstream(RawUpstream.Mode.ECHO);
    PluginChain chain = PluginChain.builder()
        .add(misbehaving, NoConfig.INSTANCE)
        .add(recorder, NoConfig.INSTANCE)
        .build();
    EngineSettings settings = EngineSettings.DEFAULTS.withPluginTimeout(PLUGIN_TIMEOUT);
    gateway = rig.gateway(Gateway.builder(FaultRig.routes(FaultRig.route("/echo", upstream.uri("/"), chain, settings)))
        .workerThreads(WORKERS));
  }

  @AfterEach
  void stop() throws Exception {
    misbehaving.stop.countDown();
    rig.close();
  }

  /** Misbehaves on command: "throw", "block" (waits, interruptibly), "loop" (spins, ignoring interrupts). */
  @FramegatePlugin(name = "misbehaving", priority = 100)
  static final class Misbehaving implements FramePlugin<NoConfig> {
    final CountDownLatch stop = new CountDownLatch(1);
    final BlockingQueue<String> interrupted = new LinkedBlockingQueue<>();

    @Override
    public void onHandshake(WsContext ws, NoConfig config) throws Exception {
      if (ws.request().queryParameter("block").isPresent()) {
        block();
      }
    }

    @Override
    public void onClientFrame(WsContext ws, NoConfig config) throws Exception {
      switch (ws.client().getFrame().text()) {
        case "throw" -> throw new IllegalStateException("failure on purpose");
        case "block" -> block();
        case "loop" -> {
          long spins = 0;
          while (stop.getCount() > 0) {
            spins++; // ignores interrupts, as a runaway loop does
          }
          ws.sharedState().put("spins", spins);
        }
        default -> { }
      }
    }

    private void block() {
      try {
        stop.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted.add("interrupted");
        Thread.currentThread().interrupt();
      }
    }
  }

  private RawClient healthyClient() throws Exception {
    RawClient client = rig.client(gateway, "/echo");
    assertThat(client.response.status()).isEqualTo(101);
    return client;
  }

  /** Round trips on a healthy connection; each must come back well within the limit. */
  private void assertHealthy(RawClient healthy, int roundTrips) throws Exception {
    for (int i = 0; i < roundTrips; i++) {
      long started = System.nanoTime();
      healthy.sendText("hello " + i);
      assertThat(healthy.read().text()).isEqualTo("hello " + i);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(millis).as("round trip %d of a healthy connection, in ms", i).isLessThan(HEALTHY_ROUND_TRIP_MS);
    }
  }

  @Test
  @DisplayName("C3 a plugin that throws: its connection gets 1011 on both sides, the close phase runs with PLUGIN_ERROR, others go on")
  void throwingPlugin() throws Exception {
    RawClient healthy = healthyClient();
    RawClient failing = healthyClient();
    failing.sendText("throw");
    assertThat(failing.readUntilClose().closeCode()).isEqualTo(1011);
    assertThat(upstream.frames).noneMatch(f -> f.opcode() == 1 && f.text().equals("throw"));
    failing.sendClose(1011, "");
    CloseInfo info = recorder.next();
    assertThat(info.cause()).isEqualTo(CloseCause.PLUGIN_ERROR);
    assertThat(info.upstreamStatus()).hasValue(1011);
    assertHealthy(healthy, 5);
  }

  @Test
  @DisplayName("C3 P3 plugins that block, on more connections than worker threads: other connections keep their latency; after the plugin timeout each blocked connection gets 1011 and the plugin is interrupted")
  void blockingPlugins() throws Exception {
    RawClient healthy = healthyClient();
    List<RawClient> blocked = new ArrayList<>();
    for (int i = 0; i < WORKERS + 2; i++) {
      RawClient client = healthyClient();
      client.sendText("block");
      blocked.add(client);
    }
    assertHealthy(healthy, 10);

    for (RawClient client : blocked) {
      assertThat(client.readUntilClose().closeCode()).isEqualTo(1011);
      client.sendClose(1011, "");
    }
    for (int i = 0; i < blocked.size(); i++) {
      assertThat(misbehaving.interrupted.poll(10, TimeUnit.SECONDS)).isEqualTo("interrupted");
      CloseInfo info = recorder.next();
      assertThat(info.cause()).isEqualTo(CloseCause.PLUGIN_ERROR);
      assertThat(info.detail()).contains("misbehaving", "onClientFrame", "3 s");
    }
    assertHealthy(healthy, 3);
    healthy.sendClose(1000, "");
    assertThat(healthy.readUntilClose().closeCode()).isEqualTo(1000);
    FaultRig.allConnectionsFinished(gateway);
  }

  @Test
  @DisplayName("C3 P3 plugins that loop and ignore interrupts, on more connections than worker threads: others keep their latency; each looping connection gets 1011 on both sides")
  void loopingPlugins() throws Exception {
    RawClient healthy = healthyClient();
    List<RawClient> looping = new ArrayList<>();
    for (int i = 0; i < WORKERS + 1; i++) {
      RawClient client = healthyClient();
      client.sendText("loop");
      looping.add(client);
    }
    assertHealthy(healthy, 10);
    FaultRig.eventually("the stuck threads are counted", () -> gateway.stalledWorkerThreads() >= WORKERS + 1);

    for (RawClient client : looping) {
      assertThat(client.readUntilClose().closeCode()).isEqualTo(1011);
      client.sendClose(1011, "");
    }
    long upstreamCloses = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (upstreamCloses < looping.size() && System.nanoTime() < deadline) {
      var frame = upstream.frames.poll(100, TimeUnit.MILLISECONDS);
      if (frame != null && frame.opcode() == 8) {
        assertThat(frame.closeCode()).isEqualTo(1011);
        upstreamCloses++;
      }
    }
    assertThat(upstreamCloses).as("1011 at the upstream of each looping connection").isEqualTo(looping.size());
    assertHealthy(healthy, 3);

    // The close phase waits for the loop to return, so that plugin state is never used concurrently.
    assertThat(recorder.closes).isEmpty();
    misbehaving.stop.countDown();
    for (int i = 0; i < looping.size(); i++) {
      assertThat(recorder.next().cause()).isEqualTo(CloseCause.PLUGIN_ERROR);
    }
  }

  @Test
  @DisplayName("C3 a handshake plugin that blocks: the client gets 500 at the plugin timeout, the upstream is never contacted")
  void blockingHandshake() throws Exception {
    RawClient healthy = healthyClient();
    RawClient blocked = rig.keep(RawClient.connect(gateway.port())).upgrade("/echo?block");
    assertThat(blocked.response.status()).isEqualTo(500);
    assertThat(upstream.requests).hasSize(1); // the healthy client's only
    assertThat(recorder.next().cause()).isEqualTo(CloseCause.PLUGIN_ERROR);
    assertHealthy(healthy, 3);
  }
}
