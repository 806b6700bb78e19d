package dev.framegate.harness.recording;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.FrameType;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.Phase;
import dev.framegate.engine.ConnectionTap;
import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns what the engine reports about one connection ({@link ConnectionTap}) into {@link
 * RecordedEvent}s, redacted, and hands them in order to a sink: a list in memory, or a JSON Lines
 * file ({@link RecordingFile}). The runtime and the harness record with it alike.
 *
 * <p>Thread-safe: the two directions of a connection may report at the same time; events reach the
 * sink one at a time, in the order the engine reported them.
 *
 * <p>When JSON fields are redacted, the frames of a fragmented text message are held until the
 * message is complete, redacted as a whole and cut again at the same places, so that no fragment
 * leaks part of a secret; events that come meanwhile are held behind them, to keep the order.
 */
public final class Recorder implements ConnectionTap {

  private final LongSupplier clock;
  private final long start;
  private final Redaction redaction;
  private final Consumer<RecordedEvent> sink;
  private final List<RecordedEvent> held = new ArrayList<>();
  private final OpenText[] open = new OpenText[2];
  private boolean finished;

  /**
   * Starts recording a connection: the first event is its handshake, at time 0.
   *
   * @param request the client's upgrade request
   * @param clock a monotonic clock in nanoseconds (the engine's scheduler's)
   * @param redaction what to leave out
   * @param sink receives each event, in order
   */
  public Recorder(HandshakeRequest request, LongSupplier clock, Redaction redaction, Consumer<RecordedEvent> sink) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.redaction = Objects.requireNonNull(redaction, "redaction");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.start = clock.getAsLong();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : request.headers().names()) {
      headers.put(name, request.headers().all(name));
    }
    emit(new RecordedEvent.Handshake(0, "GET", request.path(), request.rawQuery(), redaction.headers(headers),
        request.offeredSubprotocols(), address(request.remoteAddress())));
  }

  private static String address(InetSocketAddress address) {
    return address == null ? "" : address.getHostString() + ":" + address.getPort();
  }

  private long now() {
    return clock.getAsLong() - start;
  }

  private synchronized void emit(RecordedEvent event) {
    if (finished) {
      return;
    }
    if (open[0] != null || open[1] != null) {
      held.add(event);
      return;
    }
    sink.accept(event);
  }

  @Override
  public void upstreamRequested(Map<String, List<String>> headers, List<String> subprotocols) {
    emit(new RecordedEvent.UpstreamRequest(now(), redaction.headers(headers), subprotocols));
  }

  @Override
  public void upstreamConnected(String subprotocol) {
    emit(new RecordedEvent.UpstreamConnected(now(), subprotocol));
  }

  @Override
  public void upstreamFailed(int status, String detail) {
    emit(new RecordedEvent.UpstreamFailed(now(), status, detail == null ? "" : detail));
  }

  @Override
  public void clientAccepted(String subprotocol, Map<String, List<String>> headers) {
    emit(new RecordedEvent.ClientAccepted(now(), subprotocol, redaction.headers(headers)));
  }

  @Override
  public void clientRejected(int status, Map<String, List<String>> headers, String body) {
    emit(new RecordedEvent.ClientRejected(now(), status, redaction.headers(headers), body));
  }

  @Override
  public void frameReceived(Side from, boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload) {
    byte[] bytes = bytes(payload);
    long time = now();
    synchronized (this) {
      if (redaction.redactsPayloads() && rsv == 0 && (opcode == 0 || opcode == FrameType.TEXT.opcode())) {
        if (heldText(from, fin, opcode, masked, bytes, time)) {
          return;
        }
      }
      if (redaction.redactsPayloads() && opcode == FrameType.TEXT.opcode()) {
        bytes = redaction.payload(bytes);
      }
      emit(new RecordedEvent.Received(time, from, new WireFrame(fin, rsv, opcode, bytes), masked));
    }
  }

  /** Holds the frames of a fragmented text message; {@code true} when this frame was taken. */
  private boolean heldText(Side from, boolean fin, int opcode, boolean masked, byte[] bytes, long time) {
    OpenText text = open[from.ordinal()];
    if (opcode == FrameType.TEXT.opcode()) {
      if (fin || text != null) {
        return false; // whole, or a protocol error the engine rejects: recorded as it came
      }
      text = new OpenText();
      open[from.ordinal()] = text;
    } else if (text == null) {
      return false; // a continuation of a binary message, or of nothing
    }
    RecordedEvent.Received event =
        new RecordedEvent.Received(time, from, new WireFrame(fin, 0, opcode, bytes), masked);
    text.positions.add(held.size());
    held.add(event);
    text.sizes.add(bytes.length);
    text.bytes.add(bytes);
    if (fin) {
      open[from.ordinal()] = null;
      redactHeld(text, false);
      if (open[from.other().ordinal()] == null) {
        flush();
      }
    }
    return true;
  }

  /** Replaces the held fragments of a message by its redacted text, cut at the same places. */
  private void redactHeld(OpenText text, boolean incomplete) {
    int total = text.sizes.stream().mapToInt(Integer::intValue).sum();
    byte[] whole = new byte[total];
    int at = 0;
    for (byte[] part : text.bytes) {
      System.arraycopy(part, 0, whole, at, part.length);
      at += part.length;
    }
    byte[] redacted = incomplete && redaction.redactsPayloads() ? new byte[0] : redaction.payload(whole);
    int offset = 0;
    for (int i = 0; i < text.positions.size(); i++) {
      int position = text.positions.get(i);
      RecordedEvent.Received old = (RecordedEvent.Received) held.get(position);
      boolean last = i == text.positions.size() - 1;
      int end = last ? redacted.length : Math.min(redacted.length, offset + text.sizes.get(i));
      byte[] part = java.util.Arrays.copyOfRange(redacted, Math.min(offset, redacted.length), end);
      offset = end;
      held.set(position, new RecordedEvent.Received(old.time(), old.from(),
          new WireFrame(old.frame().fin(), 0, old.frame().opcode(), part), old.masked()));
    }
  }

  private void flush() {
    List<RecordedEvent> events = new ArrayList<>(held);
    held.clear();
    events.forEach(sink);
  }

  @Override
  public void frameRefused(Side from, boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
    emit(new RecordedEvent.RefusedHeader(now(), from, fin, rsv, opcode, masked, payloadLength));
  }

  @Override
  public void frameSent(Side to, FrameType type, ByteBuffer payload) {
    byte[] bytes = bytes(payload);
    if (type == FrameType.TEXT) {
      bytes = redaction.payload(bytes);
    }
    emit(new RecordedEvent.Sent(now(), to, WireFrame.of(type, bytes)));
  }

  @Override
  public void gone(Side side) {
    emit(new RecordedEvent.Gone(now(), side));
  }

  @Override
  public void shutdown() {
    emit(new RecordedEvent.Shutdown(now()));
  }

  @Override
  public void messageRewritten(Side from, FrameType type, String pluginName) {
    emit(new RecordedEvent.Rewritten(now(), from, type, pluginName));
  }

  @Override
  public void messageDropped(Side from, FrameType type, String pluginName) {
    emit(new RecordedEvent.Dropped(now(), from, type, pluginName));
  }

  @Override
  public void pluginClosed(Side from, String pluginName) {
    emit(new RecordedEvent.PluginClosed(now(), from, pluginName));
  }

  @Override
  public void pluginSent(String pluginName, Side to, FrameType type) {
    emit(new RecordedEvent.PluginSent(now(), pluginName, to, type));
  }

  @Override
  public void pluginFailed(String pluginName, Phase phase, Throwable error) {
    emit(new RecordedEvent.PluginFailed(now(), pluginName, phase, error.getClass().getName(),
        String.valueOf(error.getMessage())));
  }

  @Override
  public void finished(CloseInfo info) {
    synchronized (this) {
      for (OpenText text : open) {
        if (text != null) {
          redactHeld(text, true); // a message cut short by the end: its text may hold a secret
        }
      }
      open[0] = null;
      open[1] = null;
      flush();
      emit(new RecordedEvent.Finished(now(), info.cause(), info.clientStatus(), info.upstreamStatus(),
          info.detail()));
      finished = true;
    }
  }

  private static byte[] bytes(ByteBuffer payload) {
    byte[] bytes = new byte[payload.remaining()];
    payload.get(payload.position(), bytes);
    return bytes;
  }

  /** The frames of a text message still open on one side. */
  private static final class OpenText {
    final List<Integer> positions = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();
    final List<byte[]> bytes = new ArrayList<>();
  }
}
