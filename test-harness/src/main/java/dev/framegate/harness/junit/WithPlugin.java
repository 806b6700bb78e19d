package dev.framegate.harness.junit;

import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.FramePlugin;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds a plugin to the harness {@link FramegateExtension} injects. On a class it applies to every
 * test; on a method to that test (after the class's plugins). The plugin is created with its
 * no-argument constructor and its configuration bound from {@link #config()} as the runtime binds a
 * route's configuration.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(WithPlugins.class)
public @interface WithPlugin {

  /**
   * The plugin class.
   *
   * @return the class
   */
  @SuppressWarnings("rawtypes")
  Class<? extends FramePlugin> value();

  /**
   * The configuration, one {@code key=value} per entry; a dotted key ({@code limits.max=10}) fills a
   * nested record; a key ending in {@code []} ({@code words[]=a,b}) gives a list of the
   * comma-separated values. Values are strings, which the binder converts to numbers, booleans,
   * durations and enums.
   *
   * @return the entries
   */
  String[] config() default {};

  /**
   * What happens when the plugin throws in a frame phase.
   *
   * @return the policy
   */
  ErrorPolicy errorPolicy() default ErrorPolicy.CLOSE;
}
