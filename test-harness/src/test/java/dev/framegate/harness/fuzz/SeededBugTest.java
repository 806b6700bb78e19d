package dev.framegate.harness.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * The fuzzer finds the seeded bugs of two test plugins, shrinks each failure to a minimal frame
 * sequence, and the seed jqwik prints with it regenerates the same sequence.
 */
class SeededBugTest {

  @TempDir
  Path database;

  private record Outcome(String message, String seed) {}

  private Outcome run(String property, String afterFailure) {
    EngineExecutionResults results = EngineTestKit.engine("jqwik")
        .selectors(selectMethod(SeededBugProperties.class, property, FrameSequence.class.getName()))
        .configurationParameter("jqwik.database", database.resolve("jqwik-database").toString())
        .configurationParameter("jqwik.failures.after.default", afterFailure)
        .configurationParameter("jqwik.reporting.usejunitplatform", "true")
        .execute();
    List<Event> failed = results.testEvents().failed().list();
    assertThat(failed).as("the property must fail; events: %s", results.allEvents().list()).hasSize(1);
    Throwable error = failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
    String seed = results.allEvents().stream()
        .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow())
        .flatMap(entry -> entry.getKeyValuePairs().values().stream())
        .map(SeededBugTest::seedOf)
        .filter(s -> !s.isEmpty())
        .findFirst().orElse("");
    return new Outcome(error.getMessage(), seed);
  }

  private static String seedOf(String report) {
    for (String line : report.lines().toList()) {
      String trimmed = line.trim();
      if (trimmed.startsWith("seed = ")) {
        return trimmed.substring("seed = ".length()).split("\\s")[0];
      }
    }
    return "";
  }

  @Test
  void findsAPluginThatSendsToAClosingClientAndShrinksToTheUpstreamClosingBeforeAClientMessage() {
    Outcome first = run("acknowledgingPluginKeepsThePdkRules", "RANDOM_SEED");
    assertThat(first.message())
        .contains("invariant 'no PdkMisuseException' broken: plugin 'acknowledging' threw dev.framegate.api.PdkMisuseException")
        .contains("upstream CLOSE");
    String sequence = first.message().substring(first.message().indexOf("frame sequence of"),
        first.message().indexOf("transcript of"));
    List<String> steps = sequence.lines().skip(1).toList();
    long frames = steps.stream().mapToLong(step -> step.split(", then ").length).sum();
    // The minimal failures: the upstream closes, then the client sends a text message (two steps,
    // or one fragmented message around the close); shrinking keeps at most one frame more.
    assertThat(steps).as(sequence).hasSizeBetween(1, 2);
    assertThat(frames).as(sequence).isBetween(2L, 4L);
    assertThat(first.seed()).as("the seed printed with the failure").isNotEmpty();

    Outcome again = run("acknowledgingPluginKeepsThePdkRules", "PREVIOUS_SEED");
    assertThat(again.seed()).isEqualTo(first.seed());
    assertThat(again.message()).isEqualTo(first.message());
  }

  @Test
  void findsAPluginThatOverflowsThePayloadLimitAndShrinksToOneMessageAtTheLimit() {
    Outcome outcome = run("suffixPluginNeverFails", "RANDOM_SEED");
    assertThat(outcome.message())
        .contains("invariant 'no plugin failure' broken: plugin 'suffix' threw java.lang.IllegalArgumentException")
        .contains("exceeds the limit of 512 bytes")
        .contains("frame sequence of 1 step:\n  1. client TEXT ");
  }

  @Test
  void reportsTheSeedInTheFormJqwikPrints() {
    assertThat(seedOf("tries = 3\nseed = 1944345870821070824    | random seed to reproduce generated values"))
        .isEqualTo("1944345870821070824");
  }
}
