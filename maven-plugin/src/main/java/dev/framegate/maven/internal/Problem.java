package dev.framegate.maven.internal;

/**
 * One reason a plugin project does not make a loadable plugin JAR.
 *
 * @param subject the class (or dependency) at fault
 * @param message what is wrong
 * @param fix what to change
 */
public record Problem(String subject, String message, String fix) {

  /**
   * The problem as one line for a build failure.
   *
   * @return {@code subject: message. Fix: fix}
   */
  public String describe() {
    return subject + ": " + message + ". Fix: " + fix;
  }
}
