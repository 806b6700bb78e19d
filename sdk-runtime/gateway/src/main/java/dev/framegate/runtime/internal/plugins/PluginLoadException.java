package dev.framegate.runtime.internal.plugins;

import java.nio.file.Path;

/** A plugin JAR that was refused; the message names the JAR and the reason. */
public final class PluginLoadException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Path jar;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param jar the refused JAR
   * @param reason why it was refused
   * @param cause the underlying failure, or {@code null}
   */
  public PluginLoadException(Path jar, String reason, Throwable cause) {
    super("plugin JAR " + jar.getFileName() + " refused: " + reason, cause);
    this.jar = jar;
    this.reason = reason;
  }

  /**
   * The refused JAR.
   *
   * @return its path
   */
  public Path jar() {
    return jar;
  }

  /**
   * Why it was refused, without the JAR name.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
