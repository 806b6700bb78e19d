package dev.framegate.plugins.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.plugins.testing.RedisServer;
import dev.framegate.plugins.testing.RuntimeProcess;
import dev.framegate.plugins.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several gateways, one limit: a real redis-server and two runtime processes (the distribution with
 * this plugin JAR) sharing one {@code rate-limit} route with {@code policy: redis}.
 */
class RateLimitClusterIT {

  private static final double RATE = 20;
  private static final int BURST = 20;

  @TempDir
  Path directory;

  private static String config(RedisServer redis, String limit, String fail) {
    return """
        listeners: [{port: 0}]
        plugins: {directory: plugins, fail-fast: true}
        admin: {port: 0}
        routes:
          - name: limited
            path: /limited
            upstream: builtin:echo
            plugins:
              - name: rate-limit
                config:
                  messages-per-second: %s
                  message-burst: %d
                  key-by: route
                  policy: redis
                  limit-name: %s
                  redis: {uri: "%s", timeout: 1s, cache: 100ms, fail: %s}
        """.formatted(RATE, BURST, limit, redis.uri(), fail);
  }

  private static int drain(WsClient client, Duration quiet) {
    int texts = 0;
    WsClient.Event event;
    while ((event = client.poll(quiet)) != null) {
      if (event instanceof WsClient.Text) {
        texts++;
      } else {
        throw new AssertionError("unexpected " + event);
      }
    }
    return texts;
  }

  private static long metric(RuntimeProcess runtime, String series) throws Exception {
    String body = runtime.admin("/metrics").body();
    Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\d+)$").matcher(body);
    return value.find() ? Long.parseLong(value.group(1)) : 0;
  }

  @Test
  void aClientAlternatingBetweenTwoGatewaysIsLimitedAtTheClusterRateAndKeepsItsConnectionsWhenRedisDies() throws Exception {
    Path jar = RuntimeProcess.pluginJar();
    try (RedisServer redis = RedisServer.start(Files.createDirectories(directory.resolve("redis")));
        RuntimeProcess first = RuntimeProcess.start(Files.createDirectories(directory.resolve("a")), config(redis, "cluster", "open"), jar);
        RuntimeProcess second = RuntimeProcess.start(Files.createDirectories(directory.resolve("b")), config(redis, "cluster", "open"), jar);
        WsClient toFirst = WsClient.connect(first.uri("/limited"));
        WsClient toSecond = WsClient.connect(second.uri("/limited"))) {

      // about 100 messages a second, alternating, for 6 s: five times the cluster rate
      int sent = 0;
      long start = System.nanoTime();
      long end = start + Duration.ofSeconds(6).toNanos();
      while (System.nanoTime() < end) {
        (sent % 2 == 0 ? toFirst : toSecond).sendText("m" + sent);
        sent++;
        Thread.sleep(10);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int passed = drain(toFirst, Duration.ofSeconds(1)) + drain(toSecond, Duration.ofMillis(200));
      double expected = BURST + RATE * seconds;
      assertThat(sent).as("the client offered far more than the cluster rate").isGreaterThan((int) (2 * expected));
      assertThat((double) passed).as("messages through both gateways: %d of %d sent in %.2f s; the cluster allows %.0f",
          passed, sent, seconds, expected).isBetween(expected * 0.9, expected * 1.1);

      // Redis dies: fail open lets messages through, and no connection is dropped
      redis.kill();
      int afterKill = 0;
      for (int i = 0; i < 60; i++) {
        (i % 2 == 0 ? toFirst : toSecond).sendText("after " + i);
        afterKill++;
        Thread.sleep(20);
      }
      int passedAfterKill = drain(toFirst, Duration.ofSeconds(1)) + drain(toSecond, Duration.ofMillis(200));
      assertThat(passedAfterKill).as("fail open: messages pass while Redis is down").isGreaterThanOrEqualTo((int) (afterKill * 0.9));
      assertThat(toFirst.isOpen()).isTrue();
      assertThat(toSecond.isOpen()).isTrue();
      toFirst.sendText("still here");
      toFirst.expectText("still here");
      toSecond.sendText("still here");
      toSecond.expectText("still here");

      for (RuntimeProcess runtime : new RuntimeProcess[] {first, second}) {
        assertThat(metric(runtime, "framegate_rate_limit_redis_failures_total{limit=\"cluster\"}")).isPositive();
        assertThat(metric(runtime, "framegate_rate_limit_redis_unavailable_total{limit=\"cluster\",outcome=\"allowed\"}")).isPositive();
        assertThat(metric(runtime, "framegate_rate_limit_redis_calls_total{limit=\"cluster\"}")).isPositive();
      }
    }
  }

  @Test
  void failingClosedDropsMessagesWhileRedisIsDownWithoutClosingTheConnection() throws Exception {
    try (RedisServer redis = RedisServer.start(Files.createDirectories(directory.resolve("redis")));
        RuntimeProcess runtime = RuntimeProcess.start(Files.createDirectories(directory.resolve("a")),
            config(redis, "closed", "closed").replace("key-by: route", "key-by: route\n                  on-excess: close"),
            RuntimeProcess.pluginJar());
        WsClient client = WsClient.connect(runtime.uri("/limited"))) {
      client.sendText("before");
      client.expectText("before");
      redis.kill();
      for (int i = 0; i < 10; i++) {
        client.sendText("dropped " + i);
      }
      assertThat(client.poll(Duration.ofSeconds(1))).as("fail closed: nothing passes, nothing closes").isNull();
      assertThat(client.isOpen()).isTrue();
      assertThat(metric(runtime, "framegate_rate_limit_redis_unavailable_total{limit=\"closed\",outcome=\"denied\"}"))
          .isGreaterThanOrEqualTo(10);
    }
  }
}
