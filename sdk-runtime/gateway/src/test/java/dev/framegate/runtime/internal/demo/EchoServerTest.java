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
  void theClientReportsARefusedHandshake() {
    int code = client.send(java.net.URI.create("ws://127.0.0.1:" + echo.port() + "/nowhere"), List.of("x"), text);

    assertThat(code).isEqualTo(1);
    assertThat(printed()).startsWith("handshake refused: HTTP 404");
  }
}
