package dev.framegate.plugins.ratelimit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.config.ConfigException;
import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HandshakeSpec;
import dev.framegate.harness.HarnessConnection;
import dev.framegate.plugins.testing.RedisServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin in the harness, on the harness's virtual clock (the PDK clock). */
class RateLimitPluginTest {

  @TempDir
  Path directory;

  private static FrameHarness harness(Map<String, ?> config) {
    return FrameHarness.builder().plugin(RateLimitPlugin.class, config).build();
  }

  private static Map<String, Object> config(Object... entries) {
    Map<String, Object> config = new HashMap<>();
    for (int i = 0; i < entries.length; i += 2) {
      config.put((String) entries[i], entries[i + 1]);
    }
    return config;
  }

  private static HandshakeSpec from(String address) {
    return HandshakeSpec.path("/chat").remoteAddress(new InetSocketAddress(address, 50000));
  }

  @Test
  void aBurstPassesThenMessagesAreDroppedUntilTheRateRefills() {
    try (FrameHarness harness = harness(config("messages-per-second", 2, "message-burst", 3))) {
      HarnessConnection ws = harness.connect("/chat");
      for (int i = 1; i <= 5; i++) {
        ws.client().sendText("m" + i);
      }
      ws.upstream().expectText("m1").expectText("m2").expectText("m3").expectNothing();
      harness.advance(Duration.ofMillis(499));
      ws.client().sendText("early");
      ws.upstream().expectNothing();
      harness.advance(Duration.ofMillis(1));
      ws.client().sendText("refilled");
      ws.upstream().expectText("refilled");
      ws.client().expectNothing();
    }
  }

  @Test
  void closeModeClosesTheSenderWith1008AndTheOtherSideWith1001() {
    try (FrameHarness harness = harness(config("messages-per-second", 1, "on-excess", "close"))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("one");
      ws.upstream().expectText("one");
      ws.client().sendText("two");
      ws.client().expectClose(1008, "Rate Limit Exceeded");
      ws.upstream().expectClose(1001);
    }
  }

  @Test
  void bytesPerSecondCountPayloadBytes() {
    try (FrameHarness harness = harness(config("bytes-per-second", 100, "byte-burst", 150))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendBinary(new byte[100]);
      ws.client().sendBinary(new byte[60]);
      ws.client().sendBinary(new byte[50]);
      ws.upstream().expectBinary(new byte[100]).expectBinary(new byte[50]).expectNothing();
      ws.client().sendBinary(new byte[151]);
      harness.advance(Duration.ofSeconds(10));
      ws.client().sendBinary(new byte[151]);
      ws.upstream().expectNothing(); // larger than the byte burst: never
      ws.client().sendBinary(new byte[150]);
      ws.upstream().expectBinary(new byte[150]);
    }
  }

  @Test
  void eachConnectionHasItsOwnLimitByDefault() {
    try (FrameHarness harness = harness(config("messages-per-second", 1))) {
      HarnessConnection first = harness.connect(from("10.0.0.1"));
      HarnessConnection second = harness.connect(from("10.0.0.1"));
      first.client().sendText("a");
      second.client().sendText("b");
      first.upstream().expectText("a");
      second.upstream().expectText("b");
    }
  }

  @Test
  void connectionsFromOneClientAddressShareALimit() {
    try (FrameHarness harness = harness(config("messages-per-second", 1, "key-by", "client-address"))) {
      HarnessConnection first = harness.connect(from("10.0.0.1"));
      HarnessConnection second = harness.connect(from("10.0.0.1"));
      HarnessConnection other = harness.connect(from("10.0.0.2"));
      first.client().sendText("a");
      second.client().sendText("b");
      other.client().sendText("c");
      first.upstream().expectText("a");
      second.upstream().expectNothing();
      other.upstream().expectText("c");
    }
  }

  @Test
  void connectionsWithOneHeaderValueShareALimitAndWithoutTheHeaderTheAddressCounts() {
    try (FrameHarness harness = harness(config("messages-per-second", 1, "key-by", "header", "header", "X-Consumer"))) {
      HarnessConnection alice = harness.connect(from("10.0.0.1").header("X-Consumer", "alice"));
      HarnessConnection aliceElsewhere = harness.connect(from("10.0.0.2").header("X-Consumer", "alice"));
      HarnessConnection bob = harness.connect(from("10.0.0.1").header("X-Consumer", "bob"));
      HarnessConnection anonymous = harness.connect(from("10.0.0.3"));
      HarnessConnection anonymousAgain = harness.connect(from("10.0.0.3"));
      alice.client().sendText("a1");
      aliceElsewhere.client().sendText("a2");
      bob.client().sendText("b1");
      anonymous.client().sendText("x1");
      anonymousAgain.client().sendText("x2");
      alice.upstream().expectText("a1");
      aliceElsewhere.upstream().expectNothing();
      bob.upstream().expectText("b1");
      anonymous.upstream().expectText("x1");
      anonymousAgain.upstream().expectNothing();
    }
  }

  @Test
  void theRouteSharesOneLimit() {
    try (FrameHarness harness = harness(config("messages-per-second", 2, "key-by", "route"))) {
      HarnessConnection first = harness.connect(from("10.0.0.1"));
      HarnessConnection second = harness.connect(from("10.0.0.2"));
      HarnessConnection third = harness.connect(from("10.0.0.3"));
      first.client().sendText("1");
      second.client().sendText("2");
      third.client().sendText("3");
      first.upstream().expectText("1");
      second.upstream().expectText("2");
      third.upstream().expectNothing();
    }
  }

  @Test
  void upstreamMessagesAreLimitedWhenAsked() {
    try (FrameHarness harness = harness(config("messages-per-second", 1, "direction", "upstream"))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("c1");
      ws.client().sendText("c2");
      ws.upstream().expectText("c1").expectText("c2");
      ws.upstream().sendText("u1");
      ws.upstream().sendText("u2");
      ws.client().expectText("u1").expectNothing();
    }
  }

  @Test
  void bothDirectionsHaveTheirOwnBuckets() {
    try (FrameHarness harness = harness(config("messages-per-second", 1, "direction", "both"))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("c1");
      ws.upstream().sendText("u1");
      ws.client().sendText("c2");
      ws.upstream().expectText("c1").expectNothing();
      ws.client().expectText("u1").expectNothing();
    }
  }

  @Test
  void controlFramesAreNeverCounted() {
    try (FrameHarness harness = harness(config("messages-per-second", 1))) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("one");
      ws.client().sendPing("p1".getBytes());
      ws.client().sendPing("p2".getBytes());
      ws.upstream().expectText("one").expectPing("p1".getBytes()).expectPing("p2".getBytes());
    }
  }

  @Test
  void withoutARateEverythingPasses() {
    try (FrameHarness harness = harness(Map.of())) {
      HarnessConnection ws = harness.connect("/chat");
      for (int i = 0; i < 100; i++) {
        ws.client().sendText("m" + i);
      }
      for (int i = 0; i < 100; i++) {
        ws.upstream().expectText("m" + i);
      }
    }
  }

  @Test
  void inconsistentSettingsAreConfigurationErrorsNamingTheField() {
    assertThatThrownBy(() -> harness(config("messages-per-second", 1, "key-by", "header")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("header: name the request header");
    assertThatThrownBy(() -> harness(config("messages-per-second", 1, "policy", "redis")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("redis: give redis.uri");
    assertThatThrownBy(() -> harness(config("messages-per-second", 1, "policy", "redis", "redis", Map.of("uri", "redis://127.0.0.1:1"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("limit-name");
    assertThatThrownBy(() -> harness(config("messages-per-second", 1, "policy", "redis", "limit-name", "x",
        "redis", Map.of("uri", "http://127.0.0.1:1"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("field 'redis'").hasMessageContaining("uri: expected redis://host:port");
    assertThatThrownBy(() -> harness(config("messages-per-second", -1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> harness(config("message-burst", 0.5)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("message-burst");
  }

  @Test
  void redisFailingClosedDropsMessagesButNeverClosesTheConnection() throws Exception {
    RedisServer redis = RedisServer.start(directory);
    Map<String, Object> config = config("messages-per-second", 1000, "key-by", "route", "on-excess", "close",
        "policy", "redis", "limit-name", "harness-closed",
        "redis", Map.of("uri", redis.uri(), "timeout", "2s", "cache", "0ms", "fail", "closed"));
    try (FrameHarness harness = harness(config)) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("while Redis runs");
      ws.upstream().expectText("while Redis runs");
      redis.kill();
      ws.client().sendText("Redis is gone");
      ws.upstream().expectNothing();
      ws.client().expectNothing();
      ws.upstream().sendText("the connection is still open");
      ws.client().expectText("the connection is still open");
    } finally {
      redis.close();
    }
  }

  @Test
  void redisFailingOpenLetsMessagesThrough() throws Exception {
    RedisServer redis = RedisServer.start(directory);
    Map<String, Object> config = config("messages-per-second", 1, "message-burst", 1, "key-by", "route",
        "policy", "redis", "limit-name", "harness-open",
        "redis", Map.of("uri", redis.uri(), "timeout", "2s", "cache", "0ms", "fail", "open"));
    try (FrameHarness harness = harness(config)) {
      HarnessConnection ws = harness.connect("/chat");
      ws.client().sendText("1");
      ws.client().sendText("2");
      ws.upstream().expectText("1").expectNothing();
      redis.kill();
      ws.client().sendText("3");
      ws.client().sendText("4");
      ws.upstream().expectText("3").expectText("4");
    } finally {
      redis.close();
    }
  }
}
