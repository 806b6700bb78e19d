package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The plugin call limit (rule C3): a call that does not return in time ends its connection with 1011. */
class PluginTimeoutTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** Blocks on "block" (and in the handshake when asked) until released or interrupted. */
  @FramegatePlugin(name = "stuck")
  static final class Stuck implements FramePlugin<NoConfig> {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean interrupted = new AtomicBoolean();
    volatile boolean blockHandshake;

    @Override
    public void onHandshake(WsContext ws, NoConfig config) {
      if (blockHandshake) {
        block();
      }
    }

    @Override
    public void onClientFrame(WsContext ws, NoConfig config) {
      if (ws.client().getFrame().text().equals("block")) {
        block();
        ws.client().dropFrame(); // too late: the connection is already closed
      }
    }

    private void block() {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
    }
  }

  private final Stuck stuck = new Stuck();
  private Thread caller;

  @AfterEach
  void release() throws InterruptedException {
    stuck.release.countDown();
    if (caller != null) {
      caller.join(5000);
    }
  }

  private Thread inBackground(Runnable call) {
    caller = new Thread(call, "plugin-caller");
    caller.start();
    return caller;
  }

  @Test
  @DisplayName("C3 a frame-phase call past the plugin timeout: 1011 to both sides, the plugin is interrupted, the frame is not forwarded, the close phase runs once it returned")
  void frameCallTimesOut() throws Exception {
    Rig rig = Rig.of(EngineSettings.DEFAULTS.withPluginTimeout(TIMEOUT), stuck).open();
    Thread thread = inBackground(() -> rig.text(Side.CLIENT, "block"));
    assertThat(stuck.entered.await(5, TimeUnit.SECONDS)).isTrue();

    rig.scheduler.advance(TIMEOUT.minusMillis(1));
    assertThat(rig.transport.closeTo(Side.CLIENT)).isNull();
    rig.scheduler.advance(Duration.ofMillis(1));

    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1011);
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1011);
    thread.join(5000);
    assertThat(stuck.interrupted).isTrue();
    assertThat(thread.isInterrupted()).isFalse();
    assertThat(rig.transport.texts(Side.UPSTREAM)).isEmpty();
    assertThat(rig.observer.errors).hasSize(1);

    rig.close(Side.CLIENT, 1011, "");
    rig.close(Side.UPSTREAM, 1011, "");
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.PLUGIN_ERROR);
    assertThat(rig.closeInfo().detail()).contains("stuck", "onClientFrame", "2 s");
  }

  @Test
  @DisplayName("C3 calls that each return in time never trip the timeout, however long the connection lives")
  void quickCallsNeverTimeOut() {
    Rig rig = Rig.of(EngineSettings.DEFAULTS.withPluginTimeout(TIMEOUT), stuck).open();
    for (int i = 0; i < 5; i++) {
      rig.text(Side.CLIENT, "quick " + i);
      rig.scheduler.advance(TIMEOUT.minusMillis(100));
    }
    assertThat(rig.transport.texts(Side.UPSTREAM)).hasSize(5);
    assertThat(rig.transport.closeTo(Side.CLIENT)).isNull();
    rig.scheduler.advance(TIMEOUT);
    assertThat(rig.transport.closeTo(Side.CLIENT)).isNull();
    assertThat(rig.scheduler.pending()).as("no timer left once no call runs").isZero();
  }

  @Test
  @DisplayName("C3 a handshake call past the plugin timeout: the client gets 500 and the upstream is never contacted")
  void handshakeCallTimesOut() throws Exception {
    stuck.blockHandshake = true;
    Rig rig = Rig.of(EngineSettings.DEFAULTS.withPluginTimeout(TIMEOUT), stuck);
    Thread thread = inBackground(rig::start);
    assertThat(stuck.entered.await(5, TimeUnit.SECONDS)).isTrue();
    rig.scheduler.advance(TIMEOUT);
    thread.join(5000);

    assertThat(rig.transport.rejected().status()).isEqualTo(500);
    assertThat(rig.transport.connectRequested()).isNull();
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.PLUGIN_ERROR);
  }

  @Test
  @DisplayName("C3 a zero plugin timeout means no limit: no timer is ever scheduled for plugin calls")
  void zeroMeansNoLimit() {
    Rig rig = Rig.of(EngineSettings.DEFAULTS.withPluginTimeout(Duration.ZERO), stuck).open();
    rig.text(Side.CLIENT, "quick");
    assertThat(rig.scheduler.pending()).isZero();
  }
}
