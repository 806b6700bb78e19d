package dev.framegate.api;

/**
 * Thrown when a plugin uses the PDK in a way the contract forbids: an operation in the wrong phase,
 * dropping a close frame, sending on a closing side. The message always says what to do instead.
 *
 * @since 1.0
 */
public class PdkMisuseException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and what to do instead
   * @since 1.0
   */
  public PdkMisuseException(String message) {
    super(message);
  }
}
