package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.engine.Plugins.Alpha;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The threading model the {@code WsContext} Javadoc states, under real threads: a direction's calls
 * and its timer tasks never overlap and see each other's writes; onClose runs alone, last.
 */
class ThreadingModelTest {

  private static final int FRAMES = 3_000;

  /** Counts calls inside one direction; a plain counter shows whether writes are visible. */
  static final class DirectionProbe {
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    int plainCount; // deliberately not synchronized: the engine's ordering must make it exact

    void call() {
      if (inside.incrementAndGet() != 1) {
        overlaps.incrementAndGet();
      }
      plainCount++;
      inside.decrementAndGet();
    }
  }

  @Test
  @DisplayName("P3 a direction's frames and its timer tasks never run at the same time and see each other's writes")
  void directionOrderHoldsAcrossThreads() throws Exception {
    DirectionProbe client = new DirectionProbe();
    DirectionProbe upstream = new DirectionProbe();
    AtomicInteger taskRuns = new AtomicInteger();
    AtomicInteger closeOverlaps = new AtomicInteger();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> ws.scheduleRepeating(Duration.ofMillis(1), task -> {
      client.call();
      taskRuns.incrementAndGet();
    }));
    alpha.onClient(ws -> {
      if (ws.client().getFrame().type() == dev.framegate.api.FrameType.TEXT) {
        client.call();
      }
    });
    alpha.onUpstream(ws -> {
      if (ws.upstream().getFrame().type() == dev.framegate.api.FrameType.TEXT) {
        upstream.call();
      }
    });
    alpha.onClosed(ws -> {
      if (client.inside.get() != 0 || upstream.inside.get() != 0) {
        closeOverlaps.incrementAndGet();
      }
    });
    // No plugin timeout: virtual time runs far ahead of the real time the calls take.
    Rig rig = Rig.of(EngineSettings.DEFAULTS.withPluginTimeout(Duration.ZERO), alpha).open();
    Thread clientSide = new Thread(() -> {
      for (int i = 0; i < FRAMES; i++) {
        rig.text(Side.CLIENT, "c");
      }
    });
    Thread upstreamSide = new Thread(() -> {
      for (int i = 0; i < FRAMES; i++) {
        rig.text(Side.UPSTREAM, "u");
      }
    });
    // Virtual time moves, 1 ms a step, for as long as the client sends: its tasks fall due while
    // its frames are being handled.
    Thread timers = new Thread(() -> {
      while (clientSide.isAlive()) {
        rig.scheduler.advance(Duration.ofMillis(1));
        Thread.yield();
      }
    });
    clientSide.start();
    upstreamSide.start();
    timers.start();
    clientSide.join(60_000);
    upstreamSide.join(60_000);
    timers.join(60_000);
    rig.close(Side.CLIENT, 1000, "");
    rig.close(Side.UPSTREAM, 1000, "");

    assertThat(rig.observer.errors).isEmpty();
    assertThat(client.overlaps).as("client frames and client-order timer tasks overlapping").hasValue(0);
    assertThat(upstream.overlaps).hasValue(0);
    assertThat(taskRuns.get()).as("timer task runs").isGreaterThan(10);
    assertThat(client.plainCount).as("every write of a frame call or task seen by the next").isEqualTo(FRAMES + taskRuns.get());
    assertThat(upstream.plainCount).isEqualTo(FRAMES);
    assertThat(rig.transport.texts(Side.UPSTREAM)).hasSize(FRAMES);
    assertThat(closeOverlaps).hasValue(0);
    assertThat(rig.connection.isFinished()).isTrue();
  }
}
