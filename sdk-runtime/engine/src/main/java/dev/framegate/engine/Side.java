package dev.framegate.engine;

/** One of the two sides of a proxied connection. */
public enum Side {
  /** The WebSocket client that connected to the runtime. */
  CLIENT,
  /** The upstream server the runtime connected to. */
  UPSTREAM;

  /**
   * The other side.
   *
   * @return {@code UPSTREAM} for {@code CLIENT} and the reverse
   */
  public Side other() {
    return this == CLIENT ? UPSTREAM : CLIENT;
  }
}
