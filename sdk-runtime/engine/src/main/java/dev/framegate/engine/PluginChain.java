package dev.framegate.engine;

import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.internal.PluginInspection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The ordered plugins of a route: descending priority, ties broken by name (rule P2). Immutable; a
 * connection keeps the chain it started with even if the route's configuration is reloaded.
 */
public final class PluginChain {

  private static final PluginChain EMPTY = new PluginChain(List.of());

  private final List<Entry> entries;

  private PluginChain(List<Entry> entries) {
    this.entries = entries;
  }

  /**
   * The chain without plugins: frames pass through unchanged.
   *
   * @return the empty chain
   */
  public static PluginChain empty() {
    return EMPTY;
  }

  /**
   * Starts building a chain.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The entries in execution order.
   *
   * @return an unmodifiable list
   */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * One configured plugin in a chain.
   *
   * @param name the plugin name from {@link FramegatePlugin#name()}
   * @param priority the plugin priority from {@link FramegatePlugin#priority()}
   * @param plugin the plugin instance
   * @param config the bound configuration, an instance of {@link FramegatePlugin#config()}
   * @param errorPolicy what to do when the plugin throws in a frame phase
   */
  public record Entry(
      String name, int priority, FramePlugin<Object> plugin, Object config, ErrorPolicy errorPolicy) {
    /** Checks that nothing is missing. */
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(plugin, "plugin");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(errorPolicy, "errorPolicy");
    }
  }

  /**
   * Reads the {@link FramegatePlugin} annotation of a plugin class, once the class passed the
   * declaration checks every Framegate tool applies (the annotation, a well-formed name, a
   * configuration record of bindable types that is also the class's {@code FramePlugin} type
   * argument).
   *
   * @param pluginClass the plugin class
   * @return the annotation
   * @throws IllegalArgumentException listing every problem, each with its fix
   */
  public static FramegatePlugin describe(Class<?> pluginClass) {
    PluginInspection.declaration(pluginClass).orElseThrow();
    return pluginClass.getAnnotation(FramegatePlugin.class);
  }

  /** Builds a {@link PluginChain}. */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a plugin with its bound configuration and the default error policy ({@link
     * ErrorPolicy#CLOSE}).
     *
     * @param plugin the plugin, annotated with {@link FramegatePlugin}
     * @param config its configuration, an instance of the annotation's {@code config} type
     * @return this builder
     */
    public Builder add(FramePlugin<?> plugin, Object config) {
      return add(plugin, config, ErrorPolicy.CLOSE);
    }

    /**
     * Adds a plugin with its bound configuration and an error policy.
     *
     * @param plugin the plugin, annotated with {@link FramegatePlugin}
     * @param config its configuration, an instance of the annotation's {@code config} type
     * @param errorPolicy what to do when it throws in a frame phase
     * @return this builder
     * @throws IllegalArgumentException if the plugin is not annotated, its config has the wrong
     *     type, or a plugin of the same name is already in the chain
     */
    @SuppressWarnings("unchecked")
    public Builder add(FramePlugin<?> plugin, Object config, ErrorPolicy errorPolicy) {
      FramegatePlugin info = describe(plugin.getClass());
      if (!info.config().isInstance(config)) {
        throw new IllegalArgumentException(
            "plugin '" + info.name() + "' takes a configuration of type " + info.config().getName()
                + ", got " + (config == null ? "null" : config.getClass().getName()));
      }
      for (Entry e : entries) {
        if (e.name().equals(info.name())) {
          throw new IllegalArgumentException(
              "plugin '" + info.name() + "' is already in the chain: a plugin appears once per route");
        }
      }
      entries.add(new Entry(info.name(), info.priority(), (FramePlugin<Object>) plugin, config, errorPolicy));
      return this;
    }

    /**
     * Orders the plugins and builds the chain.
     *
     * @return the chain
     */
    public PluginChain build() {
      List<Entry> sorted = new ArrayList<>(entries);
      sorted.sort(
          Comparator.comparingInt(Entry::priority).reversed().thenComparing(Entry::name));
      return new PluginChain(List.copyOf(sorted));
    }
  }
}
