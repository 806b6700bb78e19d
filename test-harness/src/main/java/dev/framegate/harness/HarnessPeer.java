package dev.framegate.harness;

import dev.framegate.engine.Side;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * One simulated side of a {@link HarnessConnection}: what a test sends as the client (or the
 * upstream), and the queue of frames the engine delivered to it. Every call runs at once on the
 * calling thread; expectations never wait.
 */
public class HarnessPeer implements FrameEndpoint {

  /** No admitted header waits for its payload (an admitted length is never negative). */
  private static final long NO_HEADER = Long.MIN_VALUE;

  final HarnessConnection connection;
  final Side side;
  private final ArrayDeque<WireFrame> inbox = new ArrayDeque<>();
  private boolean disconnectedByGateway;
  private boolean vanished;
  private long announcedPayload = NO_HEADER;

  HarnessPeer(HarnessConnection connection, Side side) {
    this.connection = connection;
    this.side = side;
  }

  @Override
  public String name() {
    return side == Side.CLIENT ? "client" : "upstream";
  }

  @Override
  public void sendRaw(boolean fin, int rsv, int opcode, byte[] payload) {
    send(new WireFrame(fin, rsv, opcode, payload), side == Side.CLIENT);
  }

  @Override
  public void sendRawWithWrongMasking(boolean fin, int rsv, int opcode, byte[] payload) {
    send(new WireFrame(fin, rsv, opcode, payload), side != Side.CLIENT);
  }

  @Override
  public boolean sendFrameHeader(boolean fin, int rsv, int opcode, long payloadLength) {
    new WireFrame(fin, rsv, opcode, new byte[0]); // checks rsv and opcode
    checkCanSend(WireFrame.describeHeader(fin, rsv, opcode, payloadLength));
    boolean admitted = connection.headerFromPeer(side, fin, rsv, opcode, side == Side.CLIENT, payloadLength);
    if (admitted) {
      announcedPayload = payloadLength;
    }
    return admitted;
  }

  private void send(WireFrame frame, boolean masked) {
    checkCanSend(frame.describe());
    connection.fromPeer(side, frame, masked);
  }

  private void checkCanSend(String what) {
    connection.settle();
    if (vanished || disconnectedByGateway) {
      throw new IllegalStateException(name() + " cannot send " + what + ": "
          + (vanished ? "it vanished" : "the gateway disconnected it") + "\n" + transcript());
    }
    if (!connection.canSend(side)) {
      throw new IllegalStateException(name() + " cannot send " + what
          + ": its WebSocket is not open (handshake not completed)\n" + transcript());
    }
    if (announcedPayload != NO_HEADER) {
      throw new IllegalStateException(name() + " cannot send " + what + ": the gateway admitted a frame header"
          + " announcing " + Long.toUnsignedString(announcedPayload) + " bytes and waits for that payload, which"
          + " the harness does not send; this side can only vanish()\n" + transcript());
    }
  }

  @Override
  public Optional<WireFrame> poll(Duration wait) {
    connection.settle();
    return Optional.ofNullable(inbox.poll());
  }

  @Override
  public List<WireFrame> received() {
    connection.settle();
    return List.copyOf(inbox);
  }

  @Override
  public boolean awaitDisconnected(Duration wait) {
    connection.settle();
    return disconnectedByGateway;
  }

  /**
   * Whether the gateway closed this side's network connection.
   *
   * @return {@code true} once disconnected
   */
  public boolean isDisconnected() {
    return disconnectedByGateway;
  }

  @Override
  public void vanish() {
    connection.settle();
    if (vanished || disconnectedByGateway) {
      throw new IllegalStateException(name() + " is already gone\n" + transcript());
    }
    vanished = true;
    connection.vanished(side);
  }

  @Override
  public String transcript() {
    return connection.transcript();
  }

  @Override
  public Duration expectWait() {
    return Duration.ZERO;
  }

  @Override
  public Duration quietPeriod() {
    return Duration.ZERO;
  }

  boolean deliver(WireFrame frame) {
    if (vanished || disconnectedByGateway) {
      return false;
    }
    inbox.add(frame);
    return true;
  }

  boolean disconnect() {
    boolean first = !disconnectedByGateway;
    disconnectedByGateway = true;
    return first;
  }

  boolean isGone() {
    return vanished || disconnectedByGateway;
  }

  @Override
  public String toString() {
    return name() + " of " + connection.id();
  }
}
