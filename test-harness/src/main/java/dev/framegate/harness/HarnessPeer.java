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

  final HarnessConnection connection;
  final Side side;
  private final ArrayDeque<WireFrame> inbox = new ArrayDeque<>();
  private boolean disconnectedByGateway;
  private boolean vanished;

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

  private void send(WireFrame frame, boolean masked) {
    connection.settle();
    if (vanished || disconnectedByGateway) {
      throw new IllegalStateException(name() + " cannot send " + frame.describe() + ": "
          + (vanished ? "it vanished" : "the gateway disconnected it") + "\n" + transcript());
    }
    if (!connection.canSend(side)) {
      throw new IllegalStateException(name() + " cannot send " + frame.describe()
          + ": its WebSocket is not open (handshake not completed)\n" + transcript());
    }
    connection.fromPeer(side, frame, masked);
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
