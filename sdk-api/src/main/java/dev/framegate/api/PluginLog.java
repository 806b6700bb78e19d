package dev.framegate.api;

/**
 * A plugin's logger. Messages use {@code {}} placeholders, filled from the arguments in order; a
 * trailing {@link Throwable} argument is logged with its stack trace. Kong: {@code kong.log}.
 *
 * @since 1.0
 */
public interface PluginLog {

  /**
   * Logs at debug level.
   *
   * @param message the message, with {@code {}} placeholders
   * @param args the placeholder values
   * @since 1.0
   */
  void debug(String message, Object... args);

  /**
   * Logs at info level.
   *
   * @param message the message, with {@code {}} placeholders
   * @param args the placeholder values
   * @since 1.0
   */
  void info(String message, Object... args);

  /**
   * Logs at warning level.
   *
   * @param message the message, with {@code {}} placeholders
   * @param args the placeholder values
   * @since 1.0
   */
  void warn(String message, Object... args);

  /**
   * Logs at error level.
   *
   * @param message the message, with {@code {}} placeholders
   * @param args the placeholder values
   * @since 1.0
   */
  void error(String message, Object... args);
}
