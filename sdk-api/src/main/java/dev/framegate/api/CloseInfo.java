package dev.framegate.api;

import java.util.OptionalInt;

/**
 * How a connection ended, readable in the close phase.
 *
 * @since 1.0
 */
public interface CloseInfo {

  /**
   * Why the connection ended.
   *
   * @return the cause
   * @since 1.0
   */
  CloseCause cause();

  /**
   * The close code the client received from the proxy.
   *
   * @return the code; empty if the client got no close frame or one without a code
   * @since 1.0
   */
  OptionalInt clientStatus();

  /**
   * The close code the upstream received from the proxy.
   *
   * @return the code; empty if the upstream got no close frame (or was never connected) or one
   *     without a code
   * @since 1.0
   */
  OptionalInt upstreamStatus();

  /**
   * A human-readable explanation: the close reason, the error message, or the rejection body.
   *
   * @return the detail, possibly empty
   * @since 1.0
   */
  String detail();
}
