package dev.framegate.harness.recording;

import java.util.Optional;

/**
 * The outcome of a replay.
 *
 * @param recording the recording that was replayed
 * @param replayed what the plugins did this time, as a recording with the original's header
 * @param difference the two transcripts side by side at the first divergence, or empty when they
 *     match
 * @param goldenRewritten whether the recording's file was rewritten with the replay (a new golden
 *     was accepted)
 */
public record ReplayResult(Recording recording, Recording replayed, Optional<String> difference,
    boolean goldenRewritten) {

  /**
   * Whether the replay matched the recording.
   *
   * @return {@code true} without difference
   */
  public boolean matched() {
    return difference.isEmpty();
  }

  /**
   * Throws when the replay did not match (and no new golden was accepted).
   *
   * @throws ReplayMismatch with the side-by-side difference
   */
  public void assertMatched() {
    if (difference.isPresent() && !goldenRewritten) {
      throw new ReplayMismatch(difference.get());
    }
  }
}
