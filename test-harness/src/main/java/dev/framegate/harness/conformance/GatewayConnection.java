package dev.framegate.harness.conformance;

import dev.framegate.harness.FrameEndpoint;
import dev.framegate.harness.HandshakeResult;
import dev.framegate.harness.UpstreamHandshake;
import java.util.Optional;

/** One connection a scenario opened through a {@link GatewayUnderTest}. */
public interface GatewayConnection {

  /**
   * The answer the client got to its upgrade request, waiting for it up to {@link
   * GatewayUnderTest#patience()}.
   *
   * @return the result
   * @throws AssertionError if the client got no answer in time
   */
  HandshakeResult handshake();

  /**
   * The upgrade request the upstream received, once the client has its answer.
   *
   * @return the request, or empty if the gateway never contacted the upstream
   */
  Optional<UpstreamHandshake> upstreamRequest();

  /**
   * The client side.
   *
   * @return the client
   */
  FrameEndpoint client();

  /**
   * The upstream side.
   *
   * @return the upstream
   */
  FrameEndpoint upstream();

  /**
   * Everything that crossed this connection, for failure messages.
   *
   * @return a multi-line text
   */
  String transcript();
}
