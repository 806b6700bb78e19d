package dev.framegate.harness.conformance;

import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.FramePlugin;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.harness.HandshakeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Helpers shared by the scenarios: short settings, chains, connections and checks. */
final class Checks {

  static final String PATH = "/conformance";
  static final Duration SHORT = Duration.ofMillis(200);
  static final Duration PAST_SHORT = Duration.ofMillis(300);
  /**
   * The connect timeout and close linger of scenarios that do not test them: long enough that a
   * socket runtime never reaches them by accident while a scenario answers a close or waits out
   * {@code expectNothing}; scenarios that test them set {@link #SHORT}.
   */
  static final Duration UNHURRIED = Duration.ofSeconds(2);

  private Checks() {}

  /** Settings with short timeouts where a scenario waits for them, so that a real-time gateway stays fast. */
  static Settings settings() {
    return new Settings();
  }

  /** A mutable builder of {@link EngineSettings}, starting from Kong's limits and short timeouts. */
  static final class Settings {
    int client = EngineSettings.DEFAULT_CLIENT_MAX_PAYLOAD;
    int upstream = EngineSettings.DEFAULT_UPSTREAM_MAX_PAYLOAD;
    int fragments;
    int rate;
    Duration idle = Duration.ZERO;
    Duration keepalive = Duration.ZERO;
    Duration connectTimeout = UNHURRIED;
    Duration closeLinger = UNHURRIED;
    boolean autoPong;

    Settings connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    Settings closeLinger(Duration value) {
      this.closeLinger = value;
      return this;
    }

    Settings maxPayload(int clientLimit, int upstreamLimit) {
      this.client = clientLimit;
      this.upstream = upstreamLimit;
      return this;
    }

    Settings maxFragments(int value) {
      this.fragments = value;
      return this;
    }

    Settings rate(int value) {
      this.rate = value;
      return this;
    }

    Settings idle(Duration value) {
      this.idle = value;
      return this;
    }

    Settings keepalive(Duration value) {
      this.keepalive = value;
      return this;
    }

    Settings autoPong() {
      this.autoPong = true;
      return this;
    }

    EngineSettings build() {
      return new EngineSettings(client, upstream, fragments, rate, connectTimeout, Duration.ofSeconds(1), closeLinger, idle, keepalive,
          autoPong);
    }
  }

  static PluginChain chain(Object... pluginsAndConfigs) {
    PluginChain.Builder builder = PluginChain.builder();
    for (int i = 0; i < pluginsAndConfigs.length; i += 2) {
      builder.add((FramePlugin<?>) pluginsAndConfigs[i], pluginsAndConfigs[i + 1]);
    }
    return builder.build();
  }

  static PluginChain chain(FramePlugin<?> plugin, Object config, ErrorPolicy policy, Object... more) {
    PluginChain.Builder builder = PluginChain.builder().add(plugin, config, policy);
    for (int i = 0; i < more.length; i += 2) {
      builder.add((FramePlugin<?>) more[i], more[i + 1]);
    }
    return builder.build();
  }

  /** Configures the gateway, connects a client to an accepting upstream and checks the 101. */
  static GatewayConnection open(GatewayUnderTest gateway, PluginChain chain, EngineSettings settings) {
    gateway.configure(chain, settings);
    return open(gateway, HandshakeSpec.path(PATH), UpstreamAnswer.accept());
  }

  static GatewayConnection open(GatewayUnderTest gateway, HandshakeSpec spec, UpstreamAnswer answer) {
    GatewayConnection connection = gateway.connect(spec, answer);
    check(connection.handshake().status() == 101, "expected the client to be upgraded (101), got "
        + connection.handshake().status(), connection);
    return connection;
  }

  static void check(boolean condition, String message, GatewayConnection connection) {
    if (!condition) {
      throw new AssertionError(message + "\n" + connection.transcript());
    }
  }

  static void check(boolean condition, String message, GatewayConnection connection, EventLog log) {
    if (!condition) {
      throw new AssertionError(message + "\n" + log + "\n" + connection.transcript());
    }
  }

  /** Waits (over sockets) until the log holds an event. */
  static void awaitEvent(GatewayUnderTest gateway, EventLog log, String event, GatewayConnection connection) {
    check(log.await(gateway.patience(), events -> events.contains(event)), "expected plugin event '" + event + "'", connection, log);
  }

  static void awaitEvents(GatewayUnderTest gateway, EventLog log, Predicate<List<String>> condition, String what,
      GatewayConnection connection) {
    check(log.await(gateway.patience(), condition), "expected " + what, connection, log);
  }

  /** Whether an exception message names a phase, however it spells it ("upstream frame", "onUpstreamFrame"). */
  static boolean namesPhase(String message, String phaseLetters) {
    return message.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "").contains(phaseLetters);
  }

  static byte[] bytes(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) ('a' + i % 26);
    }
    return data;
  }

  static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Both sides answer the close frames they got, completing the close handshake. */
  static void finishClose(GatewayConnection connection, int clientCode, int upstreamCode) {
    connection.client().sendClose(clientCode);
    connection.upstream().sendClose(upstreamCode);
  }
}
