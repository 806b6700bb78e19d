package dev.framegate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects the text messages and the close of one JDK client connection, as "text ..." and "close N". */
final class RecordingListener implements WebSocket.Listener {

  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  @Override
  public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
    events.add("text " + data);
    socket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
    events.add("close " + status);
    return null;
  }

  /** The next event, failing when none comes within 10 s. */
  String next() throws InterruptedException {
    String event = events.poll(10, TimeUnit.SECONDS);
    assertThat(event).as("an event within 10 s").isNotNull();
    return event;
  }
}
