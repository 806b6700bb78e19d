package dev.framegate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.internal.PdkVersion;
import dev.framegate.maven.internal.PdkVersions;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorAndPackageMojoTest {

  @TempDir
  Path dir;

  private Path describe() throws Exception {
    Path classes = Fixtures.compile(dir, Map.of("com/example/GreeterPlugin.java", Fixtures.GREETER,
        "com/example/Helper.java", "package com.example; public class Helper {}"));
    DescriptorMojo descriptor = Fixtures.configure(new DescriptorMojo(), classes, Fixtures.sdkApi(Artifact.SCOPE_PROVIDED));
    descriptor.pluginId = "com.example:greeter";
    descriptor.pluginVersion = "1.2.3";
    descriptor.description = "Greets\n  everyone";
    descriptor.execute();
    return classes;
  }

  @Test
  @DisplayName("descriptor records id, version, the sdk-api's PDK version and the plugin classes")
  void descriptor() throws Exception {
    Path classes = describe();
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(classes.resolve("META-INF/framegate/plugin.properties"))) {
      properties.load(in);
    }
    assertThat(properties).containsEntry("plugin.id", "com.example:greeter")
        .containsEntry("plugin.version", "1.2.3")
        .containsEntry("pdk.version", PdkVersions.tooling().toString())
        .containsEntry("plugin.classes", "com.example.GreeterPlugin")
        .containsEntry("plugin.description", "Greets everyone");
  }

  @Test
  @DisplayName("package builds the documented JAR: classes, descriptor, runtime libraries under lib/, no PDK")
  void packageJar() throws Exception {
    Path classes = describe();
    Path library = dir.resolve("json-lib-2.0.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(library))) {
      out.putNextEntry(new ZipEntry("org/json/Lib.class"));
      out.closeEntry();
    }
    PackageMojo mojo = new PackageMojo();
    Set<Artifact> artifacts = new LinkedHashSet<>();
    artifacts.add(Fixtures.sdkApi(Artifact.SCOPE_COMPILE));
    artifacts.add(Fixtures.artifact("org.json", "json-lib", "2.0", Artifact.SCOPE_RUNTIME, library.toFile()));
    artifacts.add(Fixtures.artifact("org.junit", "junit-test-only", "5", Artifact.SCOPE_TEST, library.toFile()));
    mojo.project = Fixtures.project(artifacts);
    mojo.classesDirectory = classes.toFile();
    mojo.outputDirectory = dir.resolve("target").toFile();
    mojo.finalName = "greeter-1.2.3";
    mojo.outputTimestamp = "2026-01-01T00:00:00Z";
    mojo.execute();

    File jar = dir.resolve("target/greeter-1.2.3.jar").toFile();
    assertThat(mojo.project.getArtifact().getFile()).isEqualTo(jar);
    List<String> entries = new ArrayList<>();
    try (JarFile file = new JarFile(jar)) {
      Collections.list(file.entries()).forEach(e -> entries.add(e.getName()));
      assertThat(file.getManifest().getMainAttributes().getValue("Framegate-Plugin-Id")).isEqualTo("com.example:greeter");
      assertThat(file.getEntry("com/example/GreeterPlugin.class").getLastModifiedTime().toInstant())
          .hasToString("2026-01-01T00:00:00Z");
    }
    assertThat(entries).contains("META-INF/MANIFEST.MF", "META-INF/framegate/plugin.properties",
            "com/example/GreeterPlugin.class", "com/example/GreeterPlugin$Config.class", "com/example/Helper.class",
            "META-INF/framegate/lib/json-lib-2.0.jar")
        .noneMatch(e -> e.contains("sdk-api") || e.contains("junit"));
    assertThat(entries.get(0)).isEqualTo("META-INF/");
    assertThat(entries.get(1)).isEqualTo("META-INF/MANIFEST.MF");
  }

  @Test
  @DisplayName("package without a descriptor fails and says which goal writes it")
  void packageWithoutDescriptor() throws Exception {
    PackageMojo mojo = new PackageMojo();
    mojo.project = Fixtures.project(Set.of());
    mojo.classesDirectory = dir.toFile();
    mojo.outputDirectory = dir.resolve("target").toFile();
    mojo.finalName = "x";
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("run the `descriptor` goal");
  }

  @Test
  @DisplayName("descriptor refuses invalid classes instead of describing them")
  void descriptorRefusesInvalidClasses() throws Exception {
    Path classes = Fixtures.compile(dir, Map.of("com/example/Bad.java",
        Fixtures.plugin("Bad", "@FramegatePlugin(name = \"NAME\") public class Bad implements FramePlugin<NoConfig> {}")));
    DescriptorMojo mojo = Fixtures.configure(new DescriptorMojo(), classes, Fixtures.sdkApi(Artifact.SCOPE_PROVIDED));
    mojo.pluginId = "a:b";
    mojo.pluginVersion = "1";
    assertThatThrownBy(mojo::execute).hasMessageContaining("is not well-formed");
    assertThat(classes.resolve("META-INF/framegate/plugin.properties")).doesNotExist();
  }

  @Test
  @DisplayName("PDK versions: the recorded version of the PDK JAR, else major.minor of the artifact version, parsed by the runtime's parser")
  void pdkVersions() {
    assertThat(PdkVersions.ofSdkApi(null, "3.4.5")).isEqualTo(new PdkVersion(3, 4));
    assertThat(PdkVersions.ofSdkApi(null, "1.2.0-SNAPSHOT")).isEqualTo(new PdkVersion(1, 2));
    assertThat(PdkVersions.ofSdkApi(Fixtures.sdkApiLocation(), "0.1.0-SNAPSHOT")).isEqualTo(PdkVersions.tooling());
    assertThatThrownBy(() -> PdkVersions.ofSdkApi(null, "one")).hasMessageContaining("major.minor");
  }
}
