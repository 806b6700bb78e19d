package dev.framegate.runtime.conformance;

import dev.framegate.harness.conformance.ConformanceTests;
import dev.framegate.runtime.internal.tyrus.TestCertificates;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole conformance suite against the real runtime over sockets, with no list of known
 * failures: every scenario the harness passes must pass here too. It runs twice: plain ws on both
 * sides, and wss on both sides (rule H4).
 */
class RuntimeConformanceTest {

  @TestFactory
  Stream<DynamicTest> overWs() {
    return ConformanceTests.dynamicTests(SocketGateway::start);
  }

  @TestFactory
  Stream<DynamicNode> overWss() throws Exception {
    TestCertificates tls = TestCertificates.create();
    return Stream.of(DynamicContainer.dynamicContainer("H4 wss on both sides",
        ConformanceTests.dynamicTests(() -> SocketGateway.start(tls))));
  }
}
