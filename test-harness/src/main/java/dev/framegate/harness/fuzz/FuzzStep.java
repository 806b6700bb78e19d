package dev.framegate.harness.fuzz;

import dev.framegate.engine.Side;
import dev.framegate.harness.WireFrame;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One step of a generated {@link FrameSequence}: frames some sides send, time passing, or a side
 * vanishing. A step that cannot happen any more when its turn comes (its side is gone or was
 * disconnected) is skipped, so every sequence can run to its end.
 */
public sealed interface FuzzStep {

  /**
   * A one-line description for failure reports.
   *
   * @return the description
   */
  String describe();

  /**
   * One frame a side sends.
   *
   * @param from the side that sends it
   * @param frame the frame
   * @param wrongMasking whether its mask bit breaks RFC 6455 section 5.1 (unmasked from the client,
   *     masked from the upstream)
   */
  record Frame(Side from, WireFrame frame, boolean wrongMasking) {
    /** Checks that nothing is missing. */
    public Frame {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(frame, "frame");
    }

    /**
     * A frame with the mask bit RFC 6455 requires.
     *
     * @param from the side
     * @param frame the frame
     */
    public Frame(Side from, WireFrame frame) {
      this(from, frame, false);
    }

    @Override
    public String toString() {
      return (from == Side.CLIENT ? "client " : "upstream ") + frame.describe()
          + (wrongMasking ? (from == Side.CLIENT ? " (unmasked)" : " (masked)") : "");
    }
  }

  /**
   * Frames sent one after the other: one message and its fragments, with control frames of either
   * side between them, or a single control frame.
   *
   * @param frames the frames, in order
   */
  record Send(List<Frame> frames) implements FuzzStep {
    /** Copies the frames. */
    public Send {
      frames = List.copyOf(frames);
    }

    @Override
    public String describe() {
      StringJoiner out = new StringJoiner(", then ");
      frames.forEach(f -> out.add(f.toString()));
      return out.toString();
    }
  }

  /**
   * Time passes on the virtual clock (timers fall due: idle time-outs, keepalive pings, close
   * linger).
   *
   * @param duration how long
   */
  record Advance(Duration duration) implements FuzzStep {
    /** Checks the duration. */
    public Advance {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("time cannot go back: " + duration);
      }
    }

    @Override
    public String describe() {
      return "time passes: " + human(duration);
    }

    private static String human(Duration d) {
      long ms = d.toMillis();
      return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
  }

  /**
   * A side's network connection drops without a close frame.
   *
   * @param side the side
   */
  record Vanish(Side side) implements FuzzStep {
    @Override
    public String describe() {
      return (side == Side.CLIENT ? "client" : "upstream") + " vanishes (no close frame)";
    }
  }
}
