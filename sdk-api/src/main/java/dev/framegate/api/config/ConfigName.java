package dev.framegate.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The configuration key of a record component, when it differs from the component's name (for
 * example Kong-style snake case: {@code @ConfigName("max_size") int maxSize}).
 *
 * @since 1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface ConfigName {

  /**
   * The key.
   *
   * @return the key as written in configuration files
   * @since 1.0
   */
  String value();
}
