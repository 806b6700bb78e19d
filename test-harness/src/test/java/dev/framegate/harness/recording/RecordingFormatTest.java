package dev.framegate.harness.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.CloseCause;
import dev.framegate.api.FrameType;
import dev.framegate.api.Phase;
import dev.framegate.engine.Side;
import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HandshakeSpec;
import dev.framegate.harness.HarnessConnection;
import dev.framegate.harness.WireFrame;
import dev.framegate.harness.internal.RecordingCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFormatTest {

  @TempDir
  Path dir;

  @Test
  void everyKindOfEventSurvivesAWriteAndARead() {
    List<RecordedEvent> events = List.of(
        new RecordedEvent.Handshake(0, "GET", "/a", "x=1", Map.of("host", List.of("h")), List.of("v1"), "10.0.0.1:4000"),
        new RecordedEvent.UpstreamRequest(1, Map.of("x-forwarded-for", List.of("10.0.0.1")), List.of("v1")),
        new RecordedEvent.UpstreamConnected(2, "v1"),
        new RecordedEvent.ClientAccepted(3, "v1", Map.of("x-extra", List.of("1", "2"))),
        new RecordedEvent.Received(4, Side.CLIENT, new WireFrame(false, 0, 1, "h\u00e9".getBytes(StandardCharsets.UTF_8)), true),
        new RecordedEvent.Received(5, Side.CLIENT, new WireFrame(true, 0, 0, new byte[] {(byte) 0xa9}), true),
        new RecordedEvent.Received(6, Side.UPSTREAM, new WireFrame(true, 2, 1, "rsv".getBytes(StandardCharsets.UTF_8)), true),
        new RecordedEvent.Received(7, Side.UPSTREAM, new WireFrame(true, 0, 0xb, new byte[0]), false),
        new RecordedEvent.Received(8, Side.CLIENT, WireFrame.of(FrameType.CLOSE, new byte[] {3}), true),
        new RecordedEvent.Received(9, Side.CLIENT, WireFrame.close(1005, "bad code"), true),
        new RecordedEvent.Sent(10, Side.UPSTREAM, WireFrame.of(FrameType.BINARY, new byte[] {0, 1, (byte) 0xff})),
        new RecordedEvent.Sent(11, Side.CLIENT, WireFrame.close(1000, "")),
        new RecordedEvent.Sent(12, Side.CLIENT, WireFrame.of(FrameType.CLOSE, new byte[0])),
        new RecordedEvent.Dropped(13, Side.CLIENT, FrameType.TEXT, "p"),
        new RecordedEvent.Rewritten(14, Side.UPSTREAM, FrameType.CLOSE, "p"),
        new RecordedEvent.PluginClosed(15, Side.CLIENT, "p"),
        new RecordedEvent.PluginSent(16, "p", Side.UPSTREAM, FrameType.PING),
        new RecordedEvent.PluginFailed(17, "p", Phase.CLIENT_FRAME, "java.lang.IllegalStateException", "boom"),
        new RecordedEvent.Gone(18, Side.UPSTREAM),
        new RecordedEvent.Shutdown(19),
        new RecordedEvent.UpstreamFailed(20, 502, "refused"),
        new RecordedEvent.ClientRejected(21, 403, Map.of(), "no"),
        new RecordedEvent.Finished(22, CloseCause.PLUGIN_CLOSE, OptionalInt.of(1008), OptionalInt.empty(), "d"),
        new RecordedEvent.Truncated(23, "byte cap"),
        new RecordedEvent.RefusedHeader(24, Side.CLIENT, true, 0, 2, true, 5_000_000L));
    Recording recording = new Recording(new Recording.Header(1, "c9", "chat", Instant.parse("2026-12-01T10:00:00Z"),
        List.of("p"), Map.of("clientMaxPayload", 1024), Map.of("headers", List.of("authorization"))), events);
    Path file = dir.resolve("all.jsonl");
    recording.write(file);
    Recording read = Recording.read(file);
    assertThat(read.header()).isEqualTo(recording.header());
    assertThat(read.source()).contains(file);
    assertThat(read.events()).hasSameSizeAs(events);
    for (int i = 0; i < events.size(); i++) {
      assertThat(RecordingCodec.writeEvent(read.events().get(i))).isEqualTo(RecordingCodec.writeEvent(events.get(i)));
    }
    assertThat(((RecordedEvent.Received) read.events().get(4)).frame())
        .isEqualTo(new WireFrame(false, 0, 1, "h\u00e9".getBytes(StandardCharsets.UTF_8)));
    assertThat(((RecordedEvent.Received) read.events().get(7)).wrongMasking()).isFalse();
    assertThat(((RecordedEvent.Received) read.events().get(6)).masked()).as("a masked upstream frame").isTrue();
  }

  @Test
  void payloadsAreTextWhenTheyAreUtf8AndBase64Otherwise() {
    assertThat(RecordingCodec.writeEvent(new RecordedEvent.Sent(0, Side.CLIENT, WireFrame.of(FrameType.TEXT,
        "hé".getBytes(StandardCharsets.UTF_8))))).contains("\"text\":\"hé\"");
    assertThat(RecordingCodec.writeEvent(new RecordedEvent.Sent(0, Side.CLIENT, WireFrame.of(FrameType.BINARY,
        "plain".getBytes(StandardCharsets.UTF_8))))).contains("\"base64\":\"cGxhaW4=\"");
    assertThat(RecordingCodec.writeEvent(new RecordedEvent.Received(0, Side.CLIENT, new WireFrame(true, 0, 0,
        new byte[] {(byte) 0xe2, (byte) 0x82}), true))).contains("\"type\":\"continuation\"").contains("\"base64\":\"4oI=\"");
    assertThat(RecordingCodec.writeEvent(new RecordedEvent.Sent(0, Side.CLIENT, WireFrame.close(4000, "why"))))
        .contains("\"code\":4000,\"reason\":\"why\"");
  }

  @Test
  void aMalformedLineIsNamedWithItsFieldAndAFutureVersionIsRefused() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"format\":\"framegate-recording\",\"version\":1,\"recordedAt\":\"2026-12-01T10:00:00Z\"}\n"
        + "{\"t\":0,\"event\":\"receive\",\"side\":\"sideways\",\"type\":\"text\",\"text\":\"x\"}\n");
    assertThatThrownBy(() -> Recording.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.jsonl: line 2: side: expected client or upstream, got 'sideways'");
    Files.writeString(file, "{\"format\":\"framegate-recording\",\"version\":2}\n");
    assertThatThrownBy(() -> Recording.read(file)).hasMessageContaining("line 1: recording format version 2 is not supported");
    Files.writeString(file, "{\"hello\":1}\n");
    assertThatThrownBy(() -> Recording.read(file)).hasMessageContaining("not a Framegate recording");
  }

  @Test
  void authorizationAndCookieHeadersAreRedactedByDefault() {
    try (FrameHarness harness = FrameHarness.builder().build()) {
      HarnessConnection ws = harness.connect(HandshakeSpec.path("/").header("Authorization", "Bearer t0p")
          .header("Cookie", "s=1").header("X-Trace", "42"));
      ws.client().sendText("x");
      String text = ws.recording().toJsonLines();
      assertThat(text).doesNotContain("t0p").doesNotContain("s=1").contains("\"x-trace\":[\"42\"]")
          .contains("\"authorization\":[\"[redacted]\"]").contains("\"cookie\":[\"[redacted]\"]");
      // the upstream request carries the Authorization header on: redacted there too
      assertThat(ws.recording().events(RecordedEvent.UpstreamRequest.class).get(0).headers().get("authorization"))
          .containsExactly("[redacted]");
    }
  }

  @Test
  void jsonFieldsAreRedactedInWholeMessagesAndAcrossFragments() {
    Redaction redaction = Redaction.of(List.of("x-api-key"), List.of("password"));
    try (FrameHarness harness = FrameHarness.builder().redaction(redaction).build()) {
      HarnessConnection ws = harness.connect(HandshakeSpec.path("/").header("X-Api-Key", "k"));
      ws.client().sendText("{\"user\":\"a\",\"password\":\"hunter2\"}");
      ws.client().sendFragments(FrameType.TEXT, "{\"nested\":{\"pass", "word\":\"hun", "ter2\"},\"n\":1}");
      ws.client().sendText("not json: password hunter2 stays");
      String text = ws.recording().toJsonLines();
      assertThat(text.split("hunter2", -1)).as("only the message that is not JSON keeps it").hasSize(3);
      assertThat(text).doesNotContain("hun\\\"").doesNotContain("ter2\\\"")
          .contains("[redacted]").contains("not json: password hunter2 stays")
          .contains("\"x-api-key\":[\"[redacted]\"]");
      List<RecordedEvent.Received> fragments = ws.recording().events(RecordedEvent.Received.class).subList(1, 4);
      assertThat(fragments).extracting(r -> r.frame().opcode()).containsExactly(1, 0, 0);
      StringBuilder whole = new StringBuilder();
      fragments.forEach(f -> whole.append(f.frame().text()));
      assertThat(whole.toString()).isEqualTo("{\"nested\":{\"password\":\"[redacted]\"},\"n\":1}");
      assertThat(ws.recording().header().redacted()).containsEntry("jsonFields", List.of("password"));
    }
  }
}
