package dev.framegate.plugins.ratelimit;

/**
 * The rates and bursts of one limit entry.
 *
 * @param messagesPerSecond the message rate, 0 for none
 * @param messageBurst the message bucket's size
 * @param bytesPerSecond the byte rate, 0 for none
 * @param byteBurst the byte bucket's size (a message larger than this never passes)
 */
record Limits(double messagesPerSecond, double messageBurst, double bytesPerSecond, double byteBurst) {

  /** Whether a message of this size can ever pass. */
  boolean fits(int size) {
    return bytesPerSecond <= 0 || size <= byteBurst;
  }
}
