package dev.framegate.harness;

import dev.framegate.engine.Side;
import dev.framegate.harness.internal.ReplayComparison;
import dev.framegate.harness.recording.RecordedEvent;
import dev.framegate.harness.recording.Recording;
import dev.framegate.harness.recording.ReplayOptions;
import dev.framegate.harness.recording.ReplayResult;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Drives one recorded connection through a harness and compares what the gateway does now. */
final class Replayer {

  private static final List<String> STANDARD_HEADERS =
      List.of("Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol");

  private final FrameHarness harness;
  private final Recording recording;
  private final ReplayOptions options;
  private final boolean[] vanished = new boolean[2];

  Replayer(FrameHarness harness, Recording recording, ReplayOptions options) {
    this.harness = harness;
    this.recording = recording;
    this.options = options;
  }

  ReplayResult run() {
    List<RecordedEvent> events = recording.events();
    if (events.isEmpty() || !(events.get(0) instanceof RecordedEvent.Handshake handshake)) {
      throw new IllegalArgumentException(recording.name() + ": a recording's first event is the client's handshake");
    }
    VirtualClock clock = harness.clock();
    long start = clock.nanoTime();
    HarnessConnection ws = harness.connect(spec(handshake), true);
    for (RecordedEvent event : events.subList(1, events.size())) {
      if (!event.isInput()) {
        continue;
      }
      advanceTo(clock, start + event.time());
      drive(ws, event);
    }
    advanceTo(clock, start + events.get(events.size() - 1).time());
    Recording replayed = new Recording(recording.header(), ws.recording().events());
    ReplayComparison comparison = new ReplayComparison(recording, options);
    Optional<String> difference = comparison.difference(recording.name(), events, replayed.events());
    boolean rewritten = false;
    if (difference.isPresent() && options.acceptNewGolden()) {
      java.nio.file.Path file = recording.source().orElseThrow(() -> new IllegalStateException(
          "cannot accept a new golden for " + recording.name() + ": it was not read from a file"));
      replayed.write(file);
      rewritten = true;
    }
    return new ReplayResult(recording, replayed, difference, rewritten);
  }

  private static void advanceTo(VirtualClock clock, long target) {
    long now = clock.nanoTime();
    if (target > now) {
      clock.advance(java.time.Duration.ofNanos(target - now));
    }
  }

  private static HandshakeSpec spec(RecordedEvent.Handshake handshake) {
    HandshakeSpec spec = HandshakeSpec.path(handshake.path().isEmpty() ? "/" : handshake.path())
        .query(handshake.query())
        .method(handshake.method());
    for (String standard : STANDARD_HEADERS) {
      spec = spec.withoutHeader(standard);
    }
    for (Map.Entry<String, List<String>> header : handshake.headers().entrySet()) {
      for (String value : header.getValue()) {
        spec = spec.header(header.getKey(), value);
      }
    }
    InetSocketAddress remote = address(handshake.remote());
    return remote == null ? spec : spec.remoteAddress(remote);
  }

  private static InetSocketAddress address(String remote) {
    int colon = remote.lastIndexOf(':');
    if (colon <= 0) {
      return null;
    }
    try {
      String host = remote.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return new InetSocketAddress(host, Integer.parseInt(remote.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void drive(HarnessConnection ws, RecordedEvent event) {
    if (event instanceof RecordedEvent.UpstreamConnected connected) {
      if (ws.upstreamRequestRaw() != null && !ws.upstreamAnswered()) {
        ws.upstream().accept(connected.subprotocol());
      }
    } else if (event instanceof RecordedEvent.UpstreamFailed failed) {
      if (ws.upstreamRequestRaw() != null && !ws.upstreamAnswered()) {
        ws.upstream().fail(failed.status(), failed.detail());
      }
    } else if (event instanceof RecordedEvent.Received received) {
      HarnessPeer peer = peer(ws, received.from());
      if (vanished[received.from().ordinal()] || peer.isDisconnected() || !ws.canSend(received.from())) {
        return; // the side can no longer send it: the comparison shows the frame missing
      }
      WireFrame frame = received.frame();
      if (received.wrongMasking()) {
        peer.sendRawWithWrongMasking(frame.fin(), frame.rsv(), frame.opcode(), frame.payload());
      } else {
        peer.sendRaw(frame.fin(), frame.rsv(), frame.opcode(), frame.payload());
      }
    } else if (event instanceof RecordedEvent.RefusedHeader refused) {
      HarnessPeer peer = peer(ws, refused.from());
      if (vanished[refused.from().ordinal()] || peer.isDisconnected() || !ws.canSend(refused.from())) {
        return;
      }
      ws.headerFromPeer(refused.from(), refused.fin(), refused.rsv(), refused.opcode(), refused.masked(), refused.length());
    } else if (event instanceof RecordedEvent.Gone gone) {
      HarnessPeer peer = peer(ws, gone.side());
      if (!vanished[gone.side().ordinal()] && !peer.isDisconnected()) {
        vanished[gone.side().ordinal()] = true;
        peer.vanish();
      }
    } else if (event instanceof RecordedEvent.Shutdown) {
      ws.shutdown();
    }
  }

  private static HarnessPeer peer(HarnessConnection ws, Side side) {
    return side == Side.CLIENT ? ws.client() : ws.upstream();
  }
}
