package dev.framegate.engine.internal;

import dev.framegate.api.FrameType;
import java.nio.ByteBuffer;
import java.util.ArrayList;

/**
 * The fragmented message a direction is receiving (rule A1): its type, its fragments as they came
 * (not copied until the last one arrives), its size and fragment count for the limits, and where
 * the UTF-8 check of a text message stands.
 */
final class PartialMessage {

  private final ArrayList<ByteBuffer> fragments = new ArrayList<>();
  private boolean open;
  private FrameType type;
  private long bytes;
  private int count;
  private int utf8State = Utf8.COMPLETE;

  /** Whether a fragmented message has started and not finished. */
  boolean open() {
    return open;
  }

  FrameType type() {
    return type;
  }

  /** The payload bytes held so far; never more than the direction's limit. */
  long bytes() {
    return bytes;
  }

  /** The fragments so far. */
  int count() {
    return count;
  }

  /** Starts a message with its first fragment; the limits are checked by the caller. */
  void start(FrameType messageType, ByteBuffer first) {
    open = true;
    type = messageType;
    count = 1;
    bytes = first.remaining();
    fragments.add(first);
  }

  /** Counts a continuation towards the limits before it is checked and kept. */
  void count(ByteBuffer next) {
    count++;
    bytes += next.remaining();
  }

  /** Keeps a counted continuation. */
  void keep(ByteBuffer next) {
    fragments.add(next);
  }

  /**
   * Scans a fragment of a text message for UTF-8.
   *
   * @param last whether the message ends with it
   * @return {@code false} when the text so far is not valid UTF-8 (or ends inside a character)
   */
  boolean validUtf8(ByteBuffer fragment, boolean last) {
    utf8State = Utf8.scan(utf8State, fragment);
    return utf8State != Utf8.INVALID && (!last || utf8State == Utf8.COMPLETE);
  }

  /** The whole message, copied once into one buffer; the message is then reset. */
  ByteBuffer assemble() {
    byte[] whole = new byte[(int) bytes];
    int at = 0;
    for (ByteBuffer part : fragments) {
      int n = part.remaining();
      part.get(part.position(), whole, at, n);
      at += n;
    }
    reset();
    return ByteBuffer.wrap(whole);
  }

  /** Forgets the message: finished, cut short by a close, or ended by an error. */
  void reset() {
    open = false;
    type = null;
    fragments.clear();
    bytes = 0;
    count = 0;
    utf8State = Utf8.COMPLETE;
  }
}
