package dev.framegate.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConformanceSuiteTest {

  @Test
  void everyRuleTheHarnessCanExpressHasAScenario() {
    assertThat(ConformanceSuite.rules()).containsExactlyInAnyOrder(
        "P1", "P2", "P3", "P4", "P5", "P6", "F1", "F2", "F3", "F4", "F5", "F6", "F7",
        "A1", "A2", "A3", "A4", "C1", "C2", "C3", "C4", "C5", "C6", "H1", "H2", "H3");
  }

  @Test
  void scenarioIdsAreUnique() {
    List<String> ids = ConformanceSuite.scenarios().stream().map(Scenario::id).toList();
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
  }
}
