package dev.framegate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FramePlugin;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;

/** Compiles plugin sources into a classes directory and sets up the goals over it. */
final class Fixtures {

  private Fixtures() {}

  /** The PDK API classes on the test classpath, as a project would get them from its dependency. */
  static File sdkApiLocation() {
    try {
      return new File(FramePlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compiles sources (file path relative to the source root → content) into {@code classes}. */
  static Path compile(Path root, Map<String, String> sources) throws IOException {
    Path src = root.resolve("src");
    Path classes = root.resolve("classes");
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
        "-cp", sdkApiLocation().toString()));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      args.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    int status = compiler.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        errors.write(b);
      }
    }), args.toArray(String[]::new));
    assertThat(status).as("fixture compilation:\n%s", errors).isZero();
    return classes;
  }

  static Artifact artifact(String groupId, String artifactId, String version, String scope, File file) {
    DefaultArtifactHandler handler = new DefaultArtifactHandler("jar");
    handler.setAddedToClasspath(true);
    DefaultArtifact artifact = new DefaultArtifact(groupId, artifactId, version, scope, "jar", null, handler);
    artifact.setFile(file);
    return artifact;
  }

  static Artifact sdkApi(String scope) {
    return artifact("dev.framegate", "framegate-sdk-api", "0.1.0-SNAPSHOT", scope, sdkApiLocation());
  }

  static MavenProject project(Set<Artifact> artifacts) {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId("greeter");
    model.setVersion("1.2.3");
    model.setPackaging("framegate-plugin");
    MavenProject project = new MavenProject(model);
    project.setArtifacts(artifacts);
    project.setArtifact(artifact("com.example", "greeter", "1.2.3", null, null));
    return project;
  }

  static <T extends AbstractPluginProjectMojo> T configure(T mojo, Path classes, Artifact sdkApi) {
    mojo.project = project(sdkApi == null ? Set.of() : Set.of(sdkApi));
    mojo.project.setFile(classes.getParent().resolve("pom.xml").toFile());
    mojo.classesDirectory = classes.toFile();
    mojo.classpathElements = List.of(classes.toString(), sdkApiLocation().toString());
    return mojo;
  }

  /** A build session with command-line ({@code -D}) properties. */
  @SuppressWarnings("deprecation")
  static org.apache.maven.execution.MavenSession session(Map<String, String> userProperties) {
    org.apache.maven.execution.DefaultMavenExecutionRequest request = new org.apache.maven.execution.DefaultMavenExecutionRequest();
    java.util.Properties properties = new java.util.Properties();
    properties.putAll(userProperties);
    request.setUserProperties(properties);
    return new org.apache.maven.execution.MavenSession(null, null, request, null);
  }

  /** A valid plugin with a typed configuration, in package {@code com.example}. */
  static final String GREETER = """
      package com.example;

      import dev.framegate.api.FramePlugin;
      import dev.framegate.api.FramegatePlugin;
      import dev.framegate.api.WsContext;
      import dev.framegate.api.config.DefaultValue;

      @FramegatePlugin(name = "greeter", priority = 10, config = GreeterPlugin.Config.class)
      public final class GreeterPlugin implements FramePlugin<GreeterPlugin.Config> {
        public record Config(@DefaultValue("hello") String greeting, int limit) {}

        @Override
        public void onClientFrame(WsContext ws, Config config) {}
      }
      """;

  static String plugin(String name, String declaration) {
    return """
        package com.example;

        import dev.framegate.api.*;
        import dev.framegate.api.config.*;
        import java.util.*;

        """ + declaration.replace("NAME", name);
  }
}
