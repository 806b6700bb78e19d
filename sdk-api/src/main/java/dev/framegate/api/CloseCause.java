package dev.framegate.api;

/**
 * Why a connection ended.
 *
 * @since 1.0
 */
public enum CloseCause {
  /** A close handshake started by the client. */
  CLIENT_CLOSE,
  /** A close handshake started by the upstream. */
  UPSTREAM_CLOSE,
  /** The client vanished without a close frame (rule C2). */
  CLIENT_GONE,
  /** The upstream vanished without a close frame (rule C2). */
  UPSTREAM_GONE,
  /** A plugin called {@code close}. */
  PLUGIN_CLOSE,
  /** A plugin threw or misused the PDK (rule C3). */
  PLUGIN_ERROR,
  /** A side broke the protocol: bad frame, bad UTF-8, bad close code (rule C5). */
  PROTOCOL_ERROR,
  /** A message, fragment or rate limit was exceeded (rules A3, A4). */
  LIMIT_EXCEEDED,
  /** An idle, send or close-linger timeout expired (rules C4, C5). */
  TIMEOUT,
  /** The handshake was rejected by a plugin (rule P6). */
  REJECTED,
  /** The upstream could not be connected: refused, timed out or answered without 101 (rule H2). */
  UPSTREAM_FAILED,
  /** The runtime shut down (rule C6). */
  SHUTDOWN
}
