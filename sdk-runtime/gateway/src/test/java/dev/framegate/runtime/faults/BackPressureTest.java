package dev.framegate.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseInfo;
import dev.framegate.engine.EngineSettings;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A side that sends far more than the other side reads: the gateway stops reading the sender once
 * a direction has its bound in flight (so the sender's TCP writes block), and the send timeout ends
 * a connection whose reader does not move at all: the reader is disconnected, the sender gets 1001,
 * the close phase runs and the connection leaves the open count.
 */
class BackPressureTest {

  private static final int BOUND = 256 << 10;
  private static final int MESSAGE = 1 << 20;
  /** What may be in flight in one direction: the bound, the message that crossed it, one being read. */
  private static final long CEILING = BOUND + 2L * MESSAGE + (64 << 10);

  private static final EngineSettings SETTINGS =
      new EngineSettings(4 << 20, 4 << 20, 0, 0, Duration.ofSeconds(5), Duration.ofSeconds(2),
          Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, false, Duration.ofSeconds(10), BOUND);

  private final FaultRig rig = new FaultRig();
  private final FaultRig.CloseRecorder recorder = new FaultRig.CloseRecorder();

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  /**
   * Whether the gateway dropped its socket: writing to a socket whose other end is closed is
   * answered with a reset, so a later write fails. A socket the gateway still holds (closing
   * gracefully behind bytes the peer never reads) accepts every write.
   */
  private static boolean cutOff(OutputStream out) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    byte[] ping = {(byte) 0x89, (byte) 0x80, 0, 0, 0, 0};
    while (System.nanoTime() < deadline) {
      try {
        synchronized (out) {
          out.write(ping);
          out.flush();
        }
      } catch (java.io.IOException e) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** Samples the gateway's largest in-flight direction while the flood runs. */
  private static long watchInFlight(Gateway gateway, long millis) throws InterruptedException {
    long largest = 0;
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < deadline) {
      largest = Math.max(largest, gateway.largestInFlightBytes());
      Thread.sleep(5);
    }
    return largest;
  }

  @Test
  @DisplayName("a client that never reads while the upstream floods 1 MiB messages: in flight stays under the bound plus a message or two, the upstream is pushed back, the send timeout ends it")
  void clientThatNeverReads() throws Exception {
    RawUpstream upstream = rig.upstream(RawUpstream.Mode.RECORD);
    Gateway gateway = rig.gateway(FaultRig.route("/flood", upstream.uri("/"), recorder.chain(), SETTINGS));
    RawClient client = rig.client(gateway, "/flood");
    RawUpstream.Peer peer = upstream.nextPeer();
    Flood flood = rig.keep(Flood.fromUpstream(peer.out(), new byte[MESSAGE]));

    long largest = watchInFlight(gateway, 1500);
    long written = flood.messagesWritten();
    assertThat(largest).as("largest in flight, bytes").isPositive().isLessThanOrEqualTo(CEILING);
    assertThat(written).as("messages the upstream got rid of: its writes block").isLessThan(64);

    CloseInfo info = recorder.next();
    assertThat(info.cause()).isEqualTo(CloseCause.TIMEOUT);
    assertThat(info.upstreamStatus()).hasValue(1001);
    assertThat(info.clientStatus()).as("the stuck client is cut off without a close frame").isEmpty();
    assertThat(upstream.frames).anyMatch(f -> f.opcode() == 8 && f.closeCode() == 1001);
    FaultRig.allConnectionsFinished(gateway);
    assertThat(cutOff(client.output())).as("the gateway dropped the stuck client's socket").isTrue();
  }

  @Test
  @DisplayName("an upstream that never reads while the client floods 1 MiB messages: in flight stays bounded, the client is pushed back, the send timeout ends it with 1001 to the client")
  void upstreamThatNeverReads() throws Exception {
    RawUpstream upstream = rig.upstream(RawUpstream.Mode.STALL);
    Gateway gateway = rig.gateway(FaultRig.route("/flood", upstream.uri("/"), recorder.chain(), SETTINGS));
    RawClient client = rig.client(gateway, "/flood");
    RawUpstream.Peer peer = upstream.nextPeer();
    Flood flood = rig.keep(Flood.fromClient(client.output(), new byte[MESSAGE]));

    long largest = watchInFlight(gateway, 1500);
    assertThat(largest).as("largest in flight, bytes").isPositive().isLessThanOrEqualTo(CEILING);
    assertThat(flood.messagesWritten()).as("messages the client got rid of: its writes block").isLessThan(64);

    assertThat(client.readUntilClose().closeCode()).isEqualTo(1001);
    CloseInfo info = recorder.next();
    assertThat(info.cause()).isEqualTo(CloseCause.TIMEOUT);
    assertThat(info.clientStatus()).hasValue(1001);
    FaultRig.allConnectionsFinished(gateway);
    assertThat(cutOff(peer.out())).as("the gateway dropped the stuck upstream's socket").isTrue();
  }

  @Test
  @DisplayName("a slow reader that does move is not cut off: every message arrives, in order")
  void slowButMovingReaderGetsEverything() throws Exception {
    RawUpstream upstream = rig.upstream(RawUpstream.Mode.RECORD);
    Gateway gateway = rig.gateway(FaultRig.route("/flood", upstream.uri("/"), recorder.chain(), SETTINGS));
    RawClient client = rig.client(gateway, "/flood");
    RawUpstream.Peer peer = upstream.nextPeer();
    int count = 12;
    Thread sender = new Thread(() -> {
      try {
        for (int i = 0; i < count; i++) {
          byte[] payload = new byte[MESSAGE];
          payload[0] = (byte) i;
          peer.send(true, 2, payload);
        }
      } catch (Exception e) {
        // the assertions below fail then
      }
    });
    sender.setDaemon(true);
    sender.start();
    long largest = 0;
    for (int i = 0; i < count; i++) {
      Thread.sleep(50);
      largest = Math.max(largest, gateway.largestInFlightBytes());
      var frame = client.read();
      assertThat(frame.payload()).hasSize(MESSAGE);
      assertThat(frame.payload()[0]).isEqualTo((byte) i);
    }
    assertThat(largest).isLessThanOrEqualTo(CEILING);
    assertThat(recorder.closes).isEmpty();
  }
}
