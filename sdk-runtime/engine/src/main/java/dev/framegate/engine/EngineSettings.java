package dev.framegate.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and timeouts of one route's connections (rule A2, A4, C4, C5). Defaults follow Kong.
 * Start from {@link #DEFAULTS} and change what differs with the {@code with...} methods, which name
 * each setting:
 *
 * <pre>{@code
 * EngineSettings settings = EngineSettings.DEFAULTS
 *     .withIdleTimeout(Duration.ofSeconds(60))
 *     .withClientMaxPayload(64 << 10);
 * }</pre>
 *
 * @param clientMaxPayload the default limit for client messages, in bytes (rule A2: 1 MiB)
 * @param upstreamMaxPayload the default limit for upstream messages, in bytes (rule A2: 16 MiB)
 * @param maxFragments the most frames one message may have; 0 for no limit (rule A4)
 * @param maxMessagesPerSecond per side, the most messages a second; 0 for no limit (rule A4)
 * @param connectTimeout the time the upstream has to accept the upgrade (rule C5: 5 s)
 * @param sendTimeout the time a write may stay pending before the connection is closed (rule C5: 5
 *     s); enforced by the transport, which knows when a write completes
 * @param closeLinger the time to wait for the close handshake to finish (rule C5: 30 s)
 * @param idleTimeout close both sides with 1001 after this long without a frame; zero for never
 *     (rule C4)
 * @param keepaliveInterval send a ping to each side this often; zero for never (rule C4)
 * @param autoPong answer pings in the proxy instead of forwarding them (rule C4)
 * @param pluginTimeout the longest one plugin call may take (for a frame: the calls of all plugins on
 *     it together) before the engine ends its connection with 1011 on both sides, as if the plugin
 *     had thrown (rule C3), and interrupts the plugin's thread; zero for no limit
 * @param maxInFlightBytes per direction, the bytes a transport may hold between reading a side and
 *     having written them to the other side before it stops reading (back-pressure); enforced by
 *     the transport, which owns the sockets
 */
public record EngineSettings(
    int clientMaxPayload,
    int upstreamMaxPayload,
    int maxFragments,
    int maxMessagesPerSecond,
    Duration connectTimeout,
    Duration sendTimeout,
    Duration closeLinger,
    Duration idleTimeout,
    Duration keepaliveInterval,
    boolean autoPong,
    Duration pluginTimeout,
    int maxInFlightBytes) {

  /** The default client message limit: 1 MiB. */
  public static final int DEFAULT_CLIENT_MAX_PAYLOAD = 1 << 20;

  /** The default upstream message limit: 16 MiB. */
  public static final int DEFAULT_UPSTREAM_MAX_PAYLOAD = 16 << 20;

  /** The default plugin call limit: 10 s. */
  public static final Duration DEFAULT_PLUGIN_TIMEOUT = Duration.ofSeconds(10);

  /** The default back-pressure bound per direction: 4 MiB. */
  public static final int DEFAULT_MAX_IN_FLIGHT_BYTES = 4 << 20;

  /** The smallest back-pressure bound: 64 KiB. */
  public static final int MIN_IN_FLIGHT_BYTES = 64 << 10;

  /** The largest limit a plugin or a configuration may set: 32 MiB. */
  public static final int MAX_PAYLOAD_CEILING = 32 << 20;

  /**
   * Kong's defaults: 1 MiB / 16 MiB, no fragment or rate limit, 5 s / 5 s / 30 s, no keepalive; and
   * a 10 s plugin call limit and 4 MiB in flight per direction.
   */
  public static final EngineSettings DEFAULTS =
      new EngineSettings(
          DEFAULT_CLIENT_MAX_PAYLOAD,
          DEFAULT_UPSTREAM_MAX_PAYLOAD,
          0,
          0,
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ZERO,
          Duration.ZERO,
          false,
          DEFAULT_PLUGIN_TIMEOUT,
          DEFAULT_MAX_IN_FLIGHT_BYTES);

  /** Checks every value, naming the one out of range. */
  public EngineSettings {
    checkLimit("clientMaxPayload", clientMaxPayload);
    checkLimit("upstreamMaxPayload", upstreamMaxPayload);
    if (maxFragments < 0) {
      throw new IllegalArgumentException("maxFragments must be 0 (no limit) or positive, was " + maxFragments);
    }
    if (maxMessagesPerSecond < 0) {
      throw new IllegalArgumentException(
          "maxMessagesPerSecond must be 0 (no limit) or positive, was " + maxMessagesPerSecond);
    }
    checkPositive("connectTimeout", connectTimeout);
    checkPositive("sendTimeout", sendTimeout);
    checkPositive("closeLinger", closeLinger);
    checkNotNegative("idleTimeout", idleTimeout);
    checkNotNegative("keepaliveInterval", keepaliveInterval);
    checkNotNegative("pluginTimeout", pluginTimeout);
    if (maxInFlightBytes < MIN_IN_FLIGHT_BYTES) {
      throw new IllegalArgumentException(
          "maxInFlightBytes must be at least " + MIN_IN_FLIGHT_BYTES + " bytes (64 KiB), was " + maxInFlightBytes);
    }
  }

  /**
   * The settings without the plugin call limit and back-pressure bound, which take their defaults.
   *
   * @param clientMaxPayload the client message limit in bytes
   * @param upstreamMaxPayload the upstream message limit in bytes
   * @param maxFragments the most frames one message may have; 0 for no limit
   * @param maxMessagesPerSecond per side, the most messages a second; 0 for no limit
   * @param connectTimeout the time the upstream has to accept the upgrade
   * @param sendTimeout the time a write may stay pending
   * @param closeLinger the time to wait for the close handshake to finish
   * @param idleTimeout the idle time-out; zero for never
   * @param keepaliveInterval the keepalive ping interval; zero for never
   * @param autoPong answer pings in the proxy
   */
  public EngineSettings(
      int clientMaxPayload,
      int upstreamMaxPayload,
      int maxFragments,
      int maxMessagesPerSecond,
      Duration connectTimeout,
      Duration sendTimeout,
      Duration closeLinger,
      Duration idleTimeout,
      Duration keepaliveInterval,
      boolean autoPong) {
    this(clientMaxPayload, upstreamMaxPayload, maxFragments, maxMessagesPerSecond, connectTimeout,
        sendTimeout, closeLinger, idleTimeout, keepaliveInterval, autoPong, DEFAULT_PLUGIN_TIMEOUT,
        DEFAULT_MAX_IN_FLIGHT_BYTES);
  }

  private static void checkLimit(String name, int value) {
    if (value <= 0 || value > MAX_PAYLOAD_CEILING) {
      throw new IllegalArgumentException(
          name + " must be between 1 and " + MAX_PAYLOAD_CEILING + " bytes (32 MiB), was " + value);
    }
  }

  private static void checkPositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private static void checkNotNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero (off) or positive, was " + value);
    }
  }

  /**
   * A copy with other message limits.
   *
   * @param client the client message limit in bytes
   * @param upstream the upstream message limit in bytes
   * @return the new settings
   */
  public EngineSettings withMaxPayload(int client, int upstream) {
    return new EngineSettings(client, upstream, maxFragments, maxMessagesPerSecond, connectTimeout,
        sendTimeout, closeLinger, idleTimeout, keepaliveInterval, autoPong, pluginTimeout, maxInFlightBytes);
  }

  /**
   * A copy with another plugin call limit.
   *
   * @param timeout the longest plugin call; zero for no limit
   * @return the new settings
   */
  public EngineSettings withPluginTimeout(Duration timeout) {
    return new EngineSettings(clientMaxPayload, upstreamMaxPayload, maxFragments, maxMessagesPerSecond,
        connectTimeout, sendTimeout, closeLinger, idleTimeout, keepaliveInterval, autoPong, timeout,
        maxInFlightBytes);
  }

  /**
   * A copy with another back-pressure bound.
   *
   * @param bytes the bytes in flight per direction, at least 64 KiB
   * @return the new settings
   */
  public EngineSettings withMaxInFlightBytes(int bytes) {
    return new EngineSettings(clientMaxPayload, upstreamMaxPayload, maxFragments, maxMessagesPerSecond,
        connectTimeout, sendTimeout, closeLinger, idleTimeout, keepaliveInterval, autoPong, pluginTimeout,
        bytes);
  }

  /**
   * A copy with another client message limit.
   *
   * @param bytes the limit for client messages, 1 byte to 32 MiB
   * @return the new settings
   */
  public EngineSettings withClientMaxPayload(int bytes) {
    return withMaxPayload(bytes, upstreamMaxPayload);
  }

  /**
   * A copy with another upstream message limit.
   *
   * @param bytes the limit for upstream messages, 1 byte to 32 MiB
   * @return the new settings
   */
  public EngineSettings withUpstreamMaxPayload(int bytes) {
    return withMaxPayload(clientMaxPayload, bytes);
  }

  /**
   * A copy with another fragment limit.
   *
   * @param fragments the most frames one message may have; 0 for no limit
   * @return the new settings
   */
  public EngineSettings withMaxFragments(int fragments) {
    return new EngineSettings(clientMaxPayload, upstreamMaxPayload, fragments, maxMessagesPerSecond,
        connectTimeout, sendTimeout, closeLinger, idleTimeout, keepaliveInterval, autoPong, pluginTimeout,
        maxInFlightBytes);
  }

  /**
   * A copy with another rate limit.
   *
   * @param messages per side, the most messages a second; 0 for no limit
   * @return the new settings
   */
  public EngineSettings withMaxMessagesPerSecond(int messages) {
    return new EngineSettings(clientMaxPayload, upstreamMaxPayload, maxFragments, messages,
        connectTimeout, sendTimeout, closeLinger, idleTimeout, keepaliveInterval, autoPong, pluginTimeout,
        maxInFlightBytes);
  }

  /**
   * A copy with another connect timeout.
   *
   * @param timeout the time the upstream has to accept the upgrade
   * @return the new settings
   */
  public EngineSettings withConnectTimeout(Duration timeout) {
    return withTimeouts(timeout, sendTimeout);
  }

  /**
   * A copy with another send timeout.
   *
   * @param timeout the time a write may stay pending
   * @return the new settings
   */
  public EngineSettings withSendTimeout(Duration timeout) {
    return withTimeouts(connectTimeout, timeout);
  }

  /**
   * A copy with another close linger.
   *
   * @param linger the time to wait for the close handshake to finish
   * @return the new settings
   */
  public EngineSettings withCloseLinger(Duration linger) {
    return new EngineSettings(clientMaxPayload, upstreamMaxPayload, maxFragments, maxMessagesPerSecond,
        connectTimeout, sendTimeout, linger, idleTimeout, keepaliveInterval, autoPong, pluginTimeout,
        maxInFlightBytes);
  }

  /**
   * A copy with another idle timeout.
   *
   * @param timeout close both sides with 1001 after this long without a frame; zero for never
   * @return the new settings
   */
  public EngineSettings withIdleTimeout(Duration timeout) {
    return new EngineSettings(clientMaxPayload, upstreamMaxPayload, maxFragments, maxMessagesPerSecond,
        connectTimeout, sendTimeout, closeLinger, timeout, keepaliveInterval, autoPong, pluginTimeout,
        maxInFlightBytes);
  }

  /**
   * A copy with another keepalive interval.
   *
   * @param interval send a ping to each side this often; zero for never
   * @return the new settings
   */
  public EngineSettings withKeepaliveInterval(Duration interval) {
    return new EngineSettings(clientMaxPayload, upstreamMaxPayload, maxFragments, maxMessagesPerSecond,
        connectTimeout, sendTimeout, closeLinger, idleTimeout, interval, autoPong, pluginTimeout,
        maxInFlightBytes);
  }

  /**
   * A copy with auto-pong on or off.
   *
   * @param on answer pings in the proxy instead of forwarding them
   * @return the new settings
   */
  public EngineSettings withAutoPong(boolean on) {
    return new EngineSettings(clientMaxPayload, upstreamMaxPayload, maxFragments, maxMessagesPerSecond,
        connectTimeout, sendTimeout, closeLinger, idleTimeout, keepaliveInterval, on, pluginTimeout,
        maxInFlightBytes);
  }

  /**
   * A copy with other connect and send time-outs.
   *
   * @param connect the time the upstream has to accept the upgrade
   * @param send the time a write may stay pending
   * @return the new settings
   */
  public EngineSettings withTimeouts(Duration connect, Duration send) {
    return new EngineSettings(clientMaxPayload, upstreamMaxPayload, maxFragments, maxMessagesPerSecond,
        connect, send, closeLinger, idleTimeout, keepaliveInterval, autoPong, pluginTimeout,
        maxInFlightBytes);
  }
}
