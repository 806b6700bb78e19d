package dev.framegate.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class as a Framegate plugin: its name, its priority and its configuration type.
 *
 * <p>The runtime and the build tooling read this annotation once, when the plugin is loaded; nothing
 * about it is looked up per frame.
 *
 * <pre>{@code
 * @FramegatePlugin(name = "uppercase", priority = 1000, config = Uppercase.Config.class)
 * public final class Uppercase implements FramePlugin<Uppercase.Config> { ... }
 * }</pre>
 *
 * @since 1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FramegatePlugin {

  /**
   * The plugin's name: lower-case letters, digits and dashes, starting with a letter, at most 64
   * characters (for example {@code "rate-limit"}). It names the plugin in configuration files and
   * orders plugins of equal priority (rule P2).
   *
   * @return the plugin name
   * @since 1.0
   */
  String name();

  /**
   * The plugin's priority: plugins run in descending priority within each phase, as in Kong.
   *
   * @return the priority, any {@code int}
   * @since 1.0
   */
  int priority() default 0;

  /**
   * The type the plugin's configuration binds to: a record (or a class with a canonical
   * constructor) whose components are named after the configuration keys. See
   * {@link dev.framegate.api.config.ConfigBinder} for the supported types.
   *
   * @return the configuration type; {@link NoConfig} when the plugin takes none
   * @since 1.0
   */
  Class<?> config() default NoConfig.class;
}
