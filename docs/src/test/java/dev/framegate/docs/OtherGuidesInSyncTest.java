package dev.framegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tagged examples of from-traffic-to-test.md ({@code traffic-*}) and fuzzing.md ({@code fuzz-*})
 * appear verbatim in their guide, so the guides cannot drift from code that compiles and runs.
 */
class OtherGuidesInSyncTest {

  @Test
  void trafficGuide() throws IOException {
    check("from-traffic-to-test.md", "traffic-", List.of("traffic-annotation", "traffic-replay", "traffic-options",
        "traffic-golden", "traffic-record-in-test"));
  }

  @Test
  void fuzzingGuide() throws IOException {
    check("fuzzing.md", "fuzz-", List.of("fuzz-property", "fuzz-own-property", "fuzz-own-arbitrary", "fuzz-by-hand"));
  }

  private static void check(String guideFile, String prefix, List<String> expected) throws IOException {
    String guide = Files.readString(Path.of(guideFile));
    Map<String, String> regions = GuideInSyncTest.regions();
    assertThat(regions).containsKeys(expected.toArray(String[]::new));
    List<String> missing = new ArrayList<>();
    regions.forEach((name, code) -> {
      if (name.startsWith(prefix) && !guide.contains(code)) {
        missing.add(name);
      }
    });
    assertThat(missing).as("examples missing from or changed in docs/" + guideFile).isEmpty();
  }
}
