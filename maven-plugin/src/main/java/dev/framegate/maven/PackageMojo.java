package dev.framegate.maven;

import dev.framegate.maven.internal.Descriptor;
import dev.framegate.maven.internal.PluginJarWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Builds the plugin JAR in the format the runtime loads (docs/plugin-jar-format.md): the compiled
 * classes and resources with the descriptor written by {@code descriptor}, and the project's
 * compile- and runtime-scope dependencies bundled under {@code META-INF/framegate/lib/}, the PDK
 * API left out (the runtime supplies it).
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class PackageMojo extends AbstractMojo {

  /** The project being built. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The directory holding the compiled classes, resources and descriptor. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
  File classesDirectory;

  /** Where the JAR is written. */
  @Parameter(defaultValue = "${project.build.directory}", required = true)
  File outputDirectory;

  /** The JAR's name, without {@code .jar}. */
  @Parameter(defaultValue = "${project.build.finalName}", required = true)
  String finalName;

  /**
   * A classifier: the JAR is then attached as a secondary artifact (for projects of another
   * packaging) instead of becoming the project's main artifact.
   */
  @Parameter(property = "framegate.classifier")
  String classifier;

  /** The timestamp of the JAR's entries, for reproducible builds: ISO-8601 or seconds since the epoch. */
  @Parameter(defaultValue = "${project.build.outputTimestamp}")
  String outputTimestamp;

  /** Skips the goal. */
  @Parameter(property = "framegate.skip", defaultValue = "false")
  boolean skip;

  @Component
  MavenProjectHelper projectHelper;

  /** Creates the goal; Maven does this. */
  public PackageMojo() {}

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping the Framegate plugin JAR");
      return;
    }
    Path descriptor = classesDirectory.toPath().resolve(Descriptor.PATH);
    if (!descriptor.toFile().isFile()) {
      throw new MojoFailureException("No plugin descriptor at " + descriptor + ": run the `descriptor` goal before `package`"
          + " (the framegate-plugin packaging does; declare framegate-maven-plugin with <extensions>true</extensions>)");
    }
    List<PluginJarWriter.Library> libraries = libraries();
    String name = finalName + (classifier == null || classifier.isBlank() ? "" : "-" + classifier) + ".jar";
    Path jar = outputDirectory.toPath().resolve(name);
    try {
      new PluginJarWriter(timestamp()).write(jar, classesDirectory.toPath(), libraries, List.of(
          new String[] {"Framegate-Plugin-Id", project.getGroupId() + ":" + project.getArtifactId()},
          new String[] {"Framegate-Plugin-Version", project.getVersion()}));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the plugin JAR " + jar + ": " + e.getMessage(), e);
    }
    getLog().info("Built Framegate plugin JAR " + jar + (libraries.isEmpty() ? "" : " with " + libraries.size() + " bundled libraries"));
    if (classifier == null || classifier.isBlank()) {
      project.getArtifact().setFile(jar.toFile());
    } else {
      projectHelper.attachArtifact(project, "jar", classifier, jar.toFile());
    }
  }

  private List<PluginJarWriter.Library> libraries() throws MojoFailureException {
    List<Artifact> bundled = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
      String scope = artifact.getScope();
      if (!Artifact.SCOPE_COMPILE.equals(scope) && !Artifact.SCOPE_RUNTIME.equals(scope)) {
        continue;
      }
      if (AbstractPluginProjectMojo.SDK_GROUP_ID.equals(artifact.getGroupId())
          && AbstractPluginProjectMojo.SDK_ARTIFACT_ID.equals(artifact.getArtifactId())) {
        getLog().warn(artifact + " is not bundled: the runtime supplies the PDK; declare it <scope>provided</scope>");
        continue;
      }
      if (!artifact.getArtifactHandler().isAddedToClasspath()) {
        continue;
      }
      File file = artifact.getFile();
      if (file == null || !file.isFile()) {
        throw new MojoFailureException("Dependency " + artifact + " has no JAR to bundle (" + file
            + "): package it first, for example with `./mvnw package` on the whole reactor");
      }
      bundled.add(artifact);
    }
    bundled.sort(Comparator.comparing(Artifact::getId));
    List<PluginJarWriter.Library> libraries = new ArrayList<>();
    for (Artifact artifact : bundled) {
      String fileName = artifact.getArtifactId() + "-" + artifact.getVersion()
          + (artifact.hasClassifier() ? "-" + artifact.getClassifier() : "") + ".jar";
      libraries.add(new PluginJarWriter.Library(fileName, artifact.getFile().toPath()));
    }
    return libraries;
  }

  private Instant timestamp() {
    if (outputTimestamp != null && !outputTimestamp.isBlank() && !outputTimestamp.equals("${project.build.outputTimestamp}")) {
      String text = outputTimestamp.trim();
      try {
        return text.chars().allMatch(Character::isDigit)
            ? Instant.ofEpochSecond(Long.parseLong(text))
            : OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException | NumberFormatException e) {
        getLog().warn("Ignoring project.build.outputTimestamp '" + text + "': not ISO-8601 nor seconds since the epoch");
      }
    }
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }
}
