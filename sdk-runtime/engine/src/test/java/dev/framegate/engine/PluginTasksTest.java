package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.FrameType;
import dev.framegate.api.Phase;
import dev.framegate.api.PdkMisuseException;
import dev.framegate.api.ScheduledTask;
import dev.framegate.engine.Plugins.Alpha;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Time in the PDK: {@code ws.clock()}, {@code ws.schedule(...)} and {@code ws.scheduleRepeating(...)}. */
class PluginTasksTest {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  @DisplayName("a task runs once after its delay, in the timer phase, and may send to either side")
  void onceAfterDelay() {
    List<String> seen = Plugins.trace();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(ws -> ws.schedule(SECOND, task -> {
      seen.add(task.phase() + " at " + task.clock().nanoTime());
      task.client().sendText("tick");
      task.upstream().sendPing(new byte[] {1});
    }));
    Rig rig = Rig.of(alpha).open();
    long start = rig.scheduler.nanoTime();
    rig.text(Side.CLIENT, "go");
    rig.scheduler.advance(Duration.ofMillis(999));
    assertThat(seen).isEmpty();
    rig.scheduler.advance(Duration.ofMillis(1));
    assertThat(seen).containsExactly(Phase.TIMER + " at " + (start + SECOND.toNanos()));
    assertThat(rig.transport.texts(Side.CLIENT)).containsExactly("tick");
    assertThat(rig.transport.sent(Side.UPSTREAM)).extracting(Rig.Sent::type)
        .containsExactly(FrameType.TEXT, FrameType.PING);
    rig.scheduler.advance(Duration.ofSeconds(10));
    assertThat(seen).hasSize(1);
  }

  @Test
  @DisplayName("a repeating task runs every period until cancelled; cancel() says whether it stopped a run to come")
  void repeating() {
    List<Long> runs = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicReference<ScheduledTask> handle = new AtomicReference<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> handle.set(ws.scheduleRepeating(SECOND, task -> {
      runs.add(task.clock().nanoTime());
      if (runs.size() == 3) {
        assertThat(handle.get().cancel()).isTrue();
      }
    })));
    Rig rig = Rig.of(alpha).open();
    long start = rig.scheduler.nanoTime();
    rig.scheduler.advance(Duration.ofSeconds(10));
    assertThat(runs).containsExactly(start + 1_000_000_000L, start + 2_000_000_000L, start + 3_000_000_000L);
    assertThat(handle.get().cancel()).isFalse();
  }

  @Test
  @DisplayName("a task cancelled before it is due never runs; a task that ran cannot be cancelled")
  void cancelBeforeDue() {
    List<ScheduledTask> handles = new ArrayList<>();
    List<String> ran = Plugins.trace();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(ws -> handles.add(ws.schedule(SECOND, task -> ran.add("ran"))));
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "a");
    rig.text(Side.CLIENT, "b");
    assertThat(handles.get(0).cancel()).isTrue();
    assertThat(handles.get(0).cancel()).isFalse();
    rig.scheduler.advance(SECOND);
    assertThat(ran).hasSize(1);
    assertThat(handles.get(1).cancel()).isFalse();
  }

  @Test
  @DisplayName("a task scheduled in onHandshake that falls due before the upstream accepts runs right after the 101")
  void dueDuringHandshake() {
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> ws.schedule(Duration.ZERO, task -> task.client().sendText("welcome")));
    Rig rig = Rig.of(alpha).start();
    rig.scheduler.advance(SECOND);
    assertThat(rig.transport.sent(Side.CLIENT)).isEmpty();
    rig.connection.upstreamConnected(null);
    rig.scheduler.advance(Duration.ZERO);
    assertThat(rig.transport.texts(Side.CLIENT)).containsExactly("welcome");
    Rig.Event last = rig.transport.events.get(rig.transport.events.size() - 1);
    assertThat(last).isInstanceOf(Rig.Sent.class);
    assertThat(rig.transport.events.indexOf(rig.transport.accepted()))
        .as("the 101 goes out before the task's message")
        .isLessThan(rig.transport.events.indexOf(last));
  }

  @Test
  @DisplayName("tasks stop when the connection starts closing; a task scheduled then never runs")
  void stopAtClose() {
    List<String> ran = Plugins.trace();
    List<ScheduledTask> late = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> ws.scheduleRepeating(SECOND, task -> ran.add("tick")));
    alpha.onUpstream(ws -> late.add(ws.schedule(Duration.ZERO, task -> ran.add("late"))));
    Rig rig = Rig.of(alpha).open();
    rig.scheduler.advance(SECOND);
    assertThat(ran).containsExactly("tick");
    rig.close(Side.CLIENT, 1000, "");
    rig.text(Side.UPSTREAM, "still talking");
    rig.scheduler.advance(Duration.ofSeconds(5));
    assertThat(ran).containsExactly("tick");
    assertThat(late.get(0).cancel()).isFalse();
  }

  @Test
  @DisplayName("scheduling in onClose is refused; delays and periods are checked")
  void misuse() {
    List<String> errors = Plugins.trace();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(ws -> {
      errors.add(message(() -> ws.schedule(Duration.ofMillis(-1), t -> {})));
      errors.add(message(() -> ws.scheduleRepeating(Duration.ZERO, t -> {})));
    });
    alpha.onClosed(ws -> errors.add(message(() -> ws.schedule(SECOND, t -> {}))));
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "x");
    rig.connection.gone(Side.CLIENT);
    rig.close(Side.UPSTREAM, 1001, "");
    assertThat(errors).containsExactly(
        "IllegalArgumentException: a task's delay must be zero or more, was PT-0.001S",
        "IllegalArgumentException: a repeating task's period must be at least 1 ms, was PT0S",
        "PdkMisuseException: ws.schedule(...) is not allowed in onClose: the connection has ended and its timers"
            + " are cancelled; schedule in onHandshake, a frame phase or a timer task");
  }

  @Test
  @DisplayName("in a timer task there is no frame; close(...) closes both sides at once with cause PLUGIN_CLOSE")
  void closeFromTask() {
    List<String> errors = Plugins.trace();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> ws.schedule(SECOND, task -> {
      errors.add(message(() -> task.client().getFrame()));
      errors.add(message(() -> task.response()));
      task.client().close(dev.framegate.api.CloseStatus.of(4000, "idle"), dev.framegate.api.CloseStatus.of(1001));
    }));
    Rig rig = Rig.of(alpha).open();
    rig.scheduler.advance(SECOND);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(4000);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeReason()).isEqualTo("idle");
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1001);
    assertThat(errors).containsExactly(
        "PdkMisuseException: ws.client().getFrame() is only allowed in onClientFrame; a timer task has no frame:"
            + " it may send messages and close the connection",
        "PdkMisuseException: ws.response() is only allowed in onHandshake: in a timer task the client's"
            + " handshake is over (use ws.client().close(...) to end the connection)");
    rig.close(Side.CLIENT, 4000, "");
    rig.close(Side.UPSTREAM, 1001, "");
    assertThat(rig.closeInfo().cause()).isEqualTo(CloseCause.PLUGIN_CLOSE);
  }

  @Test
  @DisplayName("C3 a task that throws ends the connection with 1011 under policy close, and is only logged under skip")
  void failingTask() {
    Alpha closing = new Alpha(Plugins.trace());
    closing.onHandshake(ws -> ws.schedule(SECOND, task -> {
      throw new IllegalStateException("boom");
    }));
    Rig rig = Rig.of(closing).open();
    rig.scheduler.advance(SECOND);
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1011);
    assertThat(rig.transport.closeTo(Side.UPSTREAM).closeCode()).isEqualTo(1011);
    assertThat(rig.observer.errors).containsExactly("alpha TIMER boom");

    Alpha skipping = new Alpha(Plugins.trace());
    skipping.onHandshake(ws -> ws.schedule(SECOND, task -> {
      throw new IllegalStateException("boom");
    }));
    Rig skip = Rig.withPolicy(ErrorPolicy.SKIP, skipping).open();
    skip.scheduler.advance(SECOND);
    assertThat(skip.transport.closeTo(Side.CLIENT)).isNull();
    assertThat(skip.observer.errors).containsExactly("alpha TIMER boom");
  }

  @Test
  @DisplayName("P3 a frame that arrives while a task of its direction runs is handled after it, in order; the other direction is not held")
  void taskInTheDirectionsOrder() throws Exception {
    CountDownLatch inTask = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> order = Plugins.trace();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(ws -> {
      String text = ws.client().getFrame().text();
      order.add("frame " + text);
      if (text.equals("start")) {
        ws.schedule(SECOND, task -> {
          order.add("task begins");
          inTask.countDown();
          try {
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          order.add("task ends");
        });
      }
    });
    alpha.onUpstream(ws -> order.add("upstream " + ws.upstream().getFrame().text()));
    Rig rig = Rig.of(EngineSettings.DEFAULTS.withPluginTimeout(Duration.ZERO), alpha).open();
    rig.text(Side.CLIENT, "start");
    Thread timer = new Thread(() -> rig.scheduler.advance(SECOND));
    timer.start();
    assertThat(inTask.await(10, TimeUnit.SECONDS)).isTrue();
    rig.text(Side.CLIENT, "during");     // returns at once: the task holds the client direction
    rig.text(Side.UPSTREAM, "other");    // the other direction is not held
    assertThat(order).containsExactly("frame start", "task begins", "upstream other");
    release.countDown();
    timer.join(10_000);
    assertThat(order).containsExactly("frame start", "task begins", "upstream other", "task ends", "frame during");
    assertThat(rig.transport.texts(Side.UPSTREAM)).containsExactly("start", "during");
  }

  @Test
  @DisplayName("C3 the plugin timeout applies to timer tasks")
  void taskTimeout() throws Exception {
    CountDownLatch inTask = new CountDownLatch(1);
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onHandshake(ws -> ws.schedule(SECOND, task -> {
      inTask.countDown();
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    Rig rig = Rig.of(EngineSettings.DEFAULTS.withPluginTimeout(Duration.ofSeconds(2)), alpha).open();
    Thread timer = new Thread(() -> rig.scheduler.advance(SECOND));
    timer.start();
    assertThat(inTask.await(10, TimeUnit.SECONDS)).isTrue();
    rig.scheduler.advance(Duration.ofSeconds(3));
    timer.join(10_000);
    assertThat(timer.isAlive()).isFalse();
    assertThat(rig.transport.closeTo(Side.CLIENT).closeCode()).isEqualTo(1011);
    assertThat(rig.observer.errors).singleElement().asString()
        .contains("did not return from a timer task within 2 s");
  }

  @Test
  @DisplayName("ws.clock() reads the engine's scheduler: nanoTime and the wall clock")
  void clock() {
    List<Long> nanos = new ArrayList<>();
    List<Instant> instants = new ArrayList<>();
    Alpha alpha = new Alpha(Plugins.trace());
    alpha.onClient(ws -> {
      nanos.add(ws.clock().nanoTime());
      instants.add(ws.clock().now());
    });
    Rig rig = Rig.of(alpha).open();
    rig.text(Side.CLIENT, "a");
    rig.scheduler.advance(SECOND);
    rig.text(Side.CLIENT, "b");
    assertThat(nanos.get(1) - nanos.get(0)).isEqualTo(SECOND.toNanos());
    assertThat(instants).doesNotContainNull();
    assertThat(Duration.between(instants.get(0), instants.get(1))).isLessThan(Duration.ofMinutes(1));
  }

  private static String message(ThrowingCall call) {
    try {
      call.run();
      return "no exception";
    } catch (PdkMisuseException | IllegalArgumentException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (Exception e) {
      return "unexpected " + e;
    }
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }
}
