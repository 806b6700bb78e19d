package dev.framegate.maven;

import dev.framegate.maven.internal.FoundPlugin;
import dev.framegate.maven.internal.Inspection;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks the compiled plugin classes as the runtime will when it loads the plugin JAR, and more:
 * each class annotated {@code @FramegatePlugin} implements {@code FramePlugin}, is public, concrete
 * and has a public no-argument constructor; its name is well-formed ({@code [a-z][a-z0-9-]{0,63}})
 * and unique; its configuration type is a record of bindable types whose defaults bind; and the PDK
 * dependency is {@code provided} and of a compatible version. The checks of each class are those the
 * runtime and the test harness apply, run by the same code. Then it binds each plugin's development
 * configuration (the one {@code framegate:run} uses: {@code <pluginConfigs>}, {@code
 * -Dframegate.config}, {@code -Dframegate.pluginConfig.NAME}) to its configuration type, so that a
 * required field nobody sets fails here, naming the POM. Fails the build with one line per problem,
 * naming the class (or the source) and the fix.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class ValidateMojo extends AbstractPluginProjectMojo {

  /** Creates the goal; Maven does this. */
  public ValidateMojo() {}

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping Framegate plugin validation");
      return;
    }
    Inspection inspection = inspectProject(true);
    if (!inspection.valid()) {
      throw new MojoFailureException(inspection.report());
    }
    for (FoundPlugin plugin : inspection.plugins()) {
      getLog().info("Framegate plugin \"" + plugin.name() + "\" (" + plugin.className() + ", priority "
          + plugin.priority() + ", config " + plugin.configClassName() + ") is valid");
    }
  }
}
