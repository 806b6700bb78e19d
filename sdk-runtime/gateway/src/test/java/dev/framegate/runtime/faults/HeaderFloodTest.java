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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ten hostile clients each announce a frame of 2^63 - 1 bytes and then send 30 MiB, against a
 * gateway whose heap is 256 MiB. The build runs this class in its own JVM with that heap, exiting on
 * OutOfMemoryError. Each client must get its 1009 within 100 ms of its header, nothing of the frames
 * may be buffered, and other connections keep echoing meanwhile.
 */
class HeaderFloodTest {

  private static final int CLIENTS = 10;
  private static final int JUNK = 30 << 20;
  private static final long CLOSE_WITHIN_MILLIS = 100;

  private final FaultRig rig = new FaultRig();

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  /** One hostile client on its own threads: a writer and a reader timing the close frame. */
  private static final class Hostile implements AutoCloseable {
    final Socket socket;
    final int junk;
    final CompletableFuture<Long> closeMillis = new CompletableFuture<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    final CompletableFuture<Boolean> tcpClosed = new CompletableFuture<>();
    volatile long headerSent;

    Hostile(int port, int junk) throws IOException {
      this.junk = junk;
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /flood HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(Wire.readHead(socket.getInputStream()).status()).isEqualTo(101);
    }

    void run(CountDownLatch go, long startDelayMillis) {
      Thread reader = new Thread(() -> {
        try {
          InputStream in = socket.getInputStream();
          Wire.RawFrame close = Wire.readFrame(in);
          closeMillis.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - headerSent));
          closeCode.complete(close.opcode() == 8 ? close.closeCode() : -close.opcode());
          tcpClosed.complete(in.read() < 0);
        } catch (IOException e) {
          closeMillis.completeExceptionally(e);
          closeCode.completeExceptionally(e);
          tcpClosed.complete(e instanceof java.net.SocketException);
        }
      }, "flood-reader");
      reader.setDaemon(true);
      reader.start();
      Thread writer = new Thread(() -> {
        try {
          go.await();
          Thread.sleep(startDelayMillis);
          OutputStream out = socket.getOutputStream();
          headerSent = System.nanoTime();
          out.write(HeaderLimitsTest.header(Long.MAX_VALUE));
          out.flush();
          // 30 MiB of junk with no close frame in it (0x88 never occurs), then the close reply.
          byte[] chunk = new byte[1 << 20];
          Arrays.fill(chunk, (byte) 0x5A);
          for (int sent = 0; sent < junk; sent += chunk.length) {
            out.write(chunk);
            // About 150 MiB/s from the ten together: the test's own writers must leave the gateway
            // some of the machine's two cores, or they would time their own scheduling.
            Thread.sleep(60);
          }
          Wire.writeFrame(out, true, 0, 8, Wire.closePayload(1009, ""), true);
        } catch (IOException | InterruptedException e) {
          // the gateway may close once the handshake is done
        }
      }, "flood-writer");
      writer.setDaemon(true);
      writer.start();
    }

    @Override
    public void close() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }
  }

  private static long heapAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      memory.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  @DisplayName("A3 C5 ten clients announce 2^63-1 bytes then send 30 MiB each against a 256 MiB heap: each gets 1009 within 100 ms of its header, nothing is buffered, other connections keep echoing")
  void tenEndlessFrames() throws Exception {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assumeTrue(maxHeap <= 300L << 20, "runs in the build's 256 MiB-heap execution (max heap now " + (maxHeap >> 20) + " MiB)");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = heapAfterGc(memory);

    RawUpstream flooded = rig.upstream(RawUpstream.Mode.ECHO);
    RawUpstream echo = rig.upstream(RawUpstream.Mode.ECHO);
    Gateway gateway = rig.gateway(
        FaultRig.route("/flood", flooded.uri("/"), PluginChain.empty(), EngineSettings.DEFAULTS),
        FaultRig.route("/echo", echo.uri("/"), PluginChain.empty(), EngineSettings.DEFAULTS));
    List<RawClient> healthy = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      healthy.add(rig.client(gateway, "/echo"));
    }
    // Warm-up, not measured: two such clients compile the decoder's and the engine's refusal paths.
    CountDownLatch warm = new CountDownLatch(1);
    List<Hostile> warmUp = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Hostile client = rig.keep(new Hostile(gateway.port(), 8 << 20));
      client.run(warm, 0);
      warmUp.add(client);
    }
    warm.countDown();
    for (Hostile client : warmUp) {
      assertThat(client.tcpClosed.get(20, TimeUnit.SECONDS)).isTrue();
    }

    List<Hostile> hostile = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < CLIENTS; i++) {
      Hostile client = rig.keep(new Hostile(gateway.port(), JUNK));
      // Ten separate clients, a few milliseconds apart, as they would arrive.
      client.run(go, 25L * i);
      hostile.add(client);
    }

    go.countDown();
    long largestHeld = 0;
    int echoes = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!hostile.stream().allMatch(h -> h.tcpClosed.isDone()) && System.nanoTime() < deadline) {
      for (RawClient client : healthy) {
        client.sendText("echo " + echoes);
        assertThat(client.read().text()).as("other connections keep echoing").isEqualTo("echo " + echoes);
        echoes++;
      }
      largestHeld = Math.max(largestHeld, gateway.inFlightBytes());
      Thread.sleep(5);
    }

    System.out.printf("header flood: 1009 after %s ms%n",
        hostile.stream().map(h -> String.valueOf(h.closeMillis.getNow(-1L))).toList());
    for (Hostile client : hostile) {
      assertThat(client.closeCode.get(1, TimeUnit.SECONDS)).isEqualTo(1009);
      assertThat(client.closeMillis.get(1, TimeUnit.SECONDS)).as("ms from the header to the 1009")
          .isLessThanOrEqualTo(CLOSE_WITHIN_MILLIS);
      assertThat(client.tcpClosed.get(1, TimeUnit.SECONDS)).as("the close reply completed the handshake").isTrue();
    }
    long heapAfter = heapAfterGc(memory);
    assertThat(largestHeld).as("bytes held by the gateway while the frames came in").isLessThan(1 << 20);
    assertThat(heapAfter - heapBefore).as("live heap growth, bytes").isLessThan(32L << 20);
    assertThat(echoes).isPositive();
    System.out.printf("header flood: 1009 after %s ms; %d echoes meanwhile; largest held %d KiB; heap %d -> %d MiB%n",
        hostile.stream().map(h -> String.valueOf(h.closeMillis.join())).toList(), echoes, largestHeld >> 10,
        heapBefore >> 20, heapAfter >> 20);
  }
}
