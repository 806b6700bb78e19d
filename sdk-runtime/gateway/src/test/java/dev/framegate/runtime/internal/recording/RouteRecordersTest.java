package dev.framegate.runtime.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseInfo;
import dev.framegate.api.FrameType;
import dev.framegate.engine.ConnectionTap;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.HandshakeRequests;
import dev.framegate.engine.PluginChain;
import dev.framegate.engine.Side;
import dev.framegate.harness.recording.RecordedEvent;
import dev.framegate.harness.recording.Recording;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.config.GatewayConfig.RecordingConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteRecordersTest {

  @TempDir
  Path dir;

  private Route route(double rate, long perConnection, long perDirectory) {
    return new Route("chat", "/chat", true, URI.create("ws://127.0.0.1:1/"), PluginChain.empty(), EngineSettings.DEFAULTS,
        Optional.of(new RecordingConfig(dir, rate, perConnection, perDirectory, List.of(), List.of())));
  }

  private static ConnectionTap start(RouteRecorders recorders, Route route, String id) {
    return recorders.start(id, HandshakeRequests.create("/chat", "", Map.of("host", List.of("h")),
        new InetSocketAddress("127.0.0.1", 5000)), route);
  }

  private static final CloseInfo DONE = new CloseInfo() {
    @Override
    public CloseCause cause() {
      return CloseCause.CLIENT_CLOSE;
    }

    @Override
    public OptionalInt clientStatus() {
      return OptionalInt.of(1000);
    }

    @Override
    public OptionalInt upstreamStatus() {
      return OptionalInt.of(1000);
    }

    @Override
    public String detail() {
      return "";
    }
  };

  private List<Path> files() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void aRecordedConnectionGetsItsOwnFileWhichIsNamedWhileOpenAndCompleteWhenFinished() throws Exception {
    RouteRecorders recorders = new RouteRecorders(Clock.systemUTC());
    ConnectionTap tap = start(recorders, route(1.0, 1 << 20, 1 << 30), "c7");
    assertThat(recorders.recordingOf("c7")).isPresent();
    tap.frameReceived(Side.CLIENT, true, 0, 1, true, ByteBuffer.wrap("hi".getBytes()));
    tap.frameSent(Side.UPSTREAM, FrameType.TEXT, ByteBuffer.wrap("hi".getBytes()));
    tap.finished(DONE);
    assertThat(recorders.recordingOf("c7")).isEmpty();
    assertThat(files()).singleElement().satisfies(file -> {
      assertThat(file.getFileName().toString()).endsWith("-chat-c7.jsonl");
      Recording recording = Recording.read(file);
      assertThat(recording.header().route()).isEqualTo("chat");
      assertThat(recording.events()).extracting(RecordedEvent::kind)
          .containsExactly("handshake", "receive", "send", "finished");
    });
  }

  @Test
  void aSampleRateOfZeroRecordsNothing() throws Exception {
    RouteRecorders recorders = new RouteRecorders(Clock.systemUTC());
    for (int i = 0; i < 20; i++) {
      assertThat(start(recorders, route(0.0, 1 << 20, 1 << 30), "c" + i)).isNull();
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void aConnectionOverItsByteCapEndsItsFileWithATruncatedLine() throws Exception {
    RouteRecorders recorders = new RouteRecorders(Clock.systemUTC());
    ConnectionTap tap = start(recorders, route(1.0, 2048, 1 << 30), "c1");
    for (int i = 0; i < 100; i++) {
      tap.frameReceived(Side.CLIENT, true, 0, 1, true, ByteBuffer.wrap(("message " + i).getBytes()));
    }
    tap.finished(DONE);
    Path file = files().get(0);
    assertThat(Files.size(file)).isLessThanOrEqualTo(2048 + 200);
    Recording recording = Recording.read(file);
    assertThat(recording.events().get(recording.events().size() - 1)).isInstanceOf(RecordedEvent.Truncated.class);
  }

  @Test
  void theDirectoryKeepsUnderItsCapByDeletingTheOldestRecordingsFirst() throws Exception {
    RouteRecorders recorders = new RouteRecorders(Clock.systemUTC());
    Route route = route(1.0, 1 << 20, 4000);
    for (int i = 0; i < 6; i++) {
      ConnectionTap tap = start(recorders, route, "c" + i);
      tap.frameReceived(Side.CLIENT, true, 0, 2, true, ByteBuffer.wrap(new byte[600]));
      tap.finished(DONE);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          if (file.toString().endsWith("-c" + i + ".jsonl")) {
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000L * (i + 1)));
          }
        }
      }
    }
    long total = 0;
    for (Path file : files()) {
      total += Files.size(file);
    }
    assertThat(total).isLessThanOrEqualTo(4000);
    assertThat(files()).extracting(p -> p.getFileName().toString()).allMatch(n -> !n.endsWith("-c0.jsonl"))
        .anyMatch(n -> n.endsWith("-c5.jsonl"));
  }

  @Test
  void recordingsLeftByAnEarlierRunCountAgainstTheCapAndGoFirst() throws Exception {
    Path earlier = dir.resolve("20200101T000000.000Z-r-old.jsonl");
    Files.write(earlier, new byte[3500]);
    Files.setLastModifiedTime(earlier, FileTime.fromMillis(1_000L));
    RouteRecorders recorders = new RouteRecorders(Clock.systemUTC());
    Route route = route(1.0, 1 << 20, 4000);
    ConnectionTap tap = start(recorders, route, "new");
    tap.frameReceived(Side.CLIENT, true, 0, 2, true, ByteBuffer.wrap(new byte[600]));
    tap.finished(DONE);
    assertThat(earlier).doesNotExist();
    assertThat(files()).extracting(p -> p.getFileName().toString()).anyMatch(n -> n.endsWith("-new.jsonl"));
  }
}
