package dev.framegate.maven;

import dev.framegate.maven.internal.Descriptor;
import dev.framegate.maven.internal.FoundPlugin;
import dev.framegate.maven.internal.Inspection;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the plugin descriptor {@code META-INF/framegate/plugin.properties} into the classes
 * directory: the plugin id and version, the PDK version read from the {@code framegate-sdk-api}
 * dependency, and the plugin classes found by scanning the compiled classes. Refuses, like {@code
 * validate}, when the classes would not load.
 */
@Mojo(name = "descriptor", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class DescriptorMojo extends AbstractPluginProjectMojo {

  /** The plugin id recorded as {@code plugin.id}. */
  @Parameter(defaultValue = "${project.groupId}:${project.artifactId}", required = true)
  String pluginId;

  /** The plugin version recorded as {@code plugin.version}. */
  @Parameter(defaultValue = "${project.version}", required = true)
  String pluginVersion;

  /** The one-line description recorded as {@code plugin.description}; left out when empty. */
  @Parameter(defaultValue = "${project.description}")
  String description;

  /** Creates the goal; Maven does this. */
  public DescriptorMojo() {}

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping the Framegate plugin descriptor");
      return;
    }
    Inspection inspection = inspectProject(false);
    if (!inspection.valid()) {
      throw new MojoFailureException(inspection.report());
    }
    Descriptor descriptor = new Descriptor(pluginId, pluginVersion, projectPdkVersion().toString(),
        inspection.plugins().stream().map(FoundPlugin::className).toList(), description);
    try {
      Path file = descriptor.writeTo(classesDirectory.toPath());
      getLog().info("Wrote " + file + " (" + descriptor.classes().size() + " plugin classes, PDK " + descriptor.pdkVersion() + ")");
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the plugin descriptor: " + e.getMessage(), e);
    }
  }
}
