package dev.framegate.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks API that may change in a minor release. Everything not marked is covered by semantic
 * versioning: the build keeps a record of the public API and fails on a change that is not an
 * addition (docs/api-compatibility.md). An element marked here, or inside a type or package marked
 * here, is left out of that record.
 *
 * <p>Retained at run time, so that tools and tests can see it.
 *
 * @since 1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
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
