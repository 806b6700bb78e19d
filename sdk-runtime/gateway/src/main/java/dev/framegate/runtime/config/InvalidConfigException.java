package dev.framegate.runtime.config;

import java.util.List;

/**
 * A configuration that does not validate. Each error names the file and the field path, for
 * example {@code gateway.yaml: routes[1].plugins[0].config.limit: expected an integer, got "ten"}.
 */
public final class InvalidConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> errors;

  /**
   * Creates the exception.
   *
   * @param errors the errors, each naming the file and the field path; at least one
   */
  public InvalidConfigException(List<String> errors) {
    super(String.join(System.lineSeparator(), errors));
    this.errors = List.copyOf(errors);
  }

  /**
   * The errors, one line each.
   *
   * @return the errors
   */
  public List<String> errors() {
    return errors;
  }
}
