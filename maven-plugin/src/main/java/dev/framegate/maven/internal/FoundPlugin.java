package dev.framegate.maven.internal;

import dev.framegate.api.internal.PluginInspection;

/**
 * A plugin class found in the compiled classes, as its annotation declares it.
 *
 * @param declaration what the inspection read from the class
 */
public record FoundPlugin(PluginInspection.Declaration declaration) {

  /**
   * The fully-qualified class name.
   *
   * @return the name
   */
  public String className() {
    return declaration.pluginClass().getName();
  }

  /**
   * The plugin name from {@code @FramegatePlugin}.
   *
   * @return the name
   */
  public String name() {
    return declaration.name();
  }

  /**
   * The priority from {@code @FramegatePlugin}.
   *
   * @return the priority
   */
  public int priority() {
    return declaration.priority();
  }

  /**
   * The configuration type's fully-qualified name.
   *
   * @return the name
   */
  public String configClassName() {
    return declaration.configType().getName();
  }
}
