package dev.framegate.harness.fuzz;

import java.util.List;

/**
 * A generated run of one connection: the steps the client and the upstream take after the upgrade,
 * in order. {@link FrameArbitraries} generates them; {@link FrameFuzzer} runs them. jqwik shrinks a
 * failing sequence to a minimal one, and prints it with {@link #toString()}: one numbered step per
 * line.
 *
 * @param steps the steps
 */
public record FrameSequence(List<FuzzStep> steps) {

  /** Copies the steps. */
  public FrameSequence {
    steps = List.copyOf(steps);
  }

  /**
   * A sequence of the given steps.
   *
   * @param steps the steps
   * @return the sequence
   */
  public static FrameSequence of(FuzzStep... steps) {
    return new FrameSequence(List.of(steps));
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("frame sequence of ").append(steps.size())
        .append(steps.size() == 1 ? " step:" : " steps:");
    for (int i = 0; i < steps.size(); i++) {
      out.append("\n  ").append(i + 1).append(". ").append(steps.get(i).describe());
    }
    return out.toString();
  }
}
