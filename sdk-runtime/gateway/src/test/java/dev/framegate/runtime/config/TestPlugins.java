package dev.framegate.runtime.config;

import dev.framegate.api.internal.PdkVersion;
import dev.framegate.runtime.internal.plugins.PluginLoadException;
import dev.framegate.runtime.internal.plugins.PluginLoader;
import dev.framegate.runtime.internal.plugins.Plugins;
import dev.framegate.runtime.internal.plugins.TestJars;
import java.nio.file.Path;

/** A real plugin JAR with a few plugins that configuration tests refer to by name. */
final class TestPlugins {

  private TestPlugins() {}

  static Plugins load(Path dir) throws PluginLoadException {
    Path jar = TestJars.in(dir)
        .source("com.example.Limiter", """
            package com.example;
            import dev.framegate.api.*;
            @FramegatePlugin(name = "limiter", priority = 10, config = Limiter.Config.class)
            public class Limiter implements FramePlugin<Limiter.Config> {
              public record Config(int limit, String label) {
                public Config {
                  if (limit < 0) throw new IllegalArgumentException("limit must not be negative");
                }
              }
            }""")
        .source("com.example.Tagger", """
            package com.example;
            import dev.framegate.api.*;
            @FramegatePlugin(name = "tagger", priority = 20)
            public class Tagger implements FramePlugin<NoConfig> {}""")
        .source("com.example.Exploding", """
            package com.example;
            import dev.framegate.api.*;
            @FramegatePlugin(name = "exploding")
            public class Exploding implements FramePlugin<NoConfig> {
              public Exploding() { throw new IllegalStateException("no licence key"); }
            }""")
        .descriptor("1.0", "com.example.Limiter", "com.example.Tagger", "com.example.Exploding")
        .build("test-plugins.jar");
    Plugins plugins = new Plugins();
    plugins.add(new PluginLoader(PdkVersion.parse("1.0")).load(jar));
    return plugins;
  }
}
