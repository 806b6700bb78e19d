package dev.framegate.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

  @Test
  void tasksRunInDueOrderAtTheirOwnTime() {
    VirtualClock clock = new VirtualClock();
    List<String> ran = new ArrayList<>();
    clock.schedule(Duration.ofSeconds(2).toNanos(), () -> ran.add("b@" + clock.elapsed().toSeconds()));
    clock.schedule(Duration.ofSeconds(1).toNanos(), () -> ran.add("a@" + clock.elapsed().toSeconds()));
    clock.schedule(Duration.ofSeconds(9).toNanos(), () -> ran.add("late"));
    clock.advance(Duration.ofSeconds(5));
    assertThat(ran).containsExactly("a@1", "b@2");
    assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
    assertThat(clock.nextTaskIn()).contains(Duration.ofSeconds(4));
  }

  @Test
  void cancelledTasksNeverRun() {
    VirtualClock clock = new VirtualClock();
    List<String> ran = new ArrayList<>();
    clock.schedule(1_000, () -> ran.add("x")).cancel();
    clock.advance(Duration.ofSeconds(1));
    assertThat(ran).isEmpty();
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void tasksScheduledByTasksRunInTheSameAdvanceWhenDue() {
    VirtualClock clock = new VirtualClock();
    List<Long> ran = new ArrayList<>();
    clock.schedule(100, () -> clock.schedule(100, () -> ran.add(clock.nanoTime())));
    clock.advance(Duration.ofNanos(250));
    assertThat(ran).containsExactly(200L);
  }
}
