package dev.framegate.runtime.conformance;

import dev.framegate.harness.conformance.ConformanceTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole conformance suite against the real runtime over sockets: every scenario the harness
 * passes must pass here too, with no list of known failures.
 */
class RuntimeConformanceTest {

  @TestFactory
  Stream<DynamicTest> conformance() {
    return ConformanceTests.dynamicTests(SocketGateway::start);
  }
}
