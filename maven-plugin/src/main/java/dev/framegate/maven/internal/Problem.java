package dev.framegate.maven.internal;

import dev.framegate.api.internal.PluginInspection;

/**
 * One reason a plugin project does not make a loadable plugin JAR.
 *
 * @param subject the class (or dependency) at fault
 * @param message what is wrong
 * @param fix what to change
 */
public record Problem(String subject, String message, String fix) {

  /**
   * A problem the shared plugin inspection found.
   *
   * @param problem the inspection's problem
   * @return the same problem
   */
  public static Problem of(PluginInspection.Problem problem) {
    return new Problem(problem.subject(), problem.message(), problem.fix());
  }

  /**
   * The problem as one line for a build failure.
   *
   * @return {@code subject: message. Fix: fix}
   */
  public String describe() {
    return subject + ": " + message + ". Fix: " + fix;
  }
}
