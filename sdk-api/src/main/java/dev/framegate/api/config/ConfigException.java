package dev.framegate.api.config;

/**
 * A configuration value that does not bind. The message names the field (as a dotted path such as
 * {@code limits.max_size} or {@code hosts[2]}) and what was expected.
 *
 * @since 1.0
 */
public class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the dotted path of the offending field, empty for the root
   * @param message what was wrong and what was expected
   * @since 1.0
   */
  public ConfigException(String field, String message) {
    super(field.isEmpty() ? message : "field '" + field + "': " + message);
    this.field = field;
  }

  /**
   * The dotted path of the offending field.
   *
   * @return the field path, empty for the root
   * @since 1.0
   */
  public String field() {
    return field;
  }
}
