package dev.framegate.plugins.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstPassesThenTheRateRefills() {
    TokenBuckets buckets = new TokenBuckets(new Limits(10, 3, 0, 0), 0);
    assertThat(buckets.tryTake(100, 0)).isTrue();
    assertThat(buckets.tryTake(100, 0)).isTrue();
    assertThat(buckets.tryTake(100, 0)).isTrue();
    assertThat(buckets.tryTake(100, 0)).isFalse();
    assertThat(buckets.tryTake(100, SECOND / 10 - 1)).isFalse();
    assertThat(buckets.tryTake(100, SECOND / 10)).isTrue();
    assertThat(buckets.isFull(SECOND)).isTrue();
  }

  @Test
  void bytesAreCountedByPayloadLengthAndALargerMessageThanTheBurstNeverPasses() {
    Limits limits = new Limits(0, 0, 1000, 1500);
    TokenBuckets buckets = new TokenBuckets(limits, 0);
    assertThat(buckets.tryTake(1000, 0)).isTrue();
    assertThat(buckets.tryTake(600, 0)).isFalse();
    assertThat(buckets.tryTake(500, 0)).isTrue();
    assertThat(buckets.tryTake(1000, SECOND)).isTrue();
    assertThat(limits.fits(1500)).isTrue();
    assertThat(limits.fits(1501)).isFalse();
  }

  @Test
  void bothLimitsMustHoldAndARefusedMessageTakesNothing() {
    TokenBuckets buckets = new TokenBuckets(new Limits(1, 2, 100, 100), 0);
    assertThat(buckets.tryTake(90, 0)).isTrue();
    assertThat(buckets.tryTake(20, 0)).as("bytes short, a message token left").isFalse();
    assertThat(buckets.tryTake(10, 0)).as("the refusal took no message token").isTrue();
    assertThat(buckets.tryTake(0, 0)).as("messages short").isFalse();
  }
}
