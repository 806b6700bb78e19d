package dev.framegate.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A WebSocket load generator in its own JVM, on the JDK's {@link WebSocket} client. It drives an
 * echo service (directly or through a proxy) on loopback and prints one line of {@code key=value}
 * results. Every run is bounded in time and in message count.
 *
 * <p>Scenarios:
 *
 * <ul>
 *   <li>{@code rr} — request/response: each connection sends one message and waits for its echo;
 *   <li>{@code pipelined} — each connection keeps {@code --inflight} messages outstanding;
 *   <li>{@code bulk} — request/response with large binary messages;
 *   <li>{@code connect} — opens {@code --connections} connections with at most {@code --parallel}
 *       handshakes outstanding at a time, and reports connections set up per second and the
 *       handshake time; then drops them;
 *   <li>{@code idle} — opens {@code --connections} connections the same way, holds them, and
 *       reports the proxy's memory per connection.
 * </ul>
 *
 * <p>With {@code --pid}, the proxy's CPU time (from {@code /proc}) is sampled around the measured
 * window and reported per round trip (per connection for {@code connect}), with its largest
 * resident set in the window and its peak resident set ({@code VmHWM}); for {@code idle}, its
 * resident set before and after.
 */
public final class LoadDriver {

  private final Options options;
  private final HttpClient client;

  private LoadDriver(Options options) {
    this.options = options;
    ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "load-driver");
      thread.setDaemon(true);
      return thread;
    });
    this.client = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Runs one scenario and prints its results.
   *
   * @param args {@code --url ws://127.0.0.1:PORT/path --scenario rr|pipelined|bulk|idle
   *     [--connections N] [--inflight K] [--size BYTES] [--seconds S] [--warmup S]
   *     [--max-messages M] [--parallel P] [--pid PID] [--label NAME] [--hold-file FILE]}
   * @throws Exception when the target cannot be reached
   */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    if (!isLoopback(options.url)) {
      throw new IllegalArgumentException("the load driver only targets loopback addresses, not " + options.url);
    }
    Map<String, Object> result = new LoadDriver(options).run();
    StringBuilder line = new StringBuilder();
    result.forEach((key, value) -> line.append(key).append('=').append(value).append(' '));
    System.out.println(line.toString().trim());
    System.exit(0); // the client's threads may still be closing sockets: the result is out, stop now
  }

  private static boolean isLoopback(URI url) {
    String host = url.getHost();
    return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
  }

  private Map<String, Object> run() throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("label", options.label);
    result.put("scenario", options.scenario);
    result.put("connections", options.connections);
    switch (options.scenario) {
      case "rr", "bulk" -> measureMessages(1, result);
      case "pipelined" -> measureMessages(options.inflight, result);
      case "connect" -> measureConnect(result);
      case "idle" -> measureIdle(result);
      default -> throw new IllegalArgumentException("unknown scenario " + options.scenario);
    }
    return result;
  }

  private void measureMessages(int inflight, Map<String, Object> result) throws Exception {
    Recorder recorder = new Recorder(3);
    AtomicLong completed = new AtomicLong();
    AtomicBoolean recording = new AtomicBoolean(false);
    AtomicBoolean stopping = new AtomicBoolean(false);
    byte[] payload = new byte[options.size];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) ('a' + i % 26);
    }
    boolean binary = options.scenario.equals("bulk");
    List<EchoPeer> peers = new ArrayList<>();
    for (int i = 0; i < options.connections; i++) {
      EchoPeer peer = new EchoPeer(payload, binary, inflight, recorder, completed, recording, stopping,
          options.maxMessages);
      peer.socket = client.newWebSocketBuilder().buildAsync(options.url, peer).get(10, TimeUnit.SECONDS);
      peers.add(peer);
    }
    peers.forEach(EchoPeer::start);
    Thread.sleep(options.warmup.toMillis());
    recorder.reset();
    long cpuBefore = ProcStat.cpuNanos(options.pid);
    long countBefore = completed.get();
    long start = System.nanoTime();
    recording.set(true);
    long deadline = start + options.duration.toNanos();
    long rssMax = ProcStat.rssBytes(options.pid);
    while (System.nanoTime() < deadline && completed.get() - countBefore < options.maxMessages) {
      Thread.sleep(20);
      rssMax = Math.max(rssMax, ProcStat.rssBytes(options.pid));
    }
    recording.set(false);
    long elapsed = System.nanoTime() - start;
    long count = completed.get() - countBefore;
    long cpuAfter = ProcStat.cpuNanos(options.pid);
    stopping.set(true);
    for (EchoPeer peer : peers) {
      peer.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
    Histogram histogram = recorder.getIntervalHistogram();
    double seconds = elapsed / 1e9;
    result.put("messages", count);
    result.put("msgPerSec", String.format(Locale.ROOT, "%.0f", count / seconds));
    result.put("MiBPerSec", String.format(Locale.ROOT, "%.1f", count * (double) options.size / seconds / (1 << 20)));
    result.put("p50us", String.format(Locale.ROOT, "%.1f", histogram.getValueAtPercentile(50) / 1000.0));
    result.put("p99us", String.format(Locale.ROOT, "%.1f", histogram.getValueAtPercentile(99) / 1000.0));
    if (options.pid > 0 && count > 0) {
      result.put("proxyCpuUsPerMsg", String.format(Locale.ROOT, "%.1f", (cpuAfter - cpuBefore) / 1000.0 / count));
    }
    putMemory(result, rssMax);
  }

  /** The proxy's largest resident set seen in the measured window, and its peak since it started. */
  private void putMemory(Map<String, Object> result, long rssMax) throws IOException {
    if (options.pid > 0) {
      result.put("rssMiB", String.format(Locale.ROOT, "%.1f", rssMax / 1048576.0));
      result.put("peakRssMiB", String.format(Locale.ROOT, "%.1f", ProcStat.peakRssBytes(options.pid) / 1048576.0));
    }
  }

  private void measureConnect(Map<String, Object> result) throws Exception {
    long cpuBefore = ProcStat.cpuNanos(options.pid);
    Opened opened = open(options.connections, options.parallel, options.duration);
    long cpuAfter = ProcStat.cpuNanos(options.pid);
    long rss = ProcStat.rssBytes(options.pid);
    int count = opened.sockets.size();
    result.put("opened", count);
    result.put("failed", opened.failed);
    result.put("parallel", options.parallel);
    result.put("connPerSec", String.format(Locale.ROOT, "%.0f", count / (opened.elapsedNanos / 1e9)));
    result.put("handshakeP50ms", String.format(Locale.ROOT, "%.1f", opened.handshakes.getValueAtPercentile(50) / 1e6));
    result.put("handshakeP99ms", String.format(Locale.ROOT, "%.1f", opened.handshakes.getValueAtPercentile(99) / 1e6));
    if (options.pid > 0 && count > 0) {
      result.put("proxyCpuUsPerConn", String.format(Locale.ROOT, "%.1f", (cpuAfter - cpuBefore) / 1000.0 / count));
    }
    putMemory(result, rss);
    opened.sockets.forEach(WebSocket::abort);
    opened.putFailure(result);
  }

  private void measureIdle(Map<String, Object> result) throws Exception {
    long rssBefore = ProcStat.rssBytes(options.pid);
    Opened opened = open(options.connections, options.parallel, options.duration);
    List<WebSocket> sockets = opened.sockets;
    Thread.sleep(options.warmup.toMillis());
    long rssAfter = ProcStat.rssBytes(options.pid);
    result.put("opened", sockets.size());
    result.put("failed", opened.failed);
    result.put("connPerSec", String.format(Locale.ROOT, "%.0f", sockets.size() / (opened.elapsedNanos / 1e9)));
    if (options.pid > 0 && !sockets.isEmpty()) {
      result.put("rssPerConnKiB", String.format(Locale.ROOT, "%.1f", (rssAfter - rssBefore) / 1024.0 / sockets.size()));
      result.put("rssMiB", String.format(Locale.ROOT, "%.1f", rssAfter / 1048576.0));
    }
    if (options.holdFile != null) {
      // the orchestrating script measures the heap while connections are held, then removes the file
      Files.writeString(options.holdFile, "open " + sockets.size());
      long until = System.nanoTime() + options.duration.toNanos();
      while (Files.exists(options.holdFile) && System.nanoTime() < until) {
        Thread.sleep(50);
      }
    }
    for (WebSocket socket : sockets) {
      socket.abort();
    }
    opened.putFailure(result);
  }

  /**
   * Opens up to {@code count} idle connections, at most {@code parallel} handshakes outstanding at
   * a time, within {@code limit}. Stops starting new ones after the first failure: the target (or a
   * descriptor limit) refuses more, and what was reached is reported.
   */
  private Opened open(int count, int parallel, Duration limit) throws InterruptedException {
    Semaphore window = new Semaphore(parallel);
    Recorder handshakes = new Recorder(3);
    List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    WebSocket.Listener quiet = new WebSocket.Listener() {};
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    for (int i = 0; i < count && failed.get() == 0 && System.nanoTime() < deadline; i++) {
      if (!window.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      long begun = System.nanoTime();
      client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(options.url, quiet)
          .orTimeout(30, TimeUnit.SECONDS)
          .whenComplete((socket, error) -> {
            if (error == null) {
              handshakes.recordValue(System.nanoTime() - begun);
              sockets.add(socket);
            } else {
              failed.incrementAndGet();
              firstFailure.compareAndSet(null, describe(error));
            }
            window.release();
          });
    }
    // wait for the handshakes still outstanding (each is bounded by its own timeout)
    window.tryAcquire(parallel, 35, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    synchronized (sockets) {
      return new Opened(new ArrayList<>(sockets), failed.get(), firstFailure.get(), elapsed,
          handshakes.getIntervalHistogram());
    }
  }

  /** A failed connection attempt in a few words: the HTTP status when the upgrade was refused. */
  private static String describe(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof WebSocketHandshakeException refused) {
      return "handshake refused with HTTP status " + refused.getResponse().statusCode();
    }
    return String.valueOf(cause);
  }

  /** What {@link #open} reached. */
  private record Opened(List<WebSocket> sockets, int failed, String firstFailure, long elapsedNanos,
      Histogram handshakes) {

    void putFailure(Map<String, Object> result) {
      if (firstFailure != null) {
        result.put("firstFailure", '"' + firstFailure.replace(' ', '_') + '"');
      }
    }
  }

  /** One connection that sends, waits for echoes and records round-trip times. */
  private static final class EchoPeer implements WebSocket.Listener {
    private final byte[] payload;
    private final boolean binary;
    private final int inflight;
    private final Recorder recorder;
    private final AtomicLong completed;
    private final AtomicBoolean recording;
    private final AtomicBoolean stopping;
    private final long maxMessages;
    private final long[] sentAt;
    private int head;
    private int tail;
    private long received;
    private WebSocket socket;
    private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);

    EchoPeer(byte[] payload, boolean binary, int inflight, Recorder recorder, AtomicLong completed,
        AtomicBoolean recording, AtomicBoolean stopping, long maxMessages) {
      this.payload = payload;
      this.binary = binary;
      this.inflight = inflight;
      this.recorder = recorder;
      this.completed = completed;
      this.recording = recording;
      this.stopping = stopping;
      this.maxMessages = maxMessages;
      this.sentAt = new long[inflight];
    }

    void start() {
      synchronized (this) {
        for (int i = 0; i < inflight; i++) {
          sendOne();
        }
      }
    }

    private void sendOne() {
      sentAt[head++ % inflight] = System.nanoTime();
      // the JDK client allows one outstanding send per socket: chain them
      lastSend = lastSend.thenCompose(ignored -> binary
          ? socket.sendBinary(ByteBuffer.wrap(payload), true)
          : socket.sendText(new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1), true));
    }

    private CompletionStage<?> onMessageComplete(WebSocket webSocket) {
      long now = System.nanoTime();
      synchronized (this) {
        long sent = sentAt[tail++ % inflight];
        if (recording.get()) {
          recorder.recordValue(Math.max(0, now - sent));
        }
        completed.incrementAndGet();
        received++;
        if (!stopping.get() && received < maxMessages) {
          sendOne();
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      if (last) {
        return onMessageComplete(webSocket);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      if (last) {
        return onMessageComplete(webSocket);
      }
      webSocket.request(1);
      return null;
    }
  }

  /** Reads a process's CPU time and resident set from {@code /proc}. */
  static final class ProcStat {
    private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux

    static long cpuNanos(long pid) throws IOException {
      if (pid <= 0) {
        return 0;
      }
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields after the command: state is [0], utime [11], stime [12]
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
    }

    static long rssBytes(long pid) throws IOException {
      return status(pid, "VmRSS:");
    }

    static long peakRssBytes(long pid) throws IOException {
      return status(pid, "VmHWM:");
    }

    private static long status(long pid, String field) throws IOException {
      if (pid <= 0) {
        return 0;
      }
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return 0;
    }
  }

  /** Command-line options with bounded defaults. */
  record Options(URI url, String scenario, String label, int connections, int inflight, int size,
      Duration duration, Duration warmup, long maxMessages, int parallel, long pid, Path holdFile) {

    static Options parse(String[] args) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
        }
        values.put(args[i].substring(2), args[i + 1]);
      }
      if (!values.containsKey("url")) {
        throw new IllegalArgumentException("--url is required");
      }
      return new Options(
          URI.create(values.get("url")),
          values.getOrDefault("scenario", "rr"),
          values.getOrDefault("label", "target"),
          Integer.parseInt(values.getOrDefault("connections", "1")),
          Integer.parseInt(values.getOrDefault("inflight", "1")),
          Integer.parseInt(values.getOrDefault("size", "64")),
          Duration.ofSeconds(Long.parseLong(values.getOrDefault("seconds", "5"))),
          Duration.ofSeconds(Long.parseLong(values.getOrDefault("warmup", "2"))),
          Long.parseLong(values.getOrDefault("max-messages", "5000000")),
          Integer.parseInt(values.getOrDefault("parallel", "200")),
          Long.parseLong(values.getOrDefault("pid", "0")),
          values.containsKey("hold-file") ? Path.of(values.get("hold-file")) : null);
    }
  }

}
