/**
 * The Framegate test harness: runs plugins in the real engine with simulated clients and upstreams,
 * no sockets, on a virtual clock; the JUnit 5 extension; the conformance suite of the behaviour
 * contract; recording and replay; fuzzing with jqwik. {@code dev.framegate.harness.internal} is not
 * exported and may change in any release.
 */
module dev.framegate.harness {
  requires transitive dev.framegate.engine;
  // Only the JUnit extension and the conformance suite's dynamic tests need JUnit; a test using them
  // has JUnit already.
  requires static transitive org.junit.jupiter.api;
  // Recordings are JSON Lines; fuzzing hands jqwik arbitraries to the author's properties.
  requires com.fasterxml.jackson.databind;
  requires transitive net.jqwik.api;

  exports dev.framegate.harness;
  exports dev.framegate.harness.junit;
  exports dev.framegate.harness.conformance;
  exports dev.framegate.harness.recording;
  exports dev.framegate.harness.fuzz;
}
