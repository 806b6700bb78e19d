package dev.framegate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {

  @Test
  void aBlockingPluginTaskDoesNotHoldTheTimers() throws Exception {
    try (ExecutorScheduler scheduler = new ExecutorScheduler()) {
      CountDownLatch blocked = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      scheduler.execute(() -> {
        blocked.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
      CountDownLatch fired = new CountDownLatch(1);
      scheduler.schedule(TimeUnit.MILLISECONDS.toNanos(10), fired::countDown);
      assertThat(fired.await(10, TimeUnit.SECONDS)).as("a timer fires while a plugin task blocks").isTrue();
      release.countDown();
    }
  }
}
