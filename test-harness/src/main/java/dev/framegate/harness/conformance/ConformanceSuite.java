package dev.framegate.harness.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The conformance suite: every scenario of the contract rules (docs/conformance.md) the harness can express, in the rules' order.
 * Run it with {@link ConformanceTests} under JUnit, or call {@link Scenario#run} yourself.
 */
public final class ConformanceSuite {

  private ConformanceSuite() {}

  /**
   * All scenarios.
   *
   * @return the scenarios in the rules' order
   */
  public static List<Scenario> scenarios() {
    List<Scenario> all = new ArrayList<>();
    all.addAll(PluginScenarios.all());
    all.addAll(FrameScenarios.all());
    all.addAll(LimitScenarios.all());
    all.addAll(CloseScenarios.all());
    all.addAll(HandshakeScenarios.all());
    return List.copyOf(all);
  }

  /**
   * The scenarios of one rule.
   *
   * @param rule the rule ID, for example {@code "F4"}
   * @return its scenarios
   */
  public static List<Scenario> forRule(String rule) {
    return scenarios().stream().filter(s -> s.rule().equals(rule)).toList();
  }

  /**
   * The rule IDs the suite covers.
   *
   * @return the IDs in the rules' order
   */
  public static Set<String> rules() {
    Set<String> rules = new LinkedHashSet<>();
    scenarios().forEach(s -> rules.add(s.rule()));
    return rules;
  }
}
