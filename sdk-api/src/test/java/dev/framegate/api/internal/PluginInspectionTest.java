package dev.framegate.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.internal.InspectionFixtures.Abstract;
import dev.framegate.api.internal.InspectionFixtures.BadDefault;
import dev.framegate.api.internal.InspectionFixtures.BadName;
import dev.framegate.api.internal.InspectionFixtures.Exploding;
import dev.framegate.api.internal.InspectionFixtures.Greeter;
import dev.framegate.api.internal.InspectionFixtures.Hidden;
import dev.framegate.api.internal.InspectionFixtures.Inner;
import dev.framegate.api.internal.InspectionFixtures.Mismatch;
import dev.framegate.api.internal.InspectionFixtures.NeedsArgument;
import dev.framegate.api.internal.InspectionFixtures.NotAPlugin;
import dev.framegate.api.internal.InspectionFixtures.PrivateConstructor;
import dev.framegate.api.internal.InspectionFixtures.Unannotated;
import dev.framegate.api.internal.InspectionFixtures.Unsupported;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PluginInspectionTest {

  private static String problems(PluginInspection.Result result) {
    assertThat(result.valid()).as("expected problems").isFalse();
    assertThat(result.declaration()).isNull();
    return result.describe();
  }

  @Test
  @DisplayName("a loadable plugin passes both levels and declares its name, priority and config type")
  void loadable() {
    PluginInspection.Declaration declaration = PluginInspection.loadable(Greeter.class).orElseThrow();
    assertThat(declaration.name()).isEqualTo("greeter");
    assertThat(declaration.priority()).isEqualTo(7);
    assertThat(declaration.configType()).isEqualTo(Greeter.Config.class);
    assertThat(PluginInspection.newInstance(declaration, "test")).isInstanceOf(Greeter.class);
  }

  @Test
  @DisplayName("declaration problems: annotation, name, FramePlugin, config record and type argument")
  void declarationProblems() {
    assertThat(problems(PluginInspection.declaration(Unannotated.class)))
        .contains("implements FramePlugin but is not annotated @FramegatePlugin", "@FramegatePlugin(name = \"unannotated\")");
    assertThat(problems(PluginInspection.declaration(BadName.class)))
        .contains("its plugin name \"Bad_Name\" is not well-formed", PluginNames.RULE, "\"bad-name\"");
    assertThat(problems(PluginInspection.declaration(NotAPlugin.class)))
        .contains("is annotated @FramegatePlugin but does not implement FramePlugin");
    assertThat(problems(PluginInspection.declaration(Mismatch.class)))
        .contains("implements FramePlugin<Config> but @FramegatePlugin declares config = NoConfig.class");
    assertThat(problems(PluginInspection.declaration(Unsupported.class)))
        .contains("field `target` has type java.net.URI", "field `ratio` has type float");
  }

  @Test
  @DisplayName("what the runtime needs to create a plugin: public, concrete, static, a public no-argument constructor")
  void loadableProblems() {
    assertThat(PluginInspection.declaration(NeedsArgument.class).valid()).isTrue();
    assertThat(problems(PluginInspection.loadable(NeedsArgument.class))).contains("has no public no-argument constructor");
    assertThat(problems(PluginInspection.loadable(PrivateConstructor.class))).contains("has no public no-argument constructor");
    assertThat(problems(PluginInspection.loadable(Hidden.class))).contains("is not public");
    assertThat(problems(PluginInspection.loadable(Inner.class))).contains("is an inner class");
    assertThat(problems(PluginInspection.loadable(Abstract.class))).contains("is abstract");
  }

  @Test
  @DisplayName("defaults that do not bind make a plugin unloadable; a required field without default does not")
  void defaults() {
    assertThat(problems(PluginInspection.loadable(BadDefault.class)))
        .contains("does not bind with its defaults", "field 'limit'");
    assertThat(PluginInspection.loadable(Greeter.class).valid()).isTrue();
  }

  @Test
  @DisplayName("orElseThrow lists every problem; newInstance never reaches past access rules")
  void failures() {
    assertThatThrownBy(() -> PluginInspection.loadable(PrivateConstructor.class).orElseThrow())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(PrivateConstructor.class.getName() + ": has no public no-argument constructor");
    PluginInspection.Declaration exploding = PluginInspection.loadable(Exploding.class).orElseThrow();
    assertThatThrownBy(() -> PluginInspection.newInstance(exploding, "a test"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("plugin 'exploding' (a test)")
        .hasMessageContaining("its constructor threw java.lang.IllegalStateException: boom");
  }
}
