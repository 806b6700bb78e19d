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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A minimal WebSocket client for trying a gateway without other tools: sends messages one by one,
 * prints the reply to each, then closes with 1000 and prints the close the server answered with.
 * Whatever happens after the connection opened, it ends with a close handshake.
 */
public final class WsClient {

  /**
   * How {@link #send} talks to the server.
   *
   * @param timeout how long to wait for the connection and for the answer to the closing handshake
   * @param replyTimeout how long to wait for the reply to each message
   * @param binary send the messages as binary messages instead of text
   * @param keepGoing go on with the next message when one gets no reply, instead of closing
   * @param headers extra headers of the upgrade request, in order
   */
  public record Options(Duration timeout, Duration replyTimeout, boolean binary, boolean keepGoing,
      List<Map.Entry<String, String>> headers) {

    /**
     * Checks and copies.
     *
     * @param timeout how long to wait for the connection and for the answer to the closing handshake
     * @param replyTimeout how long to wait for the reply to each message
     * @param binary send the messages as binary messages instead of text
     * @param keepGoing go on with the next message when one gets no reply
     * @param headers extra headers of the upgrade request
     */
    public Options {
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(replyTimeout, "replyTimeout");
      headers = List.copyOf(headers);
    }

    /**
     * Text messages, no extra headers, one timeout for everything, stop at a missing reply.
     *
     * @param timeout the timeout
     * @return the options
     */
    public static Options of(Duration timeout) {
      return new Options(timeout, timeout, false, false, List.of());
    }
  }

  private final PrintStream out;

  /**
   * Creates a client.
   *
   * @param out where replies are printed
   */
  public WsClient(PrintStream out) {
    this.out = out;
  }

  /**
   * Connects, sends each message, prints its reply, and closes.
   *
   * @param uri the WebSocket URL
   * @param messages the messages to send, in order
   * @param options timeouts, headers and how to go on
   * @return 0 when the close handshake completed and every message got its reply (or {@code
   *     keepGoing} was set), 1 otherwise
   * @throws IllegalArgumentException when a header is one the client may not set
   */
  public int send(URI uri, List<String> messages, Options options) {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    WebSocket socket;
    Duration timeout = options.timeout();
    try {
      WebSocket.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).build()
          .newWebSocketBuilder()
          .connectTimeout(timeout);
      for (Map.Entry<String, String> header : options.headers()) {
        builder.header(header.getKey(), header.getValue());
      }
      socket = builder.buildAsync(uri, new Collector(events)).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IllegalArgumentException refused) {
        throw refused;
      }
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
      boolean allAnswered = true;
      for (String message : messages) {
        out.println("> " + message);
        if (options.binary()) {
          socket.sendBinary(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), true).join();
        } else {
          socket.sendText(message, true).join();
        }
        String event = events.poll(options.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
          out.println("no reply within " + options.replyTimeout().toMillis() + " ms");
          allAnswered = false;
          if (options.keepGoing()) {
            continue;
          }
          break;
        }
        out.println(event);
        if (event.startsWith("closed")) {
          return 1;
        }
      }
      return close(socket, events, timeout) && (allAnswered || options.keepGoing()) ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (RuntimeException e) {
      out.println("connection failed: " + (e.getCause() != null ? e.getCause() : e));
      return 1;
    } finally {
      socket.abort();
    }
  }

  /** The closing handshake: 1000 to the server, then the replies still coming and the server's close. */
  private boolean close(WebSocket socket, BlockingQueue<String> events, Duration timeout) throws InterruptedException {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    long deadline = System.nanoTime() + timeout.toNanos();
    String event;
    while ((event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null
        && !event.startsWith("closed")) {
      out.println(event);
    }
    out.println(event == null ? "no close reply within " + timeout.toMillis() + " ms" : event);
    return event != null && !event.startsWith("closed: connection failed");
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
