package dev.framegate.runtime.internal.demo;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A minimal WebSocket client for trying a gateway without other tools: sends messages one by one,
 * prints each reply, then closes with 1000 and prints the close the server answered with.
 */
public final class WsClient {

  private final PrintStream out;
  private final Duration timeout;

  /**
   * Creates a client.
   *
   * @param out where replies are printed
   * @param timeout how long to wait for the connection, each reply and the close
   */
  public WsClient(PrintStream out, Duration timeout) {
    this.out = out;
    this.timeout = timeout;
  }

  /**
   * Connects, sends each message and prints each reply.
   *
   * @param uri the WebSocket URL
   * @param messages the messages to send, in order
   * @param binary send them as binary messages instead of text
   * @return 0 when every message got a reply and the close completed, 1 otherwise
   */
  public int send(URI uri, List<String> messages, boolean binary) {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    WebSocket socket;
    try {
      socket = HttpClient.newBuilder().connectTimeout(timeout).build()
          .newWebSocketBuilder()
          .connectTimeout(timeout)
          .buildAsync(uri, new Collector(events))
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException handshake) {
        out.println("handshake refused: HTTP " + handshake.getResponse().statusCode());
      } else {
        out.println("cannot connect to " + uri + ": " + e.getCause());
      }
      return 1;
    } catch (TimeoutException e) {
      out.println("cannot connect to " + uri + ": no answer within " + timeout.toMillis() + " ms");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    try {
      for (String message : messages) {
        out.println("> " + message);
        if (binary) {
          socket.sendBinary(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), true).join();
        } else {
          socket.sendText(message, true).join();
        }
        String event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
          out.println("no reply within " + timeout.toMillis() + " ms");
          socket.abort();
          return 1;
        }
        out.println(event);
        if (event.startsWith("closed")) {
          return 1;
        }
      }
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
      String close;
      while ((close = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS)) != null && !close.startsWith("closed")) {
        out.println(close);
      }
      out.println(close == null ? "no close reply within " + timeout.toMillis() + " ms" : close);
      return close == null ? 1 : 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (RuntimeException e) {
      out.println("connection failed: " + e.getCause());
      return 1;
    } finally {
      socket.abort();
    }
  }

  private static final class Collector implements WebSocket.Listener {
    private final BlockingQueue<String> events;
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);

    Collector(BlockingQueue<String> events) {
      this.events = events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        events.add("< " + text);
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
      joined.put(binary).put(data).flip();
      binary = joined;
      if (last) {
        events.add("< (binary) " + StandardCharsets.UTF_8.decode(binary));
        binary = ByteBuffer.allocate(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      events.add("closed: " + statusCode + (reason.isEmpty() ? "" : " " + reason));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      events.add("closed: connection failed: " + error);
    }
  }
}
