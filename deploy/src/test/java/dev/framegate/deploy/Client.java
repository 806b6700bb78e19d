package dev.framegate.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client whose received messages and close frame are queued as strings. */
final class Client implements AutoCloseable {

  private final WebSocket socket;
  private final BlockingQueue<String> events;

  private Client(WebSocket socket, BlockingQueue<String> events) {
    this.socket = socket;
    this.events = events;
  }

  static Client connect(URI uri) throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              events.add("text:" + text);
              text.setLength(0);
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            events.add("close:" + status);
            return null;
          }

          @Override
          public void onError(WebSocket ws, Throwable error) {
            events.add("error:" + error);
          }
        }).get(20, TimeUnit.SECONDS);
    return new Client(socket, events);
  }

  /** The HTTP status a refused upgrade got, or 101. */
  static int upgradeStatus(URI uri) throws Exception {
    try (Client client = connect(uri)) {
      return 101;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  Client send(String text) {
    socket.sendText(text, true).join();
    return this;
  }

  String next(Duration wait) throws InterruptedException {
    String event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    return event == null ? "nothing within " + wait : event;
  }

  @Override
  public void close() {
    try {
      if (!socket.isOutputClosed()) {
        socket.sendClose(1000, "").get(5, TimeUnit.SECONDS);
      }
    } catch (Exception | Error e) {
      // already closed
    } finally {
      socket.abort();
    }
  }
}
