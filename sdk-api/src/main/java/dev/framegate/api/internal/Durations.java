package dev.framegate.api.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of Framegate, used by plugin configuration records, the runtime's
 * configuration files and the command line: a whole number followed by {@code ms}, {@code s},
 * {@code m}, {@code h} or {@code d}, or a bare number of milliseconds.
 */
public final class Durations {

  /** The grammar in words, for error messages: "expected " + {@code EXPECTED} + ", got ...". */
  public static final String EXPECTED =
      "a duration such as \"250ms\", \"5s\", \"2m\", \"1h\", \"1d\" or a number of milliseconds";

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h|d)?");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @param text such as {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d} or {@code 300}
   *     (milliseconds); surrounding blanks are ignored
   * @return the duration, or empty when the text does not follow the grammar or overflows
   */
  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    try {
      return Optional.of(switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      });
    } catch (ArithmeticException overflow) {
      return Optional.empty();
    }
  }

  /**
   * Reads a configuration value as a duration: a non-negative whole number is milliseconds, a
   * string follows {@link #parse(String)}.
   *
   * @param value a number or a string, as a YAML or JSON parser gives it
   * @return the duration, or empty when the value is neither
   */
  public static Optional<Duration> of(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      long millis = ((Number) value).longValue();
      return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }
    if (value instanceof String text) {
      return parse(text);
    }
    return Optional.empty();
  }
}
