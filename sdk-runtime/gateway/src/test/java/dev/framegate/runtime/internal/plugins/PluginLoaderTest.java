package dev.framegate.runtime.internal.plugins;

import static dev.framegate.runtime.internal.plugins.TestJars.pluginSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.internal.PdkVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

  @TempDir Path dir;

  private final PluginLoader loader = new PluginLoader(PdkVersion.parse("1.0"));
  private final Plugins opened = new Plugins();

  @AfterEach
  void closeLoaders() {
    opened.close();
  }

  private PluginJar load(Path jar) throws PluginLoadException {
    PluginJar loaded = loader.load(jar);
    opened.add(loaded);
    return loaded;
  }

  private Path plainPlugin(String jarName, String pluginName) {
    return TestJars.in(dir)
        .source("com.example.Plain", pluginSource("com.example", "Plain",
            "@FramegatePlugin(name = \"" + pluginName + "\", priority = 7)", ""))
        .descriptor("1.0", "com.example.Plain")
        .build(jarName);
  }

  @Test
  void loadsThePluginsOfAJarWithTheirDescriptorAndAnnotation() throws Exception {
    PluginJar jar = load(plainPlugin("plain.jar", "plain"));

    assertThat(jar.id()).isEqualTo("com.example:test-plugin");
    assertThat(jar.version()).isEqualTo("1.2.3");
    assertThat(jar.description()).isEqualTo("a test plugin");
    assertThat(jar.plugins()).singleElement().satisfies(plugin -> {
      assertThat(plugin.name()).isEqualTo("plain");
      assertThat(plugin.priority()).isEqualTo(7);
      assertThat(plugin.configType()).isEqualTo(NoConfig.class);
      assertThat(plugin.pluginClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
      assertThat(plugin.newInstance()).isInstanceOf(FramePlugin.class);
    });
  }

  @Test
  void theJarsClassLoaderSharesThePdkApiWithTheRuntime() throws Exception {
    PluginJar jar = load(plainPlugin("plain.jar", "plain"));

    assertThat(jar.classLoader().loadClass("dev.framegate.api.FramePlugin")).isSameAs(FramePlugin.class);
  }

  @Test
  void twoPluginsBundlingDifferentVersionsOfOneLibraryEachSeeTheirOwn() throws Exception {
    String library = "package com.lib; public final class Greeting { public static String version() { return \"%s\"; } }";
    Path lib1 = TestJars.in(Files.createDirectory(dir.resolve("l1"))).source("com.lib.Greeting", library.formatted("v1")).build("greeting-1.jar");
    Path lib2 = TestJars.in(Files.createDirectory(dir.resolve("l2"))).source("com.lib.Greeting", library.formatted("v2")).build("greeting-2.jar");
    String body = "public String toString() { return com.lib.Greeting.version(); }";
    Path first = TestJars.in(dir).bundle(lib1)
        .source("com.a.First", pluginSource("com.a", "First", "@FramegatePlugin(name = \"first\")", body))
        .descriptor("1.0", "com.a.First").build("first.jar");
    Path second = TestJars.in(dir).bundle(lib2)
        .source("com.b.Second", pluginSource("com.b", "Second", "@FramegatePlugin(name = \"second\")", body))
        .descriptor("1.0", "com.b.Second").build("second.jar");

    FramePlugin<?> a = load(first).plugins().get(0).newInstance();
    FramePlugin<?> b = load(second).plugins().get(0).newInstance();

    assertThat(a.toString()).isEqualTo("v1");
    assertThat(b.toString()).isEqualTo("v2");
  }

  @Test
  void aPluginCannotSeeTheRuntimesOwnLibrariesOrInternals() throws Exception {
    String body = """
        public String toString() {
          StringBuilder visible = new StringBuilder();
          for (String name : new String[] {"com.fasterxml.jackson.databind.ObjectMapper",
              "org.glassfish.tyrus.server.Server", "dev.framegate.engine.Engine",
              "dev.framegate.runtime.internal.plugins.PluginLoader"}) {
            try { Class.forName(name); visible.append(name).append(' '); } catch (ClassNotFoundException e) { }
          }
          return visible.toString();
        }""";
    Path jar = TestJars.in(dir)
        .source("com.example.Curious", pluginSource("com.example", "Curious", "@FramegatePlugin(name = \"curious\")", body))
        .descriptor("1.0", "com.example.Curious").build("curious.jar");

    PluginJar loaded = load(jar);

    // the runtime itself has them: the test would pass vacuously otherwise
    assertThat(Class.forName("com.fasterxml.jackson.databind.ObjectMapper")).isNotNull();
    assertThat(Class.forName("org.glassfish.tyrus.server.Server")).isNotNull();
    assertThat(loaded.plugins().get(0).newInstance().toString()).isEmpty();
    assertThatThrownBy(() -> loaded.classLoader().loadClass("dev.framegate.engine.Engine"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void childFirstAPluginsOwnCopyOfAClassWinsOverTheRuntimes() throws Exception {
    // a class named like one of the runtime's: the plugin must get its own
    Path fake = TestJars.in(Files.createDirectory(dir.resolve("fake")))
        .source("com.fasterxml.jackson.databind.ObjectMapper",
            "package com.fasterxml.jackson.databind; public class ObjectMapper { public String toString() { return \"plugin's own\"; } }")
        .build("fake-jackson.jar");
    Path jar = TestJars.in(dir).bundle(fake)
        .source("com.example.Own", pluginSource("com.example", "Own", "@FramegatePlugin(name = \"own\")",
            "public String toString() { return new com.fasterxml.jackson.databind.ObjectMapper().toString(); }"))
        .descriptor("1.0", "com.example.Own").build("own.jar");

    assertThat(load(jar).plugins().get(0).newInstance().toString()).isEqualTo("plugin's own");
  }

  @Test
  void refusesAFileThatIsNotAZip() throws Exception {
    Path jar = Files.writeString(dir.resolve("text.jar"), "not a zip");

    assertThatThrownBy(() -> loader.load(jar))
        .isInstanceOf(PluginLoadException.class)
        .hasMessageContaining("text.jar")
        .hasMessageContaining("not a ZIP file");
  }

  @Test
  void refusesAJarWithoutDescriptor() {
    Path jar = TestJars.in(dir)
        .source("com.example.Plain", pluginSource("com.example", "Plain", "@FramegatePlugin(name = \"plain\")", ""))
        .build("bare.jar");

    assertThatThrownBy(() -> loader.load(jar))
        .hasMessageContaining("bare.jar")
        .hasMessageContaining("no descriptor META-INF/framegate/plugin.properties");
  }

  @Test
  void refusesADescriptorLackingARequiredKey() {
    Path jar = TestJars.in(dir).descriptor("plugin.id=a:b\nplugin.version=1\npdk.version=1.0\n").build("nokey.jar");

    assertThatThrownBy(() -> loader.load(jar))
        .hasMessageContaining("nokey.jar")
        .hasMessageContaining("lacks the required key plugin.classes");
  }

  @Test
  void refusesAMissingClass() {
    Path jar = TestJars.in(dir).descriptor("1.0", "com.example.Nowhere").build("missing.jar");

    assertThatThrownBy(() -> loader.load(jar))
        .hasMessageContaining("missing.jar")
        .hasMessageContaining("class com.example.Nowhere named in plugin.classes is missing");
  }

  @Test
  void refusesAClassThatIsNotAFramePlugin() {
    Path jar = TestJars.in(dir)
        .source("com.example.NotAPlugin", "package com.example; public class NotAPlugin {}")
        .descriptor("1.0", "com.example.NotAPlugin").build("notplugin.jar");

    assertThatThrownBy(() -> loader.load(jar))
        .hasMessageContaining("notplugin.jar")
        .hasMessageContaining("com.example.NotAPlugin: is neither annotated @FramegatePlugin nor a FramePlugin");
  }

  @Test
  void refusesAPluginWithoutAnnotation() {
    Path jar = TestJars.in(dir)
        .source("com.example.Bare", pluginSource("com.example", "Bare", "", ""))
        .descriptor("1.0", "com.example.Bare").build("unannotated.jar");

    assertThatThrownBy(() -> loader.load(jar))
        .hasMessageContaining("unannotated.jar")
        .hasMessageContaining("com.example.Bare: implements FramePlugin but is not annotated @FramegatePlugin")
        .hasMessageContaining("Fix: annotate it with @FramegatePlugin(name = \"bare\")");
  }

  @Test
  void refusesAMalformedPluginName() {
    Path jar = TestJars.in(dir)
        .source("com.example.Shouty", pluginSource("com.example", "Shouty", "@FramegatePlugin(name = \"Shouty_Name\")", ""))
        .descriptor("1.0", "com.example.Shouty").build("badname.jar");

    assertThatThrownBy(() -> loader.load(jar))
        .hasMessageContaining("badname.jar")
        .hasMessageContaining("its plugin name \"Shouty_Name\" is not well-formed");
  }

  @Test
  void refusesAPluginWithoutPublicNoArgumentConstructor() {
    Path jar = TestJars.in(dir)
        .source("com.example.Needy", pluginSource("com.example", "Needy", "@FramegatePlugin(name = \"needy\")",
            "public Needy(String s) {}"))
        .descriptor("1.0", "com.example.Needy").build("needy.jar");

    assertThatThrownBy(() -> loader.load(jar))
        .hasMessageContaining("needy.jar")
        .hasMessageContaining("no public no-argument constructor");
  }

  @Test
  void refusesWhatTheHarnessAndTheBuildRefuseWithTheSameMessages() {
    Path mismatch = TestJars.in(dir)
        .source("com.example.Mismatch", """
            package com.example;
            import dev.framegate.api.*;
            @FramegatePlugin(name = "mismatch")
            public class Mismatch implements FramePlugin<Mismatch.Config> {
              public record Config(String greeting) {}
            }
            """)
        .descriptor("1.0", "com.example.Mismatch").build("mismatch.jar");
    Path unsupported = TestJars.in(dir)
        .source("com.example.Unsupported", """
            package com.example;
            import dev.framegate.api.*;
            @FramegatePlugin(name = "unsupported", config = Unsupported.Config.class)
            public class Unsupported implements FramePlugin<Unsupported.Config> {
              public record Config(java.net.URI target) {}
            }
            """)
        .descriptor("1.0", "com.example.Unsupported").build("unsupported.jar");
    Path badDefault = TestJars.in(dir)
        .source("com.example.BadDefault", """
            package com.example;
            import dev.framegate.api.*;
            import dev.framegate.api.config.*;
            @FramegatePlugin(name = "bad-default", config = BadDefault.Config.class)
            public class BadDefault implements FramePlugin<BadDefault.Config> {
              public record Config(@DefaultValue("lots") int limit) {}
            }
            """)
        .descriptor("1.0", "com.example.BadDefault").build("bad-default.jar");

    assertThatThrownBy(() -> loader.load(mismatch)).hasMessageContaining("mismatch.jar")
        .hasMessageContaining("com.example.Mismatch: implements FramePlugin<Config> but @FramegatePlugin declares config = NoConfig.class");
    assertThatThrownBy(() -> loader.load(unsupported)).hasMessageContaining("unsupported.jar")
        .hasMessageContaining("com.example.Unsupported: its config type Config: field `target` has type java.net.URI");
    assertThatThrownBy(() -> loader.load(badDefault)).hasMessageContaining("bad-default.jar")
        .hasMessageContaining("com.example.BadDefault: its config type Config does not bind with its defaults: field 'limit'");
  }

  @Test
  void refusesAPluginForANewerMinorOrAnotherMajorPdk() {
    Path newerMinor = TestJars.in(dir).descriptor("1.1", "com.example.Plain").build("newer.jar");
    Path otherMajor = TestJars.in(dir).descriptor("2.0", "com.example.Plain").build("major.jar");
    Path garbage = TestJars.in(dir).descriptor("one", "com.example.Plain").build("garbage.jar");

    assertThatThrownBy(() -> loader.load(newerMinor))
        .hasMessageContaining("newer.jar")
        .hasMessageContaining("incompatible PDK version: the plugin needs PDK 1.1, this runtime implements PDK 1.0");
    assertThatThrownBy(() -> loader.load(otherMajor)).hasMessageContaining("needs PDK 2.0");
    assertThatThrownBy(() -> loader.load(garbage)).hasMessageContaining("'one' is not a PDK version");
  }

  @Test
  void acceptsAnOlderMinorOfTheSameMajor() throws Exception {
    Path jar = TestJars.in(dir)
        .source("com.example.Plain", pluginSource("com.example", "Plain", "@FramegatePlugin(name = \"plain\")", ""))
        .descriptor("1.0", "com.example.Plain").build("old.jar");

    PluginJar loaded = new PluginLoader(PdkVersion.parse("1.3")).load(jar);
    opened.add(loaded);

    assertThat(loaded.plugins()).hasSize(1);
  }

  @Test
  void theRuntimePdkVersionComesFromTheBuild() {
    assertThat(PdkVersion.current().major()).isEqualTo(1);
    assertThat(RuntimeVersion.version()).isNotBlank().doesNotContain("${");
  }

  @Test
  void aDirectoryLoadsTheGoodJarsAndReportsTheRefusedOnes() throws Exception {
    Path plugins = Files.createDirectory(dir.resolve("plugins"));
    Files.copy(plainPlugin("a.jar", "alpha"), plugins.resolve("a.jar"));
    Files.copy(plainPlugin("b.jar", "alpha"), plugins.resolve("b-duplicate.jar"));
    Files.writeString(plugins.resolve("c.jar"), "garbage");
    Files.writeString(plugins.resolve("notes.txt"), "ignored");

    try (Plugins loaded = loader.loadDirectory(plugins)) {
      assertThat(loaded.names()).containsExactly("alpha");
      assertThat(loaded.refusals()).extracting(Throwable::getMessage).containsExactly(
          "plugin JAR b-duplicate.jar refused: plugin name 'alpha' is already provided by a.jar",
          "plugin JAR c.jar refused: not a ZIP file (zip END header not found)");
    }
  }
}
