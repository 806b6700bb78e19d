package dev.framegate.harness.conformance;

/** Runs a PDK call that may throw and describes the outcome for an {@link EventLog}. */
final class Probe {

  private Probe() {}

  /**
   * Runs a call.
   *
   * @param call the call
   * @return {@code "ok"}, or the simple name of the exception and its message
   */
  static String outcome(Runnable call) {
    try {
      call.run();
      return "ok";
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
