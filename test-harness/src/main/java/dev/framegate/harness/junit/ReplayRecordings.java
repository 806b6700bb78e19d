package dev.framegate.harness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per recording in a folder, each run reported as a test of its own named
 * after the file. The method takes the {@link dev.framegate.harness.recording.Recording} as a
 * parameter, and usually a {@link dev.framegate.harness.FrameHarness} from {@link FramegateTest}:
 *
 * <pre>{@code
 * @FramegateTest
 * class RedactRegressionTest {
 *   @ReplayRecordings("src/test/resources/recordings")
 *   @WithPlugin(value = RedactPlugin.class, config = "words[]=secret")
 *   void replays(FrameHarness harness, Recording recording) {
 *     harness.replay(recording);
 *   }
 * }
 * }</pre>
 *
 * <p>Files are taken in name order; a folder without a matching file fails the test, so that a wrong
 * path cannot pass unnoticed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(RecordingsExtension.class)
public @interface ReplayRecordings {

  /**
   * The folder, relative to the working directory (the module's directory under Maven).
   *
   * @return the folder
   */
  String value();

  /**
   * Which files are recordings, as a glob on the file name.
   *
   * @return the glob, {@code *.jsonl} by default
   */
  String glob() default "*.jsonl";
}
