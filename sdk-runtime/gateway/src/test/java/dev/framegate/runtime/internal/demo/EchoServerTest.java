package dev.framegate.runtime.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EchoServerTest {

  private EchoServer echo;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final WsClient client = new WsClient(new PrintStream(printed, true, StandardCharsets.UTF_8));
  private final WsClient.Options text = WsClient.Options.of(Duration.ofSeconds(5));

  @BeforeEach
  void start() {
    echo = EchoServer.start(0);
  }

  @AfterEach
  void stop() {
    echo.close();
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void echoesTextMessagesAndAnswersTheClose() {
    int code = client.send(echo.uri(), List.of("hello", "second message"), text);

    assertThat(code).isZero();
    assertThat(printed()).isEqualTo(String.join(System.lineSeparator(),
        "> hello", "< hello", "> second message", "< second message", "closed: 1000 bye", ""));
  }

  @Test
  void echoesBinaryMessages() {
    int code = client.send(echo.uri(), List.of("bytes"), new WsClient.Options(Duration.ofSeconds(5), Duration.ofSeconds(5), true, false, List.of()));

    assertThat(code).isZero();
    assertThat(printed()).contains("< (binary) bytes");
  }

  @Test
  void listensOnLoopbackOnly() throws Exception {
    assertThat(echo.uri().toString()).isEqualTo("ws://127.0.0.1:" + echo.port() + "/echo");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", echo.port()), 2000);
      assertThat(socket.isConnected()).isTrue();
    }
    // a non-loopback address of this machine must not reach it
    for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
        if (!address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
          try (Socket socket = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> socket.connect(new InetSocketAddress(address, echo.port()), 2000))
                .isInstanceOf(java.io.IOException.class);
          }
        }
      }
    }
  }

  @Test
  @org.junit.jupiter.api.DisplayName("a client that writes and never reads is slowed down: the echo queues at most about 1 MiB for it")
  void aClientThatNeverReadsCannotGrowTheEchoWithoutBound() throws Exception {
    dev.framegate.runtime.internal.tyrus.RawClient client =
        dev.framegate.runtime.internal.tyrus.RawClient.connect(echo.port()).upgrade(EchoServer.PATH);
    try {
      assertThat(client.response.status()).isEqualTo(101);
      byte[] message = new byte[64 * 1024];
      long limit = 96L << 20;
      java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
      Thread writer = new Thread(() -> {
        try {
          while (written.get() < limit) {
            client.send(2, message);
            written.addAndGet(message.length);
          }
        } catch (java.io.IOException closed) {
          // the test closes the socket to end a blocked write
        }
      }, "never-reading-writer");
      writer.setDaemon(true);
      writer.start();
      long maxPending = 0;
      long last = -1;
      long stillSince = System.nanoTime();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      // Until the writer is stuck (no progress for a second) or done.
      while (System.nanoTime() < deadline && writer.isAlive()) {
        maxPending = Math.max(maxPending, echo.pendingBytes());
        long now = written.get();
        if (now != last) {
          last = now;
          stillSince = System.nanoTime();
        } else if (System.nanoTime() - stillSince > Duration.ofSeconds(1).toNanos()) {
          break;
        }
        Thread.sleep(20);
      }
      maxPending = Math.max(maxPending, echo.pendingBytes());
      assertThat(writer.isAlive()).as("the writer is blocked by TCP flow control, after %s bytes", written.get()).isTrue();
      // socket buffers on both sides of both directions take a few MiB; the echo itself at most its bound
      assertThat(written.get()).as("bytes the echo let the client write").isLessThan(48L << 20);
      // the bound decides when reading stops; the read that crossed it (one socket read) is still echoed
      assertThat(maxPending).as("bytes the echo queued at most").isLessThanOrEqualTo(EchoFlow.BOUND + (256 << 10));
    } finally {
      client.abort();
    }
  }

  @Test
  void theClientReportsARefusedHandshake() {
    int code = client.send(java.net.URI.create("ws://127.0.0.1:" + echo.port() + "/nowhere"), List.of("x"), text);

    assertThat(code).isEqualTo(1);
    assertThat(printed()).startsWith("handshake refused: HTTP 404");
  }
}
