package dev.framegate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateMojoTest {

  @TempDir
  Path dir;

  private ValidateMojo validate(Map<String, String> sources) throws Exception {
    return Fixtures.configure(new ValidateMojo(), Fixtures.compile(dir, sources), Fixtures.sdkApi(Artifact.SCOPE_PROVIDED));
  }

  private String failure(Map<String, String> sources) throws Exception {
    ValidateMojo mojo = validate(sources);
    return assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).actual().getMessage();
  }

  @Test
  @DisplayName("a plugin with a typed record configuration and a required field passes when its development configuration sets it")
  void validPluginPasses() throws Exception {
    ValidateMojo mojo = validate(Map.of("com/example/GreeterPlugin.java", Fixtures.GREETER));
    mojo.pluginConfigs = Map.of("greeter", "{limit: 5}");
    mojo.execute();
  }

  @Test
  @DisplayName("a required field the development configuration leaves out fails validate, naming the POM, not a generated gateway.yaml")
  void requiredFieldMissingFromTheDevelopmentConfiguration() throws Exception {
    String pom = dir.resolve("pom.xml").toString();
    assertThat(failure(Map.of("com/example/GreeterPlugin.java", Fixtures.GREETER)))
        .contains("com.example.GreeterPlugin: its development configuration (" + pom
            + ": framegate-maven-plugin has no <pluginConfigs><greeter>) does not bind: field 'limit': is required (int)")
        .contains("Fix: in " + pom + ", give framegate-maven-plugin a <configuration><pluginConfigs><greeter>{...}</greeter>")
        .doesNotContain("gateway.yaml");

    ValidateMojo mojo = validate(Map.of("com/example/GreeterPlugin.java", Fixtures.GREETER));
    mojo.pluginConfigs = Map.of("greeter", "{greeting: hi}");
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("its development configuration (" + pom + ": framegate-maven-plugin <pluginConfigs><greeter>)"
            + " does not bind: field 'limit': is required (int)");
  }

  @Test
  @DisplayName("the development configuration file and -Dframegate.pluginConfig.NAME replace the POM's entry; unknown names fail")
  void developmentConfigurationSources() throws Exception {
    ValidateMojo mojo = validate(Map.of("com/example/GreeterPlugin.java", Fixtures.GREETER));
    mojo.pluginConfigs = Map.of("greeter", "{limit: 5}");
    java.io.File file = dir.resolve("dev.yaml").toFile();
    java.nio.file.Files.writeString(file.toPath(), "greeter:\n  limit: lots\n");
    mojo.configFile = file;
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("its development configuration (" + file + ": greeter (-Dframegate.config)) does not bind:"
            + " field 'limit': expected an integer");

    mojo.session = Fixtures.session(Map.of("framegate.pluginConfig.greeter", "{limit: 7}"));
    mojo.execute();

    java.nio.file.Files.writeString(file.toPath(), "greeter: {limit: 1}\ngreter: {limit: 1}\n");
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining(file + ": greter (-Dframegate.config): configures the plugin \"greter\", which is not in this project");

    java.nio.file.Files.writeString(file.toPath(), "- just a list\n");
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("expected plugin names as keys");
  }

  @Test
  @DisplayName("a FramePlugin without @FramegatePlugin fails, naming the class and a name to use")
  void missingAnnotation() throws Exception {
    assertThat(failure(Map.of("com/example/RateLimitPlugin.java", Fixtures.plugin("x",
        "public class RateLimitPlugin implements FramePlugin<NoConfig> {}"))))
        .contains("com.example.RateLimitPlugin: implements FramePlugin but is not annotated @FramegatePlugin")
        .contains("@FramegatePlugin(name = \"rate-limit\")");
  }

  @Test
  @DisplayName("an abstract base class implementing FramePlugin is not a plugin")
  void abstractBaseIsIgnored() throws Exception {
    validate(Map.of(
        "com/example/Base.java", Fixtures.plugin("x", "public abstract class Base implements FramePlugin<NoConfig> {}"),
        "com/example/Real.java", Fixtures.plugin("real", "@FramegatePlugin(name = \"NAME\") public class Real extends Base {}")))
        .execute();
  }

  @Test
  @DisplayName("a malformed plugin name fails with the naming rule")
  void badName() throws Exception {
    assertThat(failure(Map.of("com/example/Bad.java", Fixtures.plugin("Rate_Limit",
        "@FramegatePlugin(name = \"NAME\") public class Bad implements FramePlugin<NoConfig> {}"))))
        .contains("com.example.Bad: its plugin name \"Rate_Limit\" is not well-formed")
        .contains("lower-case letters, digits and dashes");
  }

  @Test
  @DisplayName("a name over 64 characters fails")
  void longName() throws Exception {
    assertThat(failure(Map.of("com/example/Bad.java", Fixtures.plugin("a".repeat(65),
        "@FramegatePlugin(name = \"NAME\") public class Bad implements FramePlugin<NoConfig> {}"))))
        .contains("is not well-formed");
  }

  @Test
  @DisplayName("two plugins with one name fail")
  void duplicateName() throws Exception {
    assertThat(failure(Map.of(
        "com/example/One.java", Fixtures.plugin("same", "@FramegatePlugin(name = \"NAME\") public class One implements FramePlugin<NoConfig> {}"),
        "com/example/Two.java", Fixtures.plugin("same", "@FramegatePlugin(name = \"NAME\") public class Two implements FramePlugin<NoConfig> {}"))))
        .contains("com.example.Two: its plugin name \"same\" is already used by com.example.One");
  }

  @Test
  @DisplayName("a config type that is not a record fails")
  void configNotRecord() throws Exception {
    assertThat(failure(Map.of("com/example/Bad.java", Fixtures.plugin("bad", """
        @FramegatePlugin(name = "NAME", config = Bad.Settings.class)
        public class Bad implements FramePlugin<Bad.Settings> {
          public static class Settings { public int limit; }
        }
        """))))
        .contains("com.example.Bad: its config type com.example.Bad$Settings is not a record")
        .contains("public record Settings(...)");
  }

  @Test
  @DisplayName("config fields of unsupported types are each reported with their path")
  void unsupportedConfigTypes() throws Exception {
    assertThat(failure(Map.of("com/example/Bad.java", Fixtures.plugin("bad", """
        @FramegatePlugin(name = "NAME", config = Bad.Config.class)
        public class Bad implements FramePlugin<Bad.Config> {
          public record Limits(float ratio) {}
          public record Config(Object anything, Map<Integer, String> byNumber, List<Limits> limits) {}
        }
        """))))
        .contains("field `anything` has type java.lang.Object")
        .contains("field `byNumber` is a map with java.lang.Integer keys")
        .contains("field `limits[].ratio` has type float");
  }

  @Test
  @DisplayName("a default value that does not bind fails, naming the field")
  void badDefault() throws Exception {
    assertThat(failure(Map.of("com/example/Bad.java", Fixtures.plugin("bad", """
        @FramegatePlugin(name = "NAME", config = Bad.Config.class)
        public class Bad implements FramePlugin<Bad.Config> {
          public record Config(@DefaultValue("lots") int limit) {}
        }
        """))))
        .contains("does not bind with its defaults")
        .contains("limit");
  }

  @Test
  @DisplayName("a plugin without a public no-argument constructor fails")
  void noNoArgConstructor() throws Exception {
    assertThat(failure(Map.of("com/example/Bad.java", Fixtures.plugin("bad", """
        @FramegatePlugin(name = "NAME")
        public class Bad implements FramePlugin<NoConfig> {
          public Bad(String greeting) {}
        }
        """))))
        .contains("com.example.Bad: has no public no-argument constructor")
        .contains("add `public Bad() {}`");
  }

  @Test
  @DisplayName("a non-public plugin class fails")
  void notPublic() throws Exception {
    assertThat(failure(Map.of("com/example/Bad.java", Fixtures.plugin("bad",
        "@FramegatePlugin(name = \"NAME\") class Bad implements FramePlugin<NoConfig> {}"))))
        .contains("com.example.Bad: is not public");
  }

  @Test
  @DisplayName("an annotated class that does not implement FramePlugin fails")
  void annotatedButNotPlugin() throws Exception {
    assertThat(failure(Map.of("com/example/Bad.java", Fixtures.plugin("bad",
        "@FramegatePlugin(name = \"NAME\") public class Bad {}"))))
        .contains("com.example.Bad: is annotated @FramegatePlugin but does not implement FramePlugin");
  }

  @Test
  @DisplayName("a config type that differs from the FramePlugin type argument fails")
  void configTypeMismatch() throws Exception {
    assertThat(failure(Map.of("com/example/Bad.java", Fixtures.plugin("bad", """
        @FramegatePlugin(name = "NAME")
        public class Bad implements FramePlugin<Bad.Config> {
          public record Config(String greeting) {}
        }
        """))))
        .contains("implements FramePlugin<Config> but @FramegatePlugin declares config = NoConfig.class");
  }

  @Test
  @DisplayName("the PDK API in compile scope fails: the runtime supplies it")
  void sdkApiNotProvided() throws Exception {
    ValidateMojo mojo = Fixtures.configure(new ValidateMojo(),
        Fixtures.compile(dir, Map.of("com/example/GreeterPlugin.java", Fixtures.GREETER)), Fixtures.sdkApi(Artifact.SCOPE_COMPILE));
    assertThatThrownBy(mojo::execute).hasMessageContaining("dev.framegate:framegate-sdk-api: has scope compile")
        .hasMessageContaining("<scope>provided</scope>");
  }

  @Test
  @DisplayName("a PDK of another major version fails")
  void incompatiblePdk() throws Exception {
    ValidateMojo mojo = validate(Map.of("com/example/GreeterPlugin.java", Fixtures.GREETER));
    mojo.pdkVersion = "2.0";
    assertThatThrownBy(mojo::execute).hasMessageContaining("PDK 2.0 is not compatible");
  }

  @Test
  @DisplayName("a project without any plugin class fails")
  void noPlugins() throws Exception {
    assertThat(failure(Map.of("com/example/Util.java", "package com.example; public class Util {}")))
        .contains("is annotated @FramegatePlugin").contains("framegate:scaffold");
  }

  @Test
  @DisplayName("skip skips")
  void skip() throws Exception {
    ValidateMojo mojo = validate(Map.of("com/example/Util.java", "package com.example; public class Util {}"));
    mojo.skip = true;
    mojo.execute();
  }
}
