package dev.framegate.harness.conformance;

import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.harness.HandshakeSpec;
import java.time.Duration;

/**
 * What a gateway must let a conformance scenario do. The test harness implements it without
 * sockets ({@link HarnessGateway}); a socket runtime implements it over real connections, with a
 * scriptable client and upstream that send raw frames and never answer pings or close frames on
 * their own. Each scenario gets a fresh instance and closes it.
 */
public interface GatewayUnderTest extends AutoCloseable {

  /**
   * Sets the plugin chain and settings for the connections opened after this call. May be called
   * again: connections already open keep the chain they started with (rule P2).
   *
   * @param chain the plugins
   * @param settings the limits and timeouts
   */
  void configure(PluginChain chain, EngineSettings settings);

  /**
   * Opens a connection: the client sends the upgrade request, and the upstream answers it as
   * scripted if the gateway contacts it. Returns without waiting for the client's answer.
   *
   * @param spec the client's upgrade request
   * @param answer how the upstream answers
   * @return the connection
   */
  GatewayConnection connect(HandshakeSpec spec, UpstreamAnswer answer);

  /**
   * Lets time pass: the harness advances its virtual clock; a socket runtime sleeps. Scenarios keep
   * durations well under a second.
   *
   * @param duration how long
   */
  void passTime(Duration duration);

  /** Shuts the gateway down as a stopping runtime does (rule C6). */
  void shutdown();

  /**
   * How long to wait for an asynchronous effect (a close phase, a handshake answer) before failing:
   * zero in the harness, a few seconds over sockets.
   *
   * @return the bound
   */
  Duration patience();

  /** Releases everything the gateway holds: connections, servers, threads. */
  @Override
  void close();
}
