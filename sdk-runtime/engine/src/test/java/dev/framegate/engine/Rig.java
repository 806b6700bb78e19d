package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.NoConfig;
import dev.framegate.api.Phase;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** One engine connection wired to a recording transport, a manual clock and a recording observer. */
final class Rig {

  final ManualScheduler scheduler = new ManualScheduler();
  final RecordingTransport transport = new RecordingTransport();
  final RecordingObserver observer = new RecordingObserver();
  final Connection connection;

  private Rig(PluginChain chain, EngineSettings settings) {
    this.connection = Engine.create(scheduler, observer).open(chain, settings, transport);
  }

  static Rig of(FramePlugin<?>... plugins) {
    return of(EngineSettings.DEFAULTS, plugins);
  }

  static Rig of(EngineSettings settings, FramePlugin<?>... plugins) {
    PluginChain.Builder chain = PluginChain.builder();
    for (FramePlugin<?> p : plugins) {
      chain.add(p, NoConfig.INSTANCE);
    }
    return new Rig(chain.build(), settings);
  }

  static Rig withPolicy(ErrorPolicy policy, FramePlugin<?>... plugins) {
    PluginChain.Builder chain = PluginChain.builder();
    for (FramePlugin<?> p : plugins) {
      chain.add(p, NoConfig.INSTANCE, policy);
    }
    return new Rig(chain.build(), EngineSettings.DEFAULTS);
  }

  static HandshakeRequest request() {
    return request(Map.of());
  }

  static HandshakeRequest request(Map<String, List<String>> extra) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Host", List.of("gw.example:8080"));
    headers.put("Upgrade", List.of("websocket"));
    headers.put("Connection", List.of("Upgrade"));
    headers.put("Sec-WebSocket-Key", List.of("dGhlIHNhbXBsZSBub25jZQ=="));
    headers.put("Sec-WebSocket-Version", List.of("13"));
    headers.putAll(extra);
    return HandshakeRequests.create(
        "/chat/room-1", "user=ann&x=%20y", headers, new InetSocketAddress("10.1.2.3", 50000));
  }

  Rig start() {
    connection.start(request());
    return this;
  }

  /** Starts, lets the upstream accept, and clears the handshake events. */
  Rig open() {
    start();
    connection.upstreamConnected(null);
    assertThat(transport.accepted()).isNotNull();
    transport.events.clear();
    return this;
  }

  void text(Side from, String text) {
    connection.frame(from, true, 0, 1, utf8(text));
  }

  void binary(Side from, byte[] data) {
    connection.frame(from, true, 0, 2, ByteBuffer.wrap(data));
  }

  void raw(Side from, boolean fin, int opcode, byte[] data) {
    connection.frame(from, fin, 0, opcode, ByteBuffer.wrap(data));
  }

  void ping(Side from, String data) {
    connection.frame(from, true, 0, 9, utf8(data));
  }

  void pong(Side from, String data) {
    connection.frame(from, true, 0, 0xA, utf8(data));
  }

  void close(Side from, int code, String reason) {
    connection.frame(from, true, 0, 8, closePayload(code, reason));
  }

  static ByteBuffer closePayload(int code, String reason) {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(2 + r.length);
    b.putShort((short) code).put(r).flip();
    return b;
  }

  static ByteBuffer utf8(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The close info the close phase and the observer got. */
  CloseInfo closeInfo() {
    assertThat(observer.finished).as("connection finished").hasSize(1);
    return observer.finished.get(0);
  }

  /** The close info if the connection finished, else {@code null}. */
  CloseInfo closeInfoOrNull() {
    return observer.finished.isEmpty() ? null : observer.finished.get(0);
  }

  /** Events the engine asked of the transport. */
  sealed interface Event
      permits Sent, Disconnected, Accepted, Rejected, ConnectRequested {}

  record Sent(Side to, FrameType type, byte[] payload) implements Event {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return payload.length < 2 ? -1 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    String closeReason() {
      return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "Sent[" + to + " " + type + " "
          + (type == FrameType.CLOSE ? closeCode() + " '" + closeReason() + "'" : text()) + "]";
    }
  }

  record Disconnected(Side side) implements Event {}

  record Accepted(String subprotocol, Map<String, List<String>> headers) implements Event {}

  record Rejected(int status, Map<String, List<String>> headers, String body) implements Event {}

  record ConnectRequested(Map<String, List<String>> headers, List<String> subprotocols)
      implements Event {}

  static final class RecordingTransport implements Transport {
    final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void connectUpstream(Map<String, List<String>> headers, List<String> subprotocols) {
      events.add(new ConnectRequested(headers, subprotocols));
    }

    @Override
    public void acceptClient(String subprotocol, Map<String, List<String>> headers) {
      events.add(new Accepted(subprotocol, headers));
    }

    @Override
    public void rejectClient(int status, Map<String, List<String>> headers, String body) {
      events.add(new Rejected(status, headers, body));
    }

    @Override
    public void send(Side to, FrameType type, ByteBuffer payload) {
      byte[] bytes = new byte[payload.remaining()];
      payload.duplicate().get(bytes);
      events.add(new Sent(to, type, bytes));
    }

    @Override
    public void disconnect(Side side) {
      events.add(new Disconnected(side));
    }

    List<Sent> sent(Side to) {
      List<Sent> out = new ArrayList<>();
      for (Event e : events) {
        if (e instanceof Sent s && s.to() == to) {
          out.add(s);
        }
      }
      return out;
    }

    List<String> texts(Side to) {
      return sent(to).stream().filter(s -> s.type() == FrameType.TEXT).map(Sent::text).toList();
    }

    Sent closeTo(Side to) {
      return sent(to).stream().filter(s -> s.type() == FrameType.CLOSE).findFirst().orElse(null);
    }

    boolean disconnected(Side side) {
      return events.contains(new Disconnected(side));
    }

    Accepted accepted() {
      return (Accepted) events.stream().filter(e -> e instanceof Accepted).findFirst().orElse(null);
    }

    Rejected rejected() {
      return (Rejected) events.stream().filter(e -> e instanceof Rejected).findFirst().orElse(null);
    }

    ConnectRequested connectRequested() {
      return (ConnectRequested)
          events.stream().filter(e -> e instanceof ConnectRequested).findFirst().orElse(null);
    }
  }

  static final class RecordingObserver implements EngineObserver {
    final List<CloseInfo> finished = new CopyOnWriteArrayList<>();
    final List<String> opened = new CopyOnWriteArrayList<>();
    final List<String> forwarded = new CopyOnWriteArrayList<>();
    final List<String> dropped = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final List<String> timings = new CopyOnWriteArrayList<>();
    boolean measure;

    @Override
    public void connectionOpened(String connectionId) {
      opened.add(connectionId);
    }

    @Override
    public void connectionFinished(String connectionId, CloseInfo info) {
      finished.add(info);
    }

    @Override
    public void messageForwarded(String connectionId, Side from, FrameType type, int bytes) {
      forwarded.add(from + " " + type + " " + bytes);
    }

    @Override
    public void frameDropped(String connectionId, Side from, FrameType type, String pluginName) {
      dropped.add(from + " " + type + " " + pluginName);
    }

    @Override
    public void pluginError(String connectionId, String pluginName, Phase phase, Throwable error) {
      errors.add(pluginName + " " + phase + " " + error.getMessage());
    }

    @Override
    public boolean measuresPluginTime() {
      return measure;
    }

    @Override
    public void pluginTime(String pluginName, Phase phase, long nanos) {
      timings.add(pluginName + " " + phase);
    }
  }

  /** A virtual clock: tasks run only when a test advances it. */
  static final class ManualScheduler implements Scheduler {
    private long now = 1_000_000_000L;
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();

    private final class Task implements Comparable<Task>, Cancellable {
      final long due;
      final long order = sequence++;
      final Runnable action;
      boolean cancelled;

      Task(long due, Runnable action) {
        this.due = due;
        this.action = action;
      }

      @Override
      public int compareTo(Task o) {
        return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
      }

      @Override
      public void cancel() {
        synchronized (ManualScheduler.this) {
          cancelled = true;
        }
      }
    }

    @Override
    public synchronized long nanoTime() {
      return now;
    }

    @Override
    public synchronized Cancellable schedule(long delayNanos, Runnable task) {
      Task t = new Task(now + delayNanos, task);
      tasks.add(t);
      return t;
    }

    void advance(Duration d) {
      long target;
      synchronized (this) {
        target = now + d.toNanos();
      }
      while (true) {
        Task next;
        synchronized (this) {
          next = tasks.peek();
          if (next == null || next.due > target) {
            now = target;
            return;
          }
          tasks.poll();
          now = next.due;
          if (next.cancelled) {
            continue;
          }
        }
        next.action.run();
      }
    }

    synchronized int pending() {
      int n = 0;
      for (Task t : tasks) {
        if (!t.cancelled) {
          n++;
        }
      }
      return n;
    }
  }

  static List<String> sync(List<String> list) {
    return Collections.synchronizedList(list);
  }
}
