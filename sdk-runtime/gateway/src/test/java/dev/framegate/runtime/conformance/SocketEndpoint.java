package dev.framegate.runtime.conformance;

import dev.framegate.harness.FrameEndpoint;
import dev.framegate.harness.WireFrame;
import dev.framegate.runtime.internal.tyrus.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One side of a proxied connection as a raw RFC 6455 peer on a real socket: it writes exactly the
 * frames a scenario asks for (masked as a client, unmasked as an upstream) and never answers
 * anything on its own; a reader thread queues what the gateway delivers.
 */
final class SocketEndpoint implements FrameEndpoint {

  /** How long an expectation waits for a frame. */
  static final Duration EXPECT_WAIT = Duration.ofSeconds(5);

  /** How long {@link #expectNothing()} listens. */
  static final Duration QUIET_PERIOD = Duration.ofMillis(200);

  private final String name;
  private final boolean masked;
  private final ConnectionTranscript transcript;
  private final LinkedBlockingQueue<WireFrame> inbox = new LinkedBlockingQueue<>();
  private final CountDownLatch attached = new CountDownLatch(1);
  private final CountDownLatch disconnected = new CountDownLatch(1);
  private volatile Socket socket;
  private volatile OutputStream out;
  private volatile boolean vanished;

  SocketEndpoint(String name, boolean masked, ConnectionTranscript transcript) {
    this.name = name;
    this.masked = masked;
    this.transcript = transcript;
  }

  /** The WebSocket is open on this socket; frames start to be read from {@code in}. */
  void attach(Socket opened, InputStream in) throws IOException {
    this.socket = opened;
    this.out = opened.getOutputStream();
    Thread reader = new Thread(() -> read(in), "conformance-" + name + "-reader");
    reader.setDaemon(true);
    reader.start();
    attached.countDown();
  }

  private void read(InputStream in) {
    String direction = "gateway → " + name;
    try {
      while (true) {
        Wire.RawFrame raw = Wire.readFrame(in);
        WireFrame frame = new WireFrame(raw.fin(), raw.rsv(), raw.opcode(), raw.payload());
        transcript.add(direction, frame.describe());
        inbox.add(frame);
      }
    } catch (IOException | RuntimeException e) {
      if (!vanished) {
        transcript.add(direction, "connection closed by the gateway (" + e.getClass().getSimpleName() + ")");
        disconnected.countDown();
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void sendRaw(boolean fin, int rsv, int opcode, byte[] payload) {
    send(fin, rsv, opcode, payload, masked);
  }

  @Override
  public void sendRawWithWrongMasking(boolean fin, int rsv, int opcode, byte[] payload) {
    send(fin, rsv, opcode, payload, !masked);
  }

  private void send(boolean fin, int rsv, int opcode, byte[] payload, boolean maskIt) {
    WireFrame frame = new WireFrame(fin, rsv, opcode, payload);
    String direction = name + " → gateway";
    if (!awaitAttached(EXPECT_WAIT)) {
      throw new IllegalStateException(name + " cannot send " + frame.describe()
          + ": its WebSocket is not open (handshake not completed)\n" + transcript());
    }
    if (vanished || disconnected.getCount() == 0) {
      throw new IllegalStateException(name + " cannot send " + frame.describe() + ": "
          + (vanished ? "it vanished" : "the gateway disconnected it") + "\n" + transcript());
    }
    transcript.add(direction, frame.describe() + (maskIt == masked ? "" : maskIt ? " (masked)" : " (unmasked)"));
    try {
      Wire.writeFrame(out, fin, rsv, opcode, payload, maskIt);
    } catch (IOException e) {
      transcript.add(direction, "write failed: " + e.getMessage());
      throw new IllegalStateException(name + " could not send " + frame.describe() + ": " + e + "\n" + transcript(), e);
    }
  }

  @Override
  public boolean sendFrameHeader(boolean fin, int rsv, int opcode, long payloadLength) {
    String what = "header of " + WireFrame.describeHeader(fin, rsv, opcode, payloadLength);
    String direction = name + " → gateway";
    if (!awaitAttached(EXPECT_WAIT) || vanished || disconnected.getCount() == 0) {
      throw new IllegalStateException(name + " cannot send " + what + ": it is not connected\n" + transcript());
    }
    transcript.add(direction, what + ", no payload");
    java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(14);
    header.put((byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode));
    int maskBit = masked ? 0x80 : 0;
    if (payloadLength >= 0 && payloadLength <= 125) {
      header.put((byte) (maskBit | payloadLength));
    } else if (payloadLength >= 0 && payloadLength <= 0xFFFF) {
      header.put((byte) (maskBit | 126)).putShort((short) payloadLength);
    } else {
      header.put((byte) (maskBit | 127)).putLong(payloadLength);
    }
    if (masked) {
      header.putInt(0x5a5a5a5a);
    }
    try {
      out.write(header.array(), 0, header.position());
      out.flush();
    } catch (IOException e) {
      transcript.add(direction, "write failed: " + e.getMessage());
      throw new IllegalStateException(name + " could not send " + what + ": " + e + "\n" + transcript(), e);
    }
    return true;
  }

  private boolean awaitAttached(Duration wait) {
    try {
      return attached.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public Optional<WireFrame> poll(Duration wait) {
    try {
      return Optional.ofNullable(inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public List<WireFrame> received() {
    return List.copyOf(inbox);
  }

  @Override
  public boolean awaitDisconnected(Duration wait) {
    try {
      return disconnected.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void vanish() {
    Socket open = socket;
    if (open == null || vanished || disconnected.getCount() == 0) {
      throw new IllegalStateException(name + " is not connected\n" + transcript());
    }
    vanished = true;
    transcript.add(name + " → gateway", "vanishes (TCP reset, no close frame)");
    abort(open);
  }

  /** Drops the socket at the end of a scenario, whatever its state. */
  void release() {
    Socket open = socket;
    if (open != null) {
      vanished = true;
      abort(open);
    }
  }

  static void abort(Socket open) {
    try {
      open.setSoLinger(true, 0);
      open.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public String transcript() {
    return transcript.text();
  }

  @Override
  public Duration expectWait() {
    return EXPECT_WAIT;
  }

  @Override
  public Duration quietPeriod() {
    return QUIET_PERIOD;
  }

  @Override
  public String toString() {
    return name;
  }
}
