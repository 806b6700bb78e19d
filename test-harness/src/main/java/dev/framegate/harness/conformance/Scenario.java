package dev.framegate.harness.conformance;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named conformance check of a rule of the behaviour contract (docs/conformance.md), framework-neutral: {@link #run} throws an {@link
 * AssertionError} when the gateway does not conform.
 */
public final class Scenario {

  private static final Pattern ID = Pattern.compile("[PFACH][0-9]\\.[0-9]+");

  private final String id;
  private final String title;
  private final Body body;

  /** What a scenario does. */
  @FunctionalInterface
  public interface Body {
    /**
     * Runs the scenario.
     *
     * @param gateway a fresh gateway
     * @throws Exception on failure; an {@link AssertionError} when the gateway does not conform
     */
    void run(GatewayUnderTest gateway) throws Exception;
  }

  /**
   * Creates a scenario.
   *
   * @param id the rule ID and a number, for example {@code "F4.2"}
   * @param title what it checks
   * @param body what it does
   */
  public Scenario(String id, String title, Body body) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("scenario id must look like F4.2, was " + id);
    }
    this.id = id;
    this.title = Objects.requireNonNull(title, "title");
    this.body = Objects.requireNonNull(body, "body");
  }

  /**
   * The scenario ID, for example {@code "F4.2"}.
   *
   * @return the ID
   */
  public String id() {
    return id;
  }

  /**
   * The contract rule it checks, for example {@code "F4"}.
   *
   * @return the rule ID
   */
  public String rule() {
    return id.substring(0, id.indexOf('.'));
  }

  /**
   * What it checks.
   *
   * @return the title
   */
  public String title() {
    return title;
  }

  /**
   * Runs the scenario against a gateway.
   *
   * @param gateway a fresh gateway; the caller closes it
   * @throws Exception on failure; an {@link AssertionError} when the gateway does not conform
   */
  public void run(GatewayUnderTest gateway) throws Exception {
    body.run(gateway);
  }

  @Override
  public String toString() {
    return id + " " + title;
  }
}
