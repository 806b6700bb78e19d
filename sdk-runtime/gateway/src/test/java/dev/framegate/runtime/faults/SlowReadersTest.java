package dev.framegate.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import dev.framegate.runtime.internal.tyrus.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 100 slow readers while their upstreams push 1 MiB messages as fast as they can. Without
 * back-pressure the gateway would queue what loopback delivers (hundreds of MiB a second) and run
 * out of memory; with it, each direction holds about its bound. The build runs this class in its own
 * JVM with a 512 MiB heap that exits on OutOfMemoryError.
 */
class SlowReadersTest {

  private static final int READERS = 100;
  private static final int MESSAGE = 1 << 20;
  private static final int BOUND = 256 << 10;
  private static final long RUN_MILLIS = 5000;
  /** Per connection: the bound, the message that crossed it, one being read, some slack. */
  private static final long PER_CONNECTION_CEILING = BOUND + 2L * MESSAGE + (64 << 10);
  /** Live heap per connection: what is in flight, the frame being decoded, and some slack. */
  private static final long PER_CONNECTION_HEAP = BOUND + 3L * MESSAGE;

  private final FaultRig rig = new FaultRig();

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  /** A client that reads 16 KiB every 20 ms (about 800 KiB/s), on its own thread. */
  private static final class SlowReader implements AutoCloseable {
    final Socket socket;
    final AtomicLong bytesRead = new AtomicLong();
    final Thread thread;

    SlowReader(int port) throws IOException {
      socket = new Socket();
      socket.setReceiveBufferSize(64 << 10);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      socket.setSoTimeout(10_000);
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Wire.Head head = Wire.readHead(socket.getInputStream());
      assertThat(head.status()).isEqualTo(101);
      thread = new Thread(this::readSlowly, "slow-reader");
      thread.setDaemon(true);
      thread.start();
    }

    private void readSlowly() {
      byte[] buffer = new byte[16 << 10];
      try {
        InputStream in = socket.getInputStream();
        while (true) {
          int n = in.read(buffer);
          if (n < 0) {
            return;
          }
          bytesRead.addAndGet(n);
          Thread.sleep(20);
        }
      } catch (IOException | InterruptedException e) {
        // closed at the end of the test
      }
    }

    @Override
    public void close() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
      thread.interrupt();
    }
  }

  private static long heapAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      memory.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  @DisplayName("100 slow readers, upstreams pushing 1 MiB messages: in flight stays per connection under the bound plus two messages, the heap stays bounded, every reader keeps receiving, and the gateway still serves")
  void hundredSlowReaders() throws Exception {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assumeTrue(maxHeap <= 600L << 20, "runs in the build's capped-heap execution (max heap now "
        + (maxHeap >> 20) + " MiB)");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = heapAfterGc(memory);

    RawUpstream flooding = rig.upstream(RawUpstream.Mode.RECORD);
    RawUpstream echo = rig.upstream(RawUpstream.Mode.ECHO);
    EngineSettings settings = EngineSettings.DEFAULTS.withMaxInFlightBytes(BOUND);
    Gateway gateway = rig.gateway(
        FaultRig.route("/slow", flooding.uri("/"), PluginChain.empty(), settings),
        FaultRig.route("/echo", echo.uri("/"), PluginChain.empty(), settings));

    byte[] message = new byte[MESSAGE];
    List<SlowReader> readers = new ArrayList<>();
    for (int i = 0; i < READERS; i++) {
      readers.add(rig.keep(new SlowReader(gateway.port())));
      rig.keep(Flood.fromUpstream(flooding.nextPeer().out(), message));
    }

    long largestTotal = 0;
    long largestOne = 0;
    long deadline = System.nanoTime() + RUN_MILLIS * 1_000_000;
    while (System.nanoTime() < deadline) {
      largestTotal = Math.max(largestTotal, gateway.inFlightBytes());
      largestOne = Math.max(largestOne, gateway.largestInFlightBytes());
      Thread.sleep(20);
    }
    long heapUnderLoad = heapAfterGc(memory);

    assertThat(largestOne).as("largest in flight of one direction, bytes").isLessThanOrEqualTo(PER_CONNECTION_CEILING);
    assertThat(largestTotal).as("largest in flight over all connections, bytes")
        .isLessThanOrEqualTo(READERS * PER_CONNECTION_CEILING);
    assertThat(heapUnderLoad - heapBefore).as("heap growth under load after GC, bytes")
        .isLessThan(READERS * PER_CONNECTION_HEAP);
    assertThat(readers).as("every reader keeps receiving").allMatch(r -> r.bytesRead.get() > 0);
    assertThat(gateway.openConnections()).as("no reader was cut off: they all move").isEqualTo(READERS);

    RawClient fresh = rig.client(gateway, "/echo");
    fresh.sendText("still serving");
    assertThat(fresh.read().text()).isEqualTo("still serving");
    System.out.printf("slow readers: largest in flight %d KiB per direction, %d KiB in total; heap %d MiB before,"
        + " %d MiB under load (after GC)%n", largestOne >> 10, largestTotal >> 10, heapBefore >> 20, heapUnderLoad >> 20);
  }
}
