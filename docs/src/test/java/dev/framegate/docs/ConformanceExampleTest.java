package dev.framegate.docs;

// tag::conformance[]
import dev.framegate.harness.conformance.ConformanceTests;
import dev.framegate.harness.conformance.HarnessGateway;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class ConformanceExampleTest {

  @TestFactory
  Stream<DynamicTest> platformGuarantees() {
    return ConformanceTests.dynamicTests(HarnessGateway::new);
  }
}
// end::conformance[]
