package dev.framegate.harness.fuzz;

/**
 * The invariants {@link FrameFuzzer} checks on every generated run, whatever the plugins. Each one
 * can be switched off with {@link FrameFuzzer.Builder#without(FuzzInvariant...)} when a plugin breaks
 * it on purpose (a plugin that throws by design, for example).
 */
public enum FuzzInvariant {
  /** No plugin misused the PDK ({@link dev.framegate.api.PdkMisuseException}). */
  NO_PDK_MISUSE("no PdkMisuseException"),
  /** No plugin threw, or ran past the plugin timeout. */
  NO_PLUGIN_FAILURE("no plugin failure"),
  /** The engine itself never threw from a call. */
  ENGINE_DID_NOT_THROW("the engine does not throw"),
  /** Nothing is written to a side after its close frame, or after it is gone. */
  NOTHING_AFTER_CLOSE("no frame after a close"),
  /** Every ping, pong and close frame written carries at most 125 bytes. */
  CONTROL_FRAMES_AT_MOST_125_BYTES("control frames at most 125 bytes"),
  /** Every close frame written is empty, or carries a code RFC 6455 allows and a UTF-8 reason. */
  VALID_CLOSE_CODES("valid close codes only"),
  /**
   * Every message no plugin dropped, rewrote or closed on, and that the engine did not refuse, reaches
   * the other side unchanged and in order; and nothing reaches a side that no one sent.
   */
  MESSAGES_UNCHANGED_AND_IN_ORDER("messages no plugin dropped or rewrote arrive unchanged and in order"),
  /**
   * The connection ends within the configured timeouts on virtual time: within the close linger once a
   * close frame went out, within the idle time-out and the linger when no one sends anything.
   */
  ENDS_WITHIN_TIMEOUTS("the connection ends within the configured timeouts"),
  /** The close phase runs exactly once, and nothing happens after it. */
  CLOSE_PHASE_ONCE("the close phase runs exactly once");

  private final String description;

  FuzzInvariant(String description) {
    this.description = description;
  }

  /**
   * What the invariant says, for failure reports.
   *
   * @return the description
   */
  public String description() {
    return description;
  }
}
