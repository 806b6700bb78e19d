package dev.framegate.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Read-only HTTP headers with case-insensitive names and possibly several values per name.
 *
 * @since 1.0
 */
public interface Headers {

  /**
   * The first value of a header.
   *
   * @param name the header name, in any case
   * @return the first value, or empty if the header is absent
   * @since 1.0
   */
  Optional<String> first(String name);

  /**
   * All values of a header, in the order received.
   *
   * @param name the header name, in any case
   * @return the values; empty if the header is absent
   * @since 1.0
   */
  List<String> all(String name);

  /**
   * The names present, lower-cased.
   *
   * @return the header names
   * @since 1.0
   */
  Set<String> names();
}
