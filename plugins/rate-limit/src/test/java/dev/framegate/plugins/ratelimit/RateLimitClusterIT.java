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

  private static final double RATE = 10;
  private static final int BURST = 10;

  @TempDir
  Path directory;

  private static String config(RedisServer redis, String limit, String fail, String onExcess) {
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
                  on-excess: %s
                  policy: redis
                  limit-name: %s
                  redis: {uri: "%s", timeout: 1s, cache: 100ms, fail: %s}
        """.formatted(RATE, BURST, onExcess, limit, redis.uri(), fail);
  }

  /** What two clients receive until neither receives anything for {@code quiet}: the echoes of what passed. */
  private static final class Received {
    int texts;
    long lastAt;
  }

  private static Received drain(WsClient first, WsClient second, Duration quiet) {
    Received received = new Received();
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < quiet.toNanos()) {
      boolean any = false;
      for (WsClient client : new WsClient[] {first, second}) {
        WsClient.Event event = client.poll(Duration.ofMillis(20));
        if (event == null) {
          continue;
        }
        if (!(event instanceof WsClient.Text)) {
          throw new AssertionError("unexpected " + event);
        }
        received.texts++;
        received.lastAt = System.nanoTime();
        any = true;
      }
      if (any) {
        quietSince = System.nanoTime();
      }
    }
    return received;
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
        RuntimeProcess first = RuntimeProcess.start(Files.createDirectories(directory.resolve("a")), config(redis, "cluster", "open", "drop"), jar);
        RuntimeProcess second = RuntimeProcess.start(Files.createDirectories(directory.resolve("b")), config(redis, "cluster", "open", "drop"), jar);
        WsClient toFirst = WsClient.connect(first.uri("/limited"));
        WsClient toSecond = WsClient.connect(second.uri("/limited"))) {

      // each gateway opens its Redis connection with its first message: wait for that, then for the
      // shared bucket to fill up again, so that what follows measures the limit, not the start-up
      toFirst.sendText("warm-up");
      assertThat(toFirst.next(Duration.ofSeconds(30))).isEqualTo(new WsClient.Text("warm-up"));
      toSecond.sendText("warm-up");
      assertThat(toSecond.next(Duration.ofSeconds(30))).isEqualTo(new WsClient.Text("warm-up"));
      Thread.sleep((long) (1000 * BURST / RATE) + 500);

      // up to 100 messages a second (fewer on a busy machine), alternating, for 6 s: several times the cluster rate
      int sent = 0;
      long start = System.nanoTime();
      long end = start + Duration.ofSeconds(6).toNanos();
      while (System.nanoTime() < end) {
        (sent % 2 == 0 ? toFirst : toSecond).sendText("m" + sent);
        sent++;
        Thread.sleep(10);
      }
      double sending = (System.nanoTime() - start) / 1e9;
      Received echoes = drain(toFirst, toSecond, Duration.ofSeconds(2));
      int passed = echoes.texts;
      // the gateways decide when they process a message, which may lag behind the send under load:
      // the window runs from the first send to the last echo
      double seconds = Math.max(sending, (echoes.lastAt - start) / 1e9);
      double expected = BURST + RATE * seconds;
      assertThat(sent).as("the client offered far more than the cluster rate").isGreaterThan((int) (2 * expected));
      System.out.printf("cluster limit: %d of %d messages passed in %.2f s (sending %.2f s); the cluster allows %.0f%n",
          passed, sent, seconds, sending, expected);
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
      int passedAfterKill = drain(toFirst, toSecond, Duration.ofSeconds(2)).texts;
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
            config(redis, "closed", "closed", "close"),
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
