package dev.framegate.harness;

import dev.framegate.apirecord.ApiRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The harness's public surface (the packages its module exports: {@code dev.framegate.harness},
 * {@code .junit}, {@code .conformance}) against its committed record {@code
 * test-harness/api/framegate-test-harness.api}: a change that is not an addition fails, naming it
 * (docs/api-compatibility.md).
 */
class PublicApiTest {

  @Test
  @DisplayName("the harness's public API changes compatibly only: the record lists every element, additions aside")
  void publicApiMatchesTheRecord() throws Exception {
    Path classes = Path.of(FrameHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> added = ApiRecord.check("framegate-test-harness", classes, getClass().getClassLoader(),
        pkg -> pkg.startsWith("dev.framegate.harness") && !pkg.contains(".internal"),
        Path.of("api", "framegate-test-harness.api"));
    if (!added.isEmpty()) {
      System.out.println(ApiRecord.notice("framegate-test-harness", added));
    }
  }
}
