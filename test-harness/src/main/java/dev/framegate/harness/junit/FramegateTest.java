package dev.framegate.harness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (or method) that takes a {@link dev.framegate.harness.FrameHarness} or a
 * {@link dev.framegate.harness.FrameHarness.Builder} parameter: shorthand for {@code
 * @ExtendWith(FramegateExtension.class)}. Plugins come from {@link WithPlugin} annotations.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(FramegateExtension.class)
public @interface FramegateTest {}
