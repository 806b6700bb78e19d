package dev.framegate.harness.conformance;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Turns the conformance suite into JUnit 5 dynamic tests, one per scenario, each on a fresh gateway:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformance() {
 *   return ConformanceTests.dynamicTests(HarnessGateway::new);
 * }
 * }</pre>
 */
public final class ConformanceTests {

  private ConformanceTests() {}

  /**
   * One dynamic test per scenario of the suite.
   *
   * @param gateways creates a fresh gateway for each scenario
   * @return the tests, named "{@code <id> <title>}"
   */
  public static Stream<DynamicTest> dynamicTests(Supplier<? extends GatewayUnderTest> gateways) {
    return dynamicTests(gateways, Map.of());
  }

  /**
   * One dynamic test per scenario, where known failures are reported as skipped with their reason
   * (never silently).
   *
   * @param gateways creates a fresh gateway for each scenario
   * @param knownFailures scenario IDs to their reason
   * @return the tests
   */
  public static Stream<DynamicTest> dynamicTests(
      Supplier<? extends GatewayUnderTest> gateways, Map<String, String> knownFailures) {
    return ConformanceSuite.scenarios().stream()
        .map(scenario -> DynamicTest.dynamicTest(scenario.toString(), () -> {
          String reason = knownFailures.get(scenario.id());
          Assumptions.assumeTrue(reason == null, () -> "known failure of " + scenario.id() + ": " + reason);
          try (GatewayUnderTest gateway = gateways.get()) {
            scenario.run(gateway);
          }
        }));
  }
}
