package dev.framegate.plugins.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.plugins.testing.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The redis policy against a real redis-server: the script, the leases, the failure modes. */
class RedisLimiterTest {

  private static final long MILLI = 1_000_000L;

  @TempDir
  Path directory;

  private static RedisLimiter limiter(RedisServer redis, String name, Limits limits, long cacheMillis, boolean failOpen) {
    return new RedisLimiter(RedisScript.of(redis.uri(), Duration.ofSeconds(2)), "test:" + name + ":", limits,
        cacheMillis * MILLI, failOpen, RedisMetrics.of(name));
  }

  @Test
  void twoGatewaysShareOneBucketInRedis() throws Exception {
    try (RedisServer redis = RedisServer.start(directory)) {
      Limits limits = new Limits(1, 10, 0, 0);
      // no local cache: every message asks Redis, so the two see exactly one bucket
      RedisLimiter first = limiter(redis, "shared", limits, 0, true);
      RedisLimiter second = limiter(redis, "shared", limits, 0, true);
      int allowed = 0;
      for (int i = 0; i < 30; i++) {
        RedisLimiter gateway = i % 2 == 0 ? first : second;
        if (gateway.check("route:c", 10, i) == RedisLimiter.Outcome.ALLOWED) {
          allowed++;
        }
      }
      assertThat(allowed).as("the burst of 10 across both, the rate adds at most 1 in this short time").isBetween(10, 11);
      assertThat(RedisMetrics.of("shared").calls().sum()).isGreaterThanOrEqualTo(30);
    }
  }

  @Test
  void leasesKeepRedisOffThePathOfMostMessages() throws Exception {
    try (RedisServer redis = RedisServer.start(directory)) {
      RedisLimiter gateway = limiter(redis, "leased", new Limits(1000, 1000, 0, 0), 100, true);
      long calls = RedisMetrics.of("leased").calls().sum();
      for (int i = 0; i < 100; i++) {
        assertThat(gateway.check("route:c", 1, 0)).isEqualTo(RedisLimiter.Outcome.ALLOWED);
      }
      // a lease is what the rate grants in one cache period: 100 messages
      assertThat(RedisMetrics.of("leased").calls().sum() - calls).isEqualTo(1);
    }
  }

  @Test
  void aRefusalIsRememberedUntilRedisSaidTokensWouldBeBack() throws Exception {
    try (RedisServer redis = RedisServer.start(directory)) {
      RedisLimiter gateway = limiter(redis, "refused", new Limits(1, 1, 0, 0), 500, true);
      assertThat(gateway.check("k", 1, 0)).isEqualTo(RedisLimiter.Outcome.ALLOWED);
      long calls = RedisMetrics.of("refused").calls().sum();
      assertThat(gateway.check("k", 1, MILLI)).isEqualTo(RedisLimiter.Outcome.EXCEEDED);
      for (int i = 2; i < 50; i++) {
        assertThat(gateway.check("k", 1, i * MILLI)).isEqualTo(RedisLimiter.Outcome.EXCEEDED);
      }
      assertThat(RedisMetrics.of("refused").calls().sum() - calls).isEqualTo(1);
    }
  }

  @Test
  void bytesAreLimitedToo() throws Exception {
    try (RedisServer redis = RedisServer.start(directory)) {
      RedisLimiter gateway = limiter(redis, "bytes", new Limits(0, 0, 100, 250), 0, true);
      assertThat(gateway.check("k", 200, 0)).isEqualTo(RedisLimiter.Outcome.ALLOWED);
      assertThat(gateway.check("k", 100, 0)).isEqualTo(RedisLimiter.Outcome.EXCEEDED);
      assertThat(gateway.check("k", 50, 0)).isEqualTo(RedisLimiter.Outcome.ALLOWED);
      assertThat(gateway.check("k", 251, 0)).as("larger than the burst: never").isEqualTo(RedisLimiter.Outcome.EXCEEDED);
    }
  }

  @Test
  void whenRedisDiesTheFailureModeDecidesAndIsCounted() throws Exception {
    try (RedisServer redis = RedisServer.start(directory)) {
      RedisLimiter open = limiter(redis, "dies-open", new Limits(1, 1, 0, 0), 0, true);
      RedisLimiter closed = limiter(redis, "dies-closed", new Limits(1000, 1000, 0, 0), 0, false);
      assertThat(open.check("k", 1, 0)).isEqualTo(RedisLimiter.Outcome.ALLOWED);
      assertThat(closed.check("k", 1, 0)).isEqualTo(RedisLimiter.Outcome.ALLOWED);
      redis.kill();

      long started = System.nanoTime();
      for (int i = 1; i <= 20; i++) {
        assertThat(open.check("k", 1, i * MILLI)).isEqualTo(RedisLimiter.Outcome.UNAVAILABLE_ALLOWED);
        assertThat(closed.check("k", 1, i * MILLI)).isEqualTo(RedisLimiter.Outcome.UNAVAILABLE_DENIED);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no message waits for a dead Redis").isLessThan(Duration.ofSeconds(10));
      assertThat(RedisMetrics.of("dies-open").failures().sum()).isPositive();
      assertThat(RedisMetrics.of("dies-open").allowedWhileUnavailable().sum()).isEqualTo(20);
      assertThat(RedisMetrics.of("dies-closed").deniedWhileUnavailable().sum()).isEqualTo(20);
    }
  }
}
