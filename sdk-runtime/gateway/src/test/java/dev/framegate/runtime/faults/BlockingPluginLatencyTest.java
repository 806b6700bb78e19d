package dev.framegate.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * P3 C3 plugins run on the I/O threads, so a plugin that blocks must not stall the connections that
 * share its thread: while one connection's plugin blocks for 5 s, 50 other connections keep a p99
 * round trip under 20 ms. Round trips are measured after a warm-up, by a few driver threads (each
 * drives ten connections one round trip at a time), against the same load without the block.
 */
class BlockingPluginLatencyTest {

  private static final int CONNECTIONS = 50;
  private static final int DRIVERS = 5;
  private static final long BLOCK_MILLIS = 5000;
  private static final long P99_LIMIT_MICROS = 20_000;

  private final FaultRig rig = new FaultRig();

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  @FramegatePlugin(name = "sometimes-blocking")
  static final class SometimesBlocking implements FramePlugin<NoConfig> {
    final CountDownLatch blocked = new CountDownLatch(1);

    @Override
    public void onClientFrame(WsContext ws, NoConfig config) throws Exception {
      if (ws.client().getFrame().text().equals("block")) {
        blocked.countDown();
        Thread.sleep(BLOCK_MILLIS);
      }
    }
  }

  /** Round trips of some connections for a while, one at a time per driver; microseconds each. */
  private static long[] roundTrips(List<RawClient> clients, long millis) throws Exception {
    List<long[]> samples = new ArrayList<>();
    List<Thread> drivers = new ArrayList<>();
    AtomicBoolean failed = new AtomicBoolean();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    int perDriver = clients.size() / DRIVERS;
    for (int d = 0; d < DRIVERS; d++) {
      List<RawClient> mine = clients.subList(d * perDriver, (d + 1) * perDriver);
      long[] times = new long[1 << 20];
      samples.add(times);
      Thread driver = new Thread(() -> {
        int n = 0;
        try {
          while (System.nanoTime() < end && n < times.length) {
            for (RawClient client : mine) {
              long started = System.nanoTime();
              client.sendText("rt");
              if (!client.read().text().equals("rt")) {
                failed.set(true);
              }
              times[n++] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
            }
          }
        } catch (Exception e) {
          failed.set(true);
        }
        times[times.length - 1] = n;
      }, "round-trip-driver");
      driver.start();
      drivers.add(driver);
    }
    for (Thread driver : drivers) {
      driver.join();
    }
    assertThat(failed).as("every round trip came back").isFalse();
    return samples.stream()
        .flatMapToLong(times -> Arrays.stream(times, 0, (int) times[times.length - 1]))
        .sorted()
        .toArray();
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  @Test
  @DisplayName("P3 C3 while one connection's plugin blocks for 5 s, the p99 round trip of 50 other connections stays under 20 ms")
  void blockingPluginDoesNotStallOthers() throws Exception {
    RawUpstream upstream = rig.upstream(RawUpstream.Mode.ECHO);
    SometimesBlocking plugin = new SometimesBlocking();
    PluginChain chain = PluginChain.builder().add(plugin, NoConfig.INSTANCE).build();
    Gateway gateway = rig.gateway(FaultRig.route("/echo", upstream.uri("/"), chain, EngineSettings.DEFAULTS));
    List<RawClient> clients = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      clients.add(rig.client(gateway, "/echo"));
    }
    RawClient blocker = rig.client(gateway, "/echo");

    roundTrips(clients, 2000); // warm-up
    long[] baseline = roundTrips(clients, 2000);

    blocker.sendText("block");
    assertThat(plugin.blocked.await(5, TimeUnit.SECONDS)).isTrue();
    long blockStarted = System.nanoTime();
    FaultRig.eventually("the blocked I/O thread's other connections moved", () -> gateway.stalledWorkerThreads() == 1);
    long[] during = roundTrips(clients, BLOCK_MILLIS - 1000);
    long blockedFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - blockStarted);
    assertThat(blocker.read().text()).as("the blocked connection goes on once its plugin returns").isEqualTo("block");

    System.out.printf("blocking plugin: baseline %d round trips p50 %d us p99 %d us max %d us; while blocked (%d ms)"
            + " %d round trips p50 %d us p99 %d us max %d us%n",
        baseline.length, percentile(baseline, 0.5), percentile(baseline, 0.99), baseline[baseline.length - 1],
        blockedFor, during.length, percentile(during, 0.5), percentile(during, 0.99), during[during.length - 1]);
    assertThat(blockedFor).as("the round trips were measured while the plugin blocked").isLessThan(BLOCK_MILLIS);
    assertThat(during.length).as("round trips while blocked").isGreaterThan(1000);
    assertThat(percentile(during, 0.99)).as("p99 round trip of the other connections while one plugin blocks, us")
        .isLessThan(P99_LIMIT_MICROS);
  }
}
