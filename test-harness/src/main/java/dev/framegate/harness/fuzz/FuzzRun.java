package dev.framegate.harness.fuzz;

import dev.framegate.api.FrameType;
import dev.framegate.engine.Side;
import dev.framegate.harness.HandshakeResult;
import dev.framegate.harness.WireFrame;
import dev.framegate.harness.recording.RecordedEvent;
import dev.framegate.harness.recording.Recording;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happened in one generated run: the sequence, the handshake, everything recorded on the
 * connection, and the invariants it broke. Plugin authors check their own properties on it, for
 * example that every text message reaching the upstream is upper case.
 */
public final class FuzzRun {

  private final FrameSequence sequence;
  private final HandshakeResult handshake;
  private final Recording recording;
  private final String transcript;
  private final List<String> violations;

  FuzzRun(FrameSequence sequence, HandshakeResult handshake, Recording recording, String transcript,
      List<String> violations) {
    this.sequence = sequence;
    this.handshake = handshake;
    this.recording = recording;
    this.transcript = transcript;
    this.violations = List.copyOf(violations);
  }

  /**
   * The sequence that ran.
   *
   * @return the sequence
   */
  public FrameSequence sequence() {
    return sequence;
  }

  /**
   * The client's answer to its upgrade (a plugin may have refused it).
   *
   * @return the handshake result
   */
  public HandshakeResult handshake() {
    return handshake;
  }

  /**
   * Everything recorded on the connection, as {@link dev.framegate.harness.HarnessConnection#recording()}.
   *
   * @return the recording
   */
  public Recording recording() {
    return recording;
  }

  /**
   * The events of the recording.
   *
   * @return the events, in order
   */
  public List<RecordedEvent> events() {
    return recording.events();
  }

  /**
   * Every frame the gateway wrote to a side, in order.
   *
   * @param side the side
   * @return the frames
   */
  public List<WireFrame> framesSentTo(Side side) {
    List<WireFrame> frames = new ArrayList<>();
    for (RecordedEvent.Sent sent : recording.events(RecordedEvent.Sent.class)) {
      if (sent.to() == side) {
        frames.add(sent.frame());
      }
    }
    return frames;
  }

  /**
   * The text and binary messages the gateway wrote to a side, in order.
   *
   * @param side the side
   * @return the messages
   */
  public List<WireFrame> messagesSentTo(Side side) {
    List<WireFrame> messages = new ArrayList<>();
    for (WireFrame frame : framesSentTo(side)) {
      if (frame.type() == FrameType.TEXT || frame.type() == FrameType.BINARY) {
        messages.add(frame);
      }
    }
    return messages;
  }

  /**
   * How the connection ended.
   *
   * @return the finish event, or empty if it did not end
   */
  public Optional<RecordedEvent.Finished> finish() {
    List<RecordedEvent.Finished> finished = recording.events(RecordedEvent.Finished.class);
    return finished.isEmpty() ? Optional.empty() : Optional.of(finished.get(0));
  }

  /**
   * The connection transcript, as harness failures show it.
   *
   * @return a multi-line text
   */
  public String transcript() {
    return transcript;
  }

  /**
   * The invariants this run broke, one line each; empty when it passed.
   *
   * @return the violations
   */
  public List<String> violations() {
    return violations;
  }

  /**
   * Throws when the run broke an invariant.
   *
   * @throws AssertionError listing the violations, the sequence and the transcript
   */
  public void assertNoViolations() {
    if (!violations.isEmpty()) {
      throw new AssertionError(report());
    }
  }

  String report() {
    StringBuilder out = new StringBuilder();
    for (String violation : violations) {
      out.append(violation).append('\n');
    }
    out.append(sequence).append('\n').append(transcript);
    return out.toString();
  }

  @Override
  public String toString() {
    return "FuzzRun of " + sequence.steps().size() + " steps, " + violations.size() + " violation(s)";
  }
}
