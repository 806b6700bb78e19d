package dev.framegate.runtime.internal.transport;

import java.util.ArrayList;

/**
 * The frames an I/O thread sends while it processes one read, written together when the read is
 * done: one gathering write per socket instead of one write per frame (a read that carries several
 * frames, or a message that a plugin answers and forwards). One per thread, reused.
 */
final class WriteBatch {

  private static final ThreadLocal<WriteBatch> CURRENT = ThreadLocal.withInitial(WriteBatch::new);

  private final ArrayList<Peer> enlisted = new ArrayList<>(2);
  private int depth;

  private WriteBatch() {}

  /** Starts collecting on this thread (nested calls join the outer batch). */
  static WriteBatch open() {
    WriteBatch batch = CURRENT.get();
    batch.depth++;
    return batch;
  }

  /** The batch collecting on this thread, or {@code null}. */
  static WriteBatch current() {
    WriteBatch batch = CURRENT.get();
    return batch.depth > 0 ? batch : null;
  }

  /** A side with frames to write when the batch closes. */
  void enlist(Peer peer) {
    enlisted.add(peer);
  }

  /** Ends the read: writes what was collected, side by side. */
  void close() {
    if (--depth > 0) {
      return;
    }
    // a flush may complete writes that enlist nothing new: the list does not change under it
    for (int i = 0; i < enlisted.size(); i++) {
      enlisted.get(i).flush();
    }
    enlisted.clear();
  }
}
