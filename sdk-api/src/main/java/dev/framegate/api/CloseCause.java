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
  /** The client vanished without a close frame (SPEC C2). */
  CLIENT_GONE,
  /** The upstream vanished without a close frame (SPEC C2). */
  UPSTREAM_GONE,
  /** A plugin called {@code close}. */
  PLUGIN_CLOSE,
  /** A plugin threw or misused the PDK (SPEC C3). */
  PLUGIN_ERROR,
  /** A side broke the protocol: bad frame, bad UTF-8, bad close code (SPEC C5). */
  PROTOCOL_ERROR,
  /** A message, fragment or rate limit was exceeded (SPEC A3, A4). */
  LIMIT_EXCEEDED,
  /** An idle, send or close-linger timeout expired (SPEC C4, C5). */
  TIMEOUT,
  /** The handshake was rejected by a plugin (SPEC P6). */
  REJECTED,
  /** The upstream could not be connected: refused, timed out or answered without 101 (SPEC H2). */
  UPSTREAM_FAILED,
  /** The runtime shut down (SPEC C6). */
  SHUTDOWN
}
