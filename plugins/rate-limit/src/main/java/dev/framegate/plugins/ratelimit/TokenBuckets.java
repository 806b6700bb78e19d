package dev.framegate.plugins.ratelimit;

/**
 * A message bucket and a byte bucket refilled continuously at their rates up to their bursts; a
 * message passes when both hold enough tokens, and then takes one message token and its size in
 * byte tokens. A rate of 0 leaves that dimension unlimited. Not thread-safe: a connection's own
 * buckets are used by its own direction only, shared ones are locked by their caller.
 */
final class TokenBuckets {

  private final Limits limits;
  private double messages;
  private double bytes;
  private long refilledAt;

  /**
   * Full buckets.
   *
   * @param limits the rates and bursts
   * @param now the PDK clock's nanoTime
   */
  TokenBuckets(Limits limits, long now) {
    this.limits = limits;
    this.messages = limits.messageBurst();
    this.bytes = limits.byteBurst();
    this.refilledAt = now;
  }

  /**
   * Takes the tokens of one message if both buckets hold them.
   *
   * @param size the message's payload length
   * @param now the PDK clock's nanoTime
   * @return whether the message is within the limits
   */
  boolean tryTake(int size, long now) {
    refill(now);
    boolean messageOk = limits.messagesPerSecond() <= 0 || messages >= 1;
    boolean byteOk = limits.bytesPerSecond() <= 0 || bytes >= size;
    if (!messageOk || !byteOk) {
      return false;
    }
    messages -= 1;
    bytes -= size;
    return true;
  }

  /**
   * Whether the buckets are full again: an idle key whose state can be forgotten.
   *
   * @param now the PDK clock's nanoTime
   * @return {@code true} when nothing is owed
   */
  boolean isFull(long now) {
    refill(now);
    return (limits.messagesPerSecond() <= 0 || messages >= limits.messageBurst())
        && (limits.bytesPerSecond() <= 0 || bytes >= limits.byteBurst());
  }

  private void refill(long now) {
    long elapsed = now - refilledAt;
    if (elapsed <= 0) {
      return;
    }
    refilledAt = now;
    double seconds = elapsed / 1e9;
    if (limits.messagesPerSecond() > 0) {
      messages = Math.min(limits.messageBurst(), messages + seconds * limits.messagesPerSecond());
    }
    if (limits.bytesPerSecond() > 0) {
      bytes = Math.min(limits.byteBurst(), bytes + seconds * limits.bytesPerSecond());
    }
  }
}
