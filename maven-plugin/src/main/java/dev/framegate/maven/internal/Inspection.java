package dev.framegate.maven.internal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link PluginInspector} found in a project's compiled classes: the plugins, and the problems
 * that keep them from loading in the runtime.
 *
 * @param plugins the plugin classes, sorted by class name
 * @param problems the problems; empty when the project is a valid plugin project
 */
public record Inspection(List<FoundPlugin> plugins, List<Problem> problems) {

  /** Copies the lists. */
  public Inspection {
    plugins = List.copyOf(plugins);
    problems = List.copyOf(problems);
  }

  /**
   * Whether no problem was found.
   *
   * @return {@code true} when the plugins are loadable
   */
  public boolean valid() {
    return problems.isEmpty();
  }

  /**
   * The problems as a build-failure message, one per line.
   *
   * @return the report
   */
  public String report() {
    return problems.size() + (problems.size() == 1 ? " problem" : " problems")
        + " in the Framegate plugin classes:\n"
        + problems.stream().map(p -> "  - " + p.describe()).collect(Collectors.joining("\n"));
  }
}
