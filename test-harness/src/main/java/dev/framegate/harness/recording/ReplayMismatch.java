package dev.framegate.harness.recording;

/**
 * A replay did not match its recording. The message shows both transcripts side by side, recorded
 * on the left and replayed on the right, around the first event that differs.
 */
public final class ReplayMismatch extends AssertionError {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param difference the side-by-side text
   */
  public ReplayMismatch(String difference) {
    super(difference);
  }
}
