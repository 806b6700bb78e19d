package dev.framegate.runtime.conformance;

import dev.framegate.harness.FrameEndpoint;
import dev.framegate.harness.HandshakeResult;
import dev.framegate.harness.HandshakeSpec;
import dev.framegate.harness.UpstreamHandshake;
import dev.framegate.harness.conformance.GatewayConnection;
import dev.framegate.harness.conformance.UpstreamAnswer;
import dev.framegate.runtime.internal.tyrus.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;

/**
 * One connection a scenario opened through a {@link SocketGateway}: a raw client socket to the
 * gateway, and the upstream socket the gateway opened to the {@link ScriptedUpstream}.
 */
final class SocketConnection implements GatewayConnection {

  private final int id;
  private final HandshakeSpec spec;
  private final UpstreamAnswer answer;
  private final Duration patience;
  private final ConnectionTranscript transcript;
  private final SocketEndpoint client;
  private final SocketEndpoint upstream;
  private final CompletableFuture<HandshakeResult> handshake = new CompletableFuture<>();
  private final AtomicReference<UpstreamHandshake> upstreamRequest = new AtomicReference<>();
  private final CountDownLatch routedOrAnswered = new CountDownLatch(1);
  private volatile Socket upstreamSocket;

  SocketConnection(int id, HandshakeSpec spec, UpstreamAnswer answer, Duration patience) {
    this.id = id;
    this.spec = spec;
    this.answer = answer;
    this.patience = patience;
    this.transcript = new ConnectionTranscript("connection " + id + " (" + spec + ", upstream: " + answer + ")");
    this.client = new SocketEndpoint("client", true, transcript);
    this.upstream = new SocketEndpoint("upstream", false, transcript);
  }

  int id() {
    return id;
  }

  UpstreamAnswer answer() {
    return answer;
  }

  /** Connects the client socket, writes the upgrade request, and reads the answer on its own thread. */
  void open(SocketFactory sockets, int gatewayPort) throws IOException {
    Socket socket = sockets.createSocket("127.0.0.1", gatewayPort);
    socket.setTcpNoDelay(true);
    StringBuilder request = new StringBuilder(spec.method()).append(' ').append(spec.target()).append(" HTTP/1.1\r\n");
    for (Map.Entry<String, String> header : spec.allHeaders()) {
      request.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    request.append("\r\n");
    transcript.add("client → gateway", "upgrade request " + spec + " headers " + spec.allHeaders());
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    Thread reader = new Thread(() -> readAnswer(socket), "conformance-client-handshake");
    reader.setDaemon(true);
    reader.start();
  }

  private void readAnswer(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      Wire.MultiHead head = Wire.readMultiHead(in);
      List<String> protocol = head.headers().getOrDefault("sec-websocket-protocol", List.of());
      HandshakeResult result = new HandshakeResult(head.status(), head.headers(), head.body(),
          protocol.isEmpty() ? Optional.empty() : Optional.of(protocol.get(0)));
      transcript.add("gateway → client", head.startLine() + " headers " + head.headers()
          + (head.body().isEmpty() ? "" : " body \"" + head.body().strip() + "\""));
      if (result.upgraded()) {
        client.attach(socket, in);
      } else {
        SocketEndpoint.abort(socket);
      }
      handshake.complete(result);
    } catch (IOException | RuntimeException e) {
      transcript.add("gateway → client", "no answer to the upgrade: " + e);
      handshake.completeExceptionally(e);
      SocketEndpoint.abort(socket);
    } finally {
      routedOrAnswered.countDown();
    }
  }

  /** The gateway looked up the route of this connection. */
  void routed() {
    routedOrAnswered.countDown();
  }

  /** Waits until the gateway routed the request or answered it, so that routes go to the right connection. */
  void awaitRoutedOrAnswered() throws InterruptedException {
    routedOrAnswered.await(patience.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The scripted upstream received the gateway's upgrade request for this connection. */
  void upstreamRequested(Wire.MultiHead head, Socket socket) {
    upstreamSocket = socket;
    List<String> offered = new java.util.ArrayList<>();
    for (String value : head.headers().getOrDefault("sec-websocket-protocol", List.of())) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          offered.add(part.trim());
        }
      }
    }
    upstreamRequest.set(new UpstreamHandshake(head.headers(), offered));
    transcript.add("gateway → upstream", "upgrade request " + head.startLine() + " headers " + head.headers());
  }

  /** The scripted upstream accepted: its WebSocket is open. */
  void upstreamOpened(Socket socket, InputStream in, String statusLine) throws IOException {
    transcript.add("upstream → gateway", statusLine);
    upstream.attach(socket, in);
  }

  void upstreamAnswered(String statusLine) {
    transcript.add("upstream → gateway", statusLine);
  }

  @Override
  public HandshakeResult handshake() {
    try {
      return handshake.get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the client got no answer to its upgrade request within " + patience.toMillis() + " ms\n"
          + transcript());
    } catch (ExecutionException e) {
      throw new AssertionError("the client got no answer to its upgrade request: " + e.getCause() + "\n" + transcript(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  @Override
  public Optional<UpstreamHandshake> upstreamRequest() {
    return Optional.ofNullable(upstreamRequest.get());
  }

  @Override
  public FrameEndpoint client() {
    return client;
  }

  @Override
  public FrameEndpoint upstream() {
    return upstream;
  }

  @Override
  public String transcript() {
    return transcript.text();
  }

  /** Drops both sockets at the end of a scenario. */
  void release() {
    client.release();
    upstream.release();
    Socket quiet = upstreamSocket;
    if (quiet != null) {
      SocketEndpoint.abort(quiet);
    }
  }
}
