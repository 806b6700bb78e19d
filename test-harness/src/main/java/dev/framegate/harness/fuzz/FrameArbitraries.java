package dev.framegate.harness.fuzz;

import dev.framegate.api.FrameType;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries for WebSocket frames and frame sequences, shaped by a route's limits and
 * timeouts: text and binary messages cut into fragments at random places (UTF-8 characters split
 * across fragments included), control frames of either side between fragments, pings and pongs,
 * valid and invalid close codes and reasons, payload sizes around the message limits, protocol
 * violations, a side vanishing, and time passing around the configured timeouts.
 *
 * <pre>{@code
 * @Provide Arbitrary<FrameSequence> sequences() {
 *   return FrameArbitraries.forSettings(settings).sequences();
 * }
 * }</pre>
 *
 * <p>Every arbitrary shrinks: a failing sequence loses steps, fragments and payload bytes until
 * nothing more can go while it still fails.
 */
public final class FrameArbitraries {

  /** The most steps {@link #sequences()} generates. */
  public static final int DEFAULT_MAX_STEPS = 20;

  private static final int[] CODE_POINTS = {
    'a', 'b', ' ', '"', '{', '}', 0x0, 0x7f, 0x80, 0xdf, 0xe9, 0x149, 0x7ff, 0x800, 0x20ac, 0xfb00, 0xfffd, 0xffff,
    0x10000, 0x1f600, 0x10ffff
  };
  private static final byte[][] INVALID_UTF8 = {
    {(byte) 0xc0, (byte) 0x80}, // overlong NUL
    {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a UTF-16 surrogate
    {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
    {(byte) 0x80}, // a lone continuation byte
    {(byte) 0xe2, (byte) 0x82}, // a character cut short
    {(byte) 0xff}
  };
  private static final byte[] MULTIBYTE_PATTERN = "é€\uD83D\uDE00a".getBytes(StandardCharsets.UTF_8);

  private final EngineSettings settings;

  private FrameArbitraries(EngineSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Arbitraries shaped by a route's settings: payload sizes around its message limits, fragment
   * counts around its fragment limit, time steps around its timeouts.
   *
   * @param settings the limits and timeouts
   * @return the arbitraries
   */
  public static FrameArbitraries forSettings(EngineSettings settings) {
    return new FrameArbitraries(settings);
  }

  /**
   * Sequences of 1 to {@value #DEFAULT_MAX_STEPS} steps.
   *
   * @return the arbitrary
   */
  public Arbitrary<FrameSequence> sequences() {
    return sequences(DEFAULT_MAX_STEPS);
  }

  /**
   * Sequences of 1 to {@code maxSteps} steps.
   *
   * @param maxSteps the most steps
   * @return the arbitrary
   */
  public Arbitrary<FrameSequence> sequences(int maxSteps) {
    return steps().list().ofMinSize(1).ofMaxSize(maxSteps).map(FrameSequence::new);
  }

  /**
   * Any step, weighted towards messages.
   *
   * @return the arbitrary
   */
  public Arbitrary<FuzzStep> steps() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, message(Side.CLIENT)),
        Tuple.of(6, message(Side.UPSTREAM)),
        Tuple.of(3, Arbitraries.oneOf(control(Side.CLIENT), control(Side.UPSTREAM))),
        Tuple.of(2, Arbitraries.oneOf(close(Side.CLIENT), close(Side.UPSTREAM))),
        Tuple.of(3, advance()),
        Tuple.of(1, protocolViolation()),
        Tuple.of(1, vanish()));
  }

  /**
   * Either side.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Side> sides() {
    return Arbitraries.of(Side.CLIENT, Side.UPSTREAM);
  }

  /**
   * One text or binary message from a side, in one frame or cut into fragments at random places,
   * with control frames of either side (pings, pongs, closes) sometimes sent between its fragments.
   *
   * @param from the side
   * @return the arbitrary
   */
  public Arbitrary<FuzzStep> message(Side from) {
    Arbitrary<Tuple.Tuple2<FrameType, byte[]>> content = Arbitraries.frequencyOf(
        Tuple.of(6, utf8Text(24).map(b -> Tuple.of(FrameType.TEXT, b))),
        Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(32).map(b -> Tuple.of(FrameType.BINARY, b))),
        Tuple.of(1, invalidUtf8().map(b -> Tuple.of(FrameType.TEXT, b))),
        Tuple.of(3, Combinators.combine(Arbitraries.of(FrameType.TEXT, FrameType.BINARY), sizesAroundLimit(from))
            .as((type, size) -> Tuple.of(type, filled(type, size)))));
    int maxCuts = Math.max(3, settings.maxFragments() + 1);
    Arbitrary<List<Integer>> cuts = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(List.<Integer>of())),
        Tuple.of(4, Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(maxCuts)));
    Arbitrary<List<Tuple.Tuple2<Integer, FuzzStep.Frame>>> between = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(List.<Tuple.Tuple2<Integer, FuzzStep.Frame>>of())),
        Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 8),
                Arbitraries.oneOf(controlFrame(Side.CLIENT), controlFrame(Side.UPSTREAM)))
            .as(Tuple::of).list().ofMaxSize(2)));
    return Combinators.combine(content, cuts, between).as((c, at, controls) -> message(from, c.get1(), c.get2(), at, controls));
  }

  private static FuzzStep message(Side from, FrameType type, byte[] payload, List<Integer> at,
      List<Tuple.Tuple2<Integer, FuzzStep.Frame>> controls) {
    TreeSet<Integer> cuts = new TreeSet<>();
    at.forEach(cut -> cuts.add(payload.length == 0 ? 0 : cut % (payload.length + 1)));
    List<byte[]> parts = new ArrayList<>();
    int start = 0;
    for (int cut : cuts) {
      parts.add(Arrays.copyOfRange(payload, start, cut));
      start = cut;
    }
    parts.add(Arrays.copyOfRange(payload, start, payload.length));
    List<FuzzStep.Frame> frames = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      frames.add(new FuzzStep.Frame(from, new WireFrame(i == parts.size() - 1, 0, i == 0 ? type.opcode() : 0, parts.get(i))));
    }
    // Control frames go between fragments: after fragment (index mod fragments-1), never after the
    // last; a message in one frame has none, so that shrinking can separate a control frame from it.
    int gaps = Math.max(1, parts.size() - 1);
    List<FuzzStep.Frame> ordered = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      ordered.add(frames.get(i));
      for (Tuple.Tuple2<Integer, FuzzStep.Frame> control : controls) {
        if (control.get1() % gaps == i && i < frames.size() - 1) {
          ordered.add(control.get2());
        }
      }
    }
    return new FuzzStep.Send(ordered);
  }

  /**
   * A ping or pong from a side: mostly short payloads, sometimes 125 bytes (the most a control frame
   * may carry) or 126 (one too many).
   *
   * @param from the side
   * @return the arbitrary
   */
  public Arbitrary<FuzzStep> control(Side from) {
    return controlFrame(from).map(frame -> new FuzzStep.Send(List.of(frame)));
  }

  private Arbitrary<FuzzStep.Frame> controlFrame(Side from) {
    Arbitrary<byte[]> payload = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.bytes().array(byte[].class).ofMaxSize(8)),
        Tuple.of(1, Arbitraries.of(125, 126).map(n -> filled(FrameType.BINARY, n))));
    Arbitrary<FuzzStep.Frame> pingPong = Combinators.combine(Arbitraries.of(FrameType.PING, FrameType.PONG), payload)
        .as((type, bytes) -> new FuzzStep.Frame(from, WireFrame.of(type, bytes)));
    return Arbitraries.frequencyOf(Tuple.of(3, pingPong), Tuple.of(1, closeFrame(from)));
  }

  /**
   * A close frame from a side: valid codes, invalid ones (1005, 1006, 999, 5000...), none, a 1-byte
   * payload; reasons in plain text, with multi-byte characters, invalid UTF-8, or too long.
   *
   * @param from the side
   * @return the arbitrary
   */
  public Arbitrary<FuzzStep> close(Side from) {
    return closeFrame(from).map(frame -> new FuzzStep.Send(List.of(frame)));
  }

  private Arbitrary<FuzzStep.Frame> closeFrame(Side from) {
    Arbitrary<byte[]> reason = Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(8).map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(2, utf8Text(6)),
        Tuple.of(1, invalidUtf8()),
        Tuple.of(1, Arbitraries.just(filled(FrameType.TEXT, 124))));
    Arbitrary<byte[]> payload = Arbitraries.frequencyOf(
        Tuple.of(6, Combinators.combine(validCloseCodes(), reason).as(FrameArbitraries::closePayload)),
        Tuple.of(2, Combinators.combine(invalidCloseCodes(), reason).as(FrameArbitraries::closePayload)),
        Tuple.of(1, Arbitraries.just(new byte[0])),
        Tuple.of(1, Arbitraries.just(new byte[] {0x03})));
    return payload.map(bytes -> new FuzzStep.Frame(from, WireFrame.of(FrameType.CLOSE, bytes)));
  }

  private static byte[] closePayload(int code, byte[] reason) {
    byte[] payload = new byte[2 + reason.length];
    payload[0] = (byte) (code >> 8);
    payload[1] = (byte) code;
    System.arraycopy(reason, 0, payload, 2, reason.length);
    return payload;
  }

  /**
   * Close codes RFC 6455 allows on the wire.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Integer> validCloseCodes() {
    return Arbitraries.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4999);
  }

  /**
   * Close codes RFC 6455 forbids on the wire.
   *
   * @return the arbitrary
   */
  public static Arbitrary<Integer> invalidCloseCodes() {
    return Arbitraries.of(0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535);
  }

  /**
   * Time passing: a little, or around one of the configured timeouts (close linger, idle time-out,
   * keepalive interval, the one-second rate window).
   *
   * @return the arbitrary
   */
  public Arbitrary<FuzzStep> advance() {
    List<Long> around = new ArrayList<>();
    for (Duration timeout : List.of(settings.closeLinger(), settings.idleTimeout(), settings.keepaliveInterval(),
        Duration.ofSeconds(1))) {
      long ms = timeout.toMillis();
      if (ms > 0) {
        around.add(ms - 1);
        around.add(ms);
        around.add(ms + 1);
      }
    }
    return Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.longs().between(0, 2_000)),
            Tuple.of(1, Arbitraries.of(around)))
        .map(ms -> new FuzzStep.Advance(Duration.ofMillis(ms)));
  }

  /**
   * A side vanishing without a close frame.
   *
   * @return the arbitrary
   */
  public Arbitrary<FuzzStep> vanish() {
    return sides().map(FuzzStep.Vanish::new);
  }

  /**
   * A frame that breaks RFC 6455: a reserved opcode, RSV bits without an extension, a continuation
   * with nothing to continue, a fragmented ping, a wrong mask bit, a message started inside another.
   *
   * @return the arbitrary
   */
  public Arbitrary<FuzzStep> protocolViolation() {
    return Arbitraries.oneOf(protocolViolation(Side.CLIENT), protocolViolation(Side.UPSTREAM));
  }

  private Arbitrary<FuzzStep> protocolViolation(Side from) {
    return Arbitraries.oneOf(
        Arbitraries.of(3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf)
            .map(op -> send(new FuzzStep.Frame(from, new WireFrame(true, 0, op, new byte[] {1})))),
        Arbitraries.integers().between(1, 7)
            .map(rsv -> send(new FuzzStep.Frame(from, new WireFrame(true, rsv, 1, bytes("rsv"))))),
        Arbitraries.just(send(new FuzzStep.Frame(from, new WireFrame(true, 0, 0, bytes("orphan"))))),
        Arbitraries.just(send(new FuzzStep.Frame(from, new WireFrame(false, 0, 9, bytes("p"))))),
        Arbitraries.just(send(new FuzzStep.Frame(from, new WireFrame(true, 0, 1, bytes("mask")), true))),
        Arbitraries.just(new FuzzStep.Send(List.of(
            new FuzzStep.Frame(from, new WireFrame(false, 0, 1, bytes("first"))),
            new FuzzStep.Frame(from, new WireFrame(true, 0, 2, bytes("second")))))));
  }

  private static FuzzStep send(FuzzStep.Frame frame) {
    return new FuzzStep.Send(List.of(frame));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Payload sizes around a side's message limit (one under, at, one over), and around the frame
   * header's length boundaries (125/126, 65535/65536) when they are below it.
   *
   * @param from the sending side
   * @return the arbitrary
   */
  public Arbitrary<Integer> sizesAroundLimit(Side from) {
    int limit = from == Side.CLIENT ? settings.clientMaxPayload() : settings.upstreamMaxPayload();
    List<Integer> sizes = new ArrayList<>();
    for (int size : new int[] {0, 125, 126, 65535, 65536}) {
      if (size <= limit + 1) {
        sizes.add(size);
      }
    }
    // The limit itself counts most: one under, at, one over.
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(sizes)),
        Tuple.of(3, Arbitraries.of(limit - 1, limit, limit + 1)));
  }

  /**
   * Well-formed UTF-8 text of up to {@code maxCharacters} characters, favouring the edges: one- to
   * four-byte characters, U+0000, U+007F/U+0080, U+07FF/U+0800, U+FFFD, U+FFFF, U+10000, U+10FFFF,
   * and characters whose upper case has another length (ß, ŉ, ﬀ).
   *
   * @param maxCharacters the most characters
   * @return the arbitrary, as UTF-8 bytes
   */
  public static Arbitrary<byte[]> utf8Text(int maxCharacters) {
    Integer[] points = Arrays.stream(CODE_POINTS).boxed().toArray(Integer[]::new);
    return Arbitraries.of(points).list().ofMaxSize(maxCharacters).map(list -> {
      StringBuilder text = new StringBuilder();
      list.forEach(text::appendCodePoint);
      return text.toString().getBytes(StandardCharsets.UTF_8);
    });
  }

  /**
   * Text that is not UTF-8: a well-formed prefix and suffix around an overlong encoding, a
   * surrogate, a code point above U+10FFFF, a stray continuation byte, a cut character or 0xFF.
   *
   * @return the arbitrary
   */
  public static Arbitrary<byte[]> invalidUtf8() {
    return Combinators.combine(utf8Text(4), Arbitraries.of(INVALID_UTF8), utf8Text(4)).as((prefix, bad, suffix) -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(prefix);
      out.writeBytes(bad);
      out.writeBytes(suffix);
      return out.toByteArray();
    });
  }

  /**
   * A payload of an exact size: for text, well-formed UTF-8 with multi-byte characters all along
   * (so that fragments cut through characters); for binary, a byte pattern.
   *
   * @param type text or binary
   * @param size the size in bytes
   * @return the payload
   */
  public static byte[] filled(FrameType type, int size) {
    byte[] payload = new byte[size];
    if (type == FrameType.TEXT) {
      int whole = size - size % MULTIBYTE_PATTERN.length;
      for (int at = 0; at < whole; at += MULTIBYTE_PATTERN.length) {
        System.arraycopy(MULTIBYTE_PATTERN, 0, payload, at, MULTIBYTE_PATTERN.length);
      }
      Arrays.fill(payload, whole, size, (byte) 'a');
    } else {
      for (int i = 0; i < size; i++) {
        payload[i] = (byte) (i * 31 + 7);
      }
    }
    return payload;
  }
}
