package dev.framegate.plugins.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket client for runtime tests, on the JDK's {@link WebSocket}: what it receives is queued
 * as {@link Event}s, in order.
 */
public final class WsClient implements AutoCloseable {

  /** Something the client received. */
  public sealed interface Event {}

  /**
   * A whole text message.
   *
   * @param text the text
   */
  public record Text(String text) implements Event {}

  /**
   * A whole binary message.
   *
   * @param data the payload
   */
  public record Binary(byte[] data) implements Event {}

  /**
   * The server's close frame.
   *
   * @param code the status code (1005 when the frame had none)
   * @param reason the reason
   */
  public record Close(int code, String reason) implements Event {}

  /**
   * The connection failed or broke without a close frame.
   *
   * @param error the cause
   */
  public record Error(Throwable error) implements Event {}

  private final WebSocket socket;
  private final BlockingQueue<Event> events;

  private WsClient(WebSocket socket, BlockingQueue<Event> events) {
    this.socket = socket;
    this.events = events;
  }

  /**
   * Connects.
   *
   * @param uri the URI
   * @param headers extra upgrade request headers
   * @return the connected client
   * @throws Exception when the upgrade fails (for example with the HTTP status of a refusal)
   */
  public static WsClient connect(URI uri, Map<String, String> headers) throws Exception {
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    headers.forEach(builder::header);
    WebSocket socket = builder.buildAsync(uri, new Listener(events)).get(20, TimeUnit.SECONDS);
    return new WsClient(socket, events);
  }

  /**
   * Connects without extra headers.
   *
   * @param uri the URI
   * @return the connected client
   * @throws Exception when the upgrade fails
   */
  public static WsClient connect(URI uri) throws Exception {
    return connect(uri, Map.of());
  }

  /**
   * Sends a text message and waits until it is written.
   *
   * @param text the text
   * @return this client
   */
  public WsClient sendText(String text) {
    join(socket.sendText(text, true));
    return this;
  }

  /**
   * Sends a binary message and waits until it is written.
   *
   * @param data the payload
   * @return this client
   */
  public WsClient sendBinary(byte[] data) {
    join(socket.sendBinary(ByteBuffer.wrap(data), true));
    return this;
  }

  /**
   * The next event.
   *
   * @param wait how long to wait
   * @return the event
   * @throws AssertionError when none came in time
   */
  public Event next(Duration wait) {
    try {
      Event event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (event == null) {
        throw new AssertionError("nothing received within " + wait);
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * The next event, if one comes in time.
   *
   * @param wait how long to wait
   * @return the event, or {@code null}
   */
  public Event poll(Duration wait) {
    try {
      return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Expects the next event to be a text message.
   *
   * @param text the expected text
   */
  public void expectText(String text) {
    Event event = next(Duration.ofSeconds(10));
    if (!(event instanceof Text t) || !t.text().equals(text)) {
      throw new AssertionError("expected text \"" + text + "\" but received " + event);
    }
  }

  /**
   * Expects the next event to be a close frame with a code.
   *
   * @param code the expected code
   * @return the close frame
   */
  public Close expectClose(int code) {
    Event event = next(Duration.ofSeconds(10));
    if (!(event instanceof Close c) || c.code() != code) {
      throw new AssertionError("expected close " + code + " but received " + event);
    }
    return c;
  }

  /**
   * Whether the connection is still open for sending.
   *
   * @return {@code true} when neither side closed it
   */
  public boolean isOpen() {
    return !socket.isOutputClosed() && !socket.isInputClosed();
  }

  /** Closes with 1000 (or drops the connection if that fails). */
  @Override
  public void close() {
    try {
      if (!socket.isOutputClosed()) {
        socket.sendClose(1000, "").get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the connection is gone already
    } finally {
      socket.abort();
    }
  }

  private static void join(CompletableFuture<WebSocket> sent) {
    try {
      sent.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("send failed: " + e, e);
    }
  }

  private static final class Listener implements WebSocket.Listener {
    private final BlockingQueue<Event> events;
    private final StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

    Listener(BlockingQueue<Event> events) {
      this.events = events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        events.add(new Text(text.toString()));
        text.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      binary.writeBytes(bytes);
      if (last) {
        events.add(new Binary(binary.toByteArray()));
        binary = new java.io.ByteArrayOutputStream();
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      events.add(new Close(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      events.add(new Error(error));
    }
  }
}
