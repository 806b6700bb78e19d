package dev.framegate.api;

/**
 * The configuration type of a plugin that takes no configuration. Binding any key to it fails.
 *
 * @since 1.0
 */
public record NoConfig() {

  /**
   * The single instance.
   *
   * @since 1.0
   */
  public static final NoConfig INSTANCE = new NoConfig();
}
