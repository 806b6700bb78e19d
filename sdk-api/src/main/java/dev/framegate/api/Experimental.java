package dev.framegate.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks API that may change in a minor release. Everything not marked is covered by semantic
 * versioning and checked by the API-compatibility gate of the build.
 *
 * @since 1.0
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({
  ElementType.TYPE,
  ElementType.METHOD,
  ElementType.CONSTRUCTOR,
  ElementType.FIELD,
  ElementType.PACKAGE
})
public @interface Experimental {

  /**
   * Why the element is experimental, or what may change.
   *
   * @return a short note, possibly empty
   * @since 1.0
   */
  String value() default "";
}
