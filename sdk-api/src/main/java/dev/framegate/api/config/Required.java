package dev.framegate.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component whose key must be present. Primitive components without a {@link
 * DefaultValue} are required anyway; other absent components bind to {@code null}, an empty list,
 * an empty map or {@link java.util.Optional#empty()}.
 *
 * @since 1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Required {}
