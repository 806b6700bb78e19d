package dev.framegate.maven.internal;

/**
 * A plugin class found in the compiled classes, as its annotation declares it.
 *
 * @param className the fully-qualified class name
 * @param name the plugin name from {@code @FramegatePlugin}
 * @param priority the priority from {@code @FramegatePlugin}
 * @param configClassName the configuration type's fully-qualified name
 */
public record FoundPlugin(String className, String name, int priority, String configClassName) {}
