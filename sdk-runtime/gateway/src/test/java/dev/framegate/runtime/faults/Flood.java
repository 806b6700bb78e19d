package dev.framegate.runtime.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the same binary message again and again to a socket on its own thread, until the socket
 * fails or the flood is stopped: a peer that sends faster than the other side reads. The payload is
 * written as is, never copied.
 */
final class Flood implements AutoCloseable {

  private final Thread thread;
  private final OutputStream out;
  private final AtomicLong messagesWritten = new AtomicLong();
  private volatile boolean stopped;

  private Flood(OutputStream out, byte[] payload, boolean masked, String name) {
    this.out = out;
    this.thread = new Thread(() -> run(out, payload, masked), name);
    thread.setDaemon(true);
    thread.start();
  }

  /** An upstream's flood: unmasked frames. */
  static Flood fromUpstream(OutputStream out, byte[] payload) {
    return new Flood(out, payload, false, "flood-from-upstream");
  }

  /** A client's flood: masked frames, with an all-zero mask so that the payload needs no copy. */
  static Flood fromClient(OutputStream out, byte[] payload) {
    return new Flood(out, payload, true, "flood-from-client");
  }

  private void run(OutputStream out, byte[] payload, boolean masked) {
    ByteBuffer head = ByteBuffer.allocate(14);
    head.put((byte) 0x82);
    head.put((byte) ((masked ? 0x80 : 0) | 127));
    head.putLong(payload.length);
    if (masked) {
      head.putInt(0);
    }
    byte[] header = java.util.Arrays.copyOf(head.array(), head.position());
    try {
      while (!stopped) {
        synchronized (out) {
          out.write(header);
          out.write(payload);
          out.flush();
        }
        messagesWritten.incrementAndGet();
      }
    } catch (IOException e) {
      // the gateway closed the connection
    }
  }

  long messagesWritten() {
    return messagesWritten.get();
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    try {
      out.close(); // a write blocked by back-pressure ends only when its socket closes
    } catch (IOException e) {
      // already closed
    }
    thread.join(2000);
  }
}
