package dev.framegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every tagged region of the example sources appears verbatim in the guide, so the guide cannot drift. */
class GuideInSyncTest {

  private static final Pattern REGION = Pattern.compile(
      "[ \\t]*// tag::([a-z-]+)\\[\\]\\n(.*?)[ \\t]*// end::\\1\\[\\]", Pattern.DOTALL);

  @Test
  void everyTaggedExampleAppearsVerbatimInTheGuide() throws IOException {
    String guide = Files.readString(Path.of("harness-guide.md"));
    Map<String, String> regions = regions();
    assertThat(regions).containsKeys("plugin", "first-test", "config-tree", "fragments", "close", "clock",
        "upstream", "extension", "conformance", "rate-limit", "rate-limit-test");
    List<String> missing = new ArrayList<>();
    regions.forEach((name, code) -> {
      // the other guides' examples are checked by OtherGuidesInSyncTest
      if (!name.startsWith("traffic-") && !name.startsWith("fuzz-") && !guide.contains(code)) {
        missing.add(name);
      }
    });
    assertThat(missing).as("examples missing from or changed in docs/harness-guide.md").isEmpty();
  }

  static Map<String, String> regions() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = REGION.matcher(Files.readString(file));
        while (m.find()) {
          regions.put(m.group(1), dedent(m.group(2)));
        }
      }
    }
    return regions;
  }

  static String dedent(String code) {
    List<String> lines = code.lines().toList();
    int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }
}
