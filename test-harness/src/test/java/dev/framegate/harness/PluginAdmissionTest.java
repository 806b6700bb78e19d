package dev.framegate.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.config.ConfigException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The harness admits exactly the plugins the runtime admits: the same inspection decides, with the
 * same messages, and nothing is created by reaching past Java's access rules.
 */
class PluginAdmissionTest {

  /** Loadable in every respect but its constructor. */
  @FramegatePlugin(name = "private-constructor")
  public static final class PrivateConstructor implements FramePlugin<NoConfig> {
    private PrivateConstructor() {}

    /**
     * An instance a test may still hand to the harness.
     *
     * @return a new plugin
     */
    public static PrivateConstructor create() {
      return new PrivateConstructor();
    }
  }

  /** Not public: a plugin JAR could not provide it. */
  @FramegatePlugin(name = "hidden")
  static final class Hidden implements FramePlugin<NoConfig> {}

  /** Declares NoConfig, implements FramePlugin of a record. */
  @FramegatePlugin(name = "mismatch")
  public static final class Mismatch implements FramePlugin<Mismatch.Config> {
    /**
     * Its configuration.
     *
     * @param greeting a greeting
     */
    public record Config(String greeting) {}
  }

  /** A configuration field binding cannot support. */
  @FramegatePlugin(name = "unsupported", config = Unsupported.Config.class)
  public static final class Unsupported implements FramePlugin<Unsupported.Config> {
    /**
     * Its configuration.
     *
     * @param target a URI, which binding does not support
     */
    public record Config(URI target) {}
  }

  @Test
  @DisplayName("a plugin class the runtime cannot create is refused with the runtime's message, not reached with setAccessible")
  void pluginClassesAreAdmittedAsTheRuntimeAdmitsThem() {
    assertThatThrownBy(() -> FrameHarness.builder().plugin(PrivateConstructor.class, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(PrivateConstructor.class.getName() + ": has no public no-argument constructor, so the runtime cannot create it");
    assertThatThrownBy(() -> FrameHarness.builder().plugin(Hidden.class, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Hidden.class.getName() + ": is not public, so the runtime cannot create it");
  }

  @Test
  @DisplayName("an instance needs only a sound declaration: the test created it, so its constructor does not matter")
  void instancesNeedASoundDeclaration() {
    try (FrameHarness harness = FrameHarness.builder().plugin(PrivateConstructor.create()).build()) {
      assertThat(harness.chain().entries()).extracting(PluginChainEntryName::of).containsExactly("private-constructor");
    }
    assertThatThrownBy(() -> FrameHarness.builder().plugin(new Mismatch(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("implements FramePlugin<Config> but @FramegatePlugin declares config = NoConfig.class");
  }

  @Test
  @DisplayName("a configuration type binding cannot support is refused even when the configuration leaves the field out")
  void unsupportedConfigurationTypes() {
    assertThatThrownBy(() -> FrameHarness.builder().plugin(Unsupported.class, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("its config type Config: field `target` has type java.net.URI");
    assertThatThrownBy(() -> FrameHarness.builder().plugin(new Unsupported(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field `target` has type java.net.URI");
    assertThatThrownBy(() -> FrameHarness.builder().plugin(new Unsupported(), new Unsupported.Config(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(ConfigException.class)
        .hasMessageContaining("field `target` has type java.net.URI");
  }

  @Test
  @DisplayName("the harness module exports its API packages and not its internals")
  void theModuleExportsNoInternals() throws Exception {
    ModuleDescriptor descriptor;
    // The harness's own descriptor, wherever its classes are (on the class path, other JARs have one too).
    java.net.URL classes = FrameHarness.class.getProtectionDomain().getCodeSource().getLocation();
    try (InputStream in = new java.net.URL(classes, "module-info.class").openStream()) {
      assertThat(in).as("module-info.class of the harness").isNotNull();
      descriptor = ModuleDescriptor.read(in);
    }
    assertThat(descriptor.name()).isEqualTo("dev.framegate.harness");
    Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertThat(exported).containsExactlyInAnyOrder("dev.framegate.harness", "dev.framegate.harness.junit",
        "dev.framegate.harness.conformance", "dev.framegate.harness.recording", "dev.framegate.harness.fuzz");
    assertThat(dev.framegate.harness.internal.Transcript.class.getPackageName()).isNotIn(exported);
  }

  private static final class PluginChainEntryName {
    static String of(dev.framegate.engine.PluginChain.Entry entry) {
      return entry.name();
    }
  }
}
