package dev.framegate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.maven.internal.Scaffolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaffoldMojoTest {

  @TempDir
  Path dir;

  private ScaffoldMojo scaffold(String name, String packageName, String phases) {
    ScaffoldMojo mojo = new ScaffoldMojo();
    mojo.name = name;
    mojo.packageName = packageName;
    mojo.groupId = "com.Example-Co";
    mojo.phases = phases;
    mojo.priority = 1000;
    mojo.sourceDirectory = dir.resolve("src/main/java").toFile();
    mojo.testSourceDirectory = dir.resolve("src/test/java").toFile();
    return mojo;
  }

  @Test
  @DisplayName("scaffold writes a plugin, its config record and a harness test that compile and validate")
  void generatesCompilingValidPlugin() throws Exception {
    scaffold("rate-limit", "com.example.ws", "handshake,client,upstream,close").execute();

    Path main = dir.resolve("src/main/java/com/example/ws");
    assertThat(main.resolve("RateLimitPlugin.java")).content()
        .contains("@FramegatePlugin(", "name = \"rate-limit\"", "priority = 1000", "config = RateLimitConfig.class")
        .contains("public final class RateLimitPlugin implements FramePlugin<RateLimitConfig>")
        .contains("public void onHandshake(WsContext ws, RateLimitConfig config)")
        .contains("public void onClientFrame(WsContext ws, RateLimitConfig config)")
        .contains("public void onUpstreamFrame(WsContext ws, RateLimitConfig config)")
        .contains("public void onClose(WsContext ws, RateLimitConfig config)");
    assertThat(main.resolve("RateLimitConfig.java")).content()
        .contains("public record RateLimitConfig(@DefaultValue(\"false\") boolean logFrames)");
    Path test = dir.resolve("src/test/java/com/example/ws/RateLimitPluginTest.java");
    assertThat(test).content().contains("@WithPlugin(RateLimitPlugin.class)", "@FramegateTest");

    Path classes = dir.resolve("classes");
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir.resolve("src"))) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
    }
    List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-Xlint:all", "-Werror",
        "-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
    sources.forEach(s -> args.add(s.toString()));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, new PrintStream(errors), args.toArray(String[]::new));
    assertThat(status).as("generated sources compile without warnings:\n%s", errors).isZero();

    Files.delete(classes.resolve("com/example/ws/RateLimitPluginTest.class"));
    Fixtures.configure(new ValidateMojo(), classes, Fixtures.sdkApi(Artifact.SCOPE_PROVIDED)).execute();
  }

  @Test
  @DisplayName("only the chosen phases are stubbed")
  void onlyChosenPhases() throws Exception {
    scaffold("audit", "com.example", "close").execute();
    assertThat(dir.resolve("src/main/java/com/example/AuditPlugin.java")).content()
        .contains("onClose").doesNotContain("onClientFrame", "onUpstreamFrame", "onHandshake");
  }

  @Test
  @DisplayName("an existing file is never overwritten: the goal fails naming it and writes nothing")
  void neverOverwrites() throws Exception {
    Path existing = dir.resolve("src/test/java/com/example/RateLimitPluginTest.java");
    Files.createDirectories(existing.getParent());
    Files.writeString(existing, "// mine");
    assertThatThrownBy(() -> scaffold("rate-limit", "com.example", "client").execute())
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("would be overwritten")
        .hasMessageContaining(existing.toString());
    assertThat(existing).hasContent("// mine");
    assertThat(dir.resolve("src/main/java/com/example/RateLimitPlugin.java")).doesNotExist();
  }

  @Test
  @DisplayName("a malformed name, package or phase fails with the rule")
  void badInput() {
    assertThatThrownBy(() -> scaffold("RateLimit", "com.example", "client").execute())
        .hasMessageContaining("plugin name 'RateLimit' is not well-formed");
    assertThatThrownBy(() -> scaffold("rate-limit", "com.1example", "client").execute())
        .hasMessageContaining("not a valid Java package name");
    assertThatThrownBy(() -> scaffold("rate-limit", "com.example", "client,teardown").execute())
        .hasMessageContaining("unknown phase 'teardown'");
  }

  @Test
  @DisplayName("class names come from plugin names")
  void classNames() {
    assertThat(Scaffolder.className("rate-limit")).isEqualTo("RateLimitPlugin");
    assertThat(Scaffolder.className("x")).isEqualTo("XPlugin");
    assertThat(Scaffolder.className("a2-b")).isEqualTo("A2BPlugin");
    assertThat(ScaffoldMojo.javaPackage("com.Example-Co")).isEqualTo("com.example_co");
  }

  @Test
  @DisplayName("by default the classes go into the project's package: that of its plugins, not the group id")
  void theProjectsPackageByDefault() throws Exception {
    Path plugin = dir.resolve("src/main/java/com/example/ws/PrefixPlugin.java");
    Files.createDirectories(plugin.getParent());
    Files.writeString(plugin, "package com.example.ws;\n\n@FramegatePlugin(name = \"prefix\")\npublic final class PrefixPlugin {}\n");
    for (String util : List.of("A", "B")) {
      Path source = dir.resolve("src/main/java/com/example/util/" + util + ".java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, "package com.example.util;\n\nclass " + util + " {}\n");
    }

    scaffold("rate-limit", null, "client").execute();

    assertThat(dir.resolve("src/main/java/com/example/ws/RateLimitPlugin.java")).content().startsWith("package com.example.ws;");
    assertThat(dir.resolve("src/test/java/com/example/ws/RateLimitPluginTest.java")).exists();
  }

  @Test
  @DisplayName("without plugins the package of the sources, without sources one made from the group id")
  void packageFallbacks() throws Exception {
    scaffold("first", null, "client").execute();
    assertThat(dir.resolve("src/main/java/com/example_co/FirstPlugin.java")).exists();

    Path other = dir.resolve("other");
    Path source = other.resolve("src/main/java/org/acme/Util.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package org.acme;\nclass Util {}\n");
    ScaffoldMojo mojo = scaffold("second", null, "client");
    mojo.sourceDirectory = other.resolve("src/main/java").toFile();
    mojo.testSourceDirectory = other.resolve("src/test/java").toFile();
    mojo.execute();
    assertThat(other.resolve("src/main/java/org/acme/SecondPlugin.java")).exists();
  }

  @Test
  @DisplayName("generated sources use the archetype's 2-space indentation")
  void twoSpaceIndentation() throws Exception {
    scaffold("rate-limit", "com.example", "handshake,client,upstream,close").execute();
    for (Path file : List.of(dir.resolve("src/main/java/com/example/RateLimitPlugin.java"),
        dir.resolve("src/main/java/com/example/RateLimitConfig.java"),
        dir.resolve("src/test/java/com/example/RateLimitPluginTest.java"))) {
      List<String> lines = Files.readAllLines(file);
      assertThat(lines).as(file + ": indentation in steps of 2 spaces, no tabs").allMatch(line -> {
        int indent = line.length() - line.stripLeading().length();
        return !line.contains("\t") && (indent % 2 == 0 || line.stripLeading().startsWith("*"));
      });
    }
    assertThat(dir.resolve("src/test/java/com/example/RateLimitPluginTest.java")).content()
        .contains("\n  @Test\n", "\n    ws.client().sendText(");
    assertThat(dir.resolve("src/main/java/com/example/RateLimitPlugin.java")).content()
        .contains("\n  @Override\n  public void onClientFrame(", "\n    if (config.logFrames()) {\n      ws.log()");
  }
}
