package dev.framegate.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  @DisplayName("every unit of the one duration grammar: ms, s, m, h, d, and bare milliseconds")
  void units() {
    assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
    assertThat(Durations.parse("5s")).contains(Duration.ofSeconds(5));
    assertThat(Durations.parse("2m")).contains(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
    assertThat(Durations.parse("1d")).contains(Duration.ofDays(1));
    assertThat(Durations.parse("300")).contains(Duration.ofMillis(300));
    assertThat(Durations.parse(" 10 s ")).contains(Duration.ofSeconds(10));
    assertThat(Durations.parse("0")).contains(Duration.ZERO);
  }

  @Test
  @DisplayName("anything else is refused, overflow included")
  void refusals() {
    assertThat(Durations.parse("5 seconds")).isEmpty();
    assertThat(Durations.parse("1.5s")).isEmpty();
    assertThat(Durations.parse("-1s")).isEmpty();
    assertThat(Durations.parse("5S")).isEmpty();
    assertThat(Durations.parse("")).isEmpty();
    assertThat(Durations.parse(null)).isEmpty();
    assertThat(Durations.parse("999999999999999999d")).isEmpty();
    assertThat(Durations.parse("9999999999999999999")).isEmpty();
  }

  @Test
  @DisplayName("configuration values: whole numbers are milliseconds, strings follow the grammar")
  void values() {
    assertThat(Durations.of(250)).contains(Duration.ofMillis(250));
    assertThat(Durations.of(5_000L)).contains(Duration.ofSeconds(5));
    assertThat(Durations.of("2m")).contains(Duration.ofMinutes(2));
    assertThat(Durations.of(-1)).isEmpty();
    assertThat(Durations.of(2.5)).isEmpty();
    assertThat(Durations.of(true)).isEmpty();
  }
}
