package dev.framegate.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a record component takes when its key is absent, written as it would be in a
 * configuration file ({@code "10"}, {@code "true"}, {@code "5s"}, an enum constant).
 *
 * @since 1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface DefaultValue {

  /**
   * The default, as text.
   *
   * @return the default value
   * @since 1.0
   */
  String value();
}
