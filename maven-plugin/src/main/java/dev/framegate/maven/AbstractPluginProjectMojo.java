package dev.framegate.maven;

import dev.framegate.api.internal.PdkVersion;
import dev.framegate.maven.internal.ApiFirstClassLoader;
import dev.framegate.maven.internal.BuildInfo;
import dev.framegate.maven.internal.DevConfiguration;
import dev.framegate.maven.internal.Inspection;
import dev.framegate.maven.internal.PdkVersions;
import dev.framegate.maven.internal.PluginInspector;
import dev.framegate.maven.internal.Problem;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals working on a plugin project's compiled classes share: finding the plugin classes,
 * checking them and the project's PDK dependency.
 */
public abstract class AbstractPluginProjectMojo extends AbstractMojo {

  /** The group id of the PDK API artifact. */
  static final String SDK_GROUP_ID = "dev.framegate";
  /** The artifact id of the PDK API artifact. */
  static final String SDK_ARTIFACT_ID = "framegate-sdk-api";

  /** The project being built. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The directory holding the compiled plugin classes and resources. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
  File classesDirectory;

  /** The compile classpath the plugin classes are loaded with: the classes directory and the dependencies. */
  @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true, required = true)
  List<String> classpathElements;

  /**
   * The PDK version to record and check instead of the one read from the {@code framegate-sdk-api}
   * dependency ({@code major.minor}). Rarely needed.
   */
  @Parameter(property = "framegate.pdkVersion")
  String pdkVersion;

  /** Skips the goal. */
  @Parameter(property = "framegate.skip", defaultValue = "false")
  boolean skip;

  /**
   * The development configuration of each plugin, by plugin name, as a YAML flow mapping: {@code
   * <pluginConfigs><prefix>{prefix: "[dev] "}</prefix></pluginConfigs>}. {@code framegate:run} starts
   * the runtime with it, and {@code validate} binds it (a plugin without an entry binds its
   * defaults), so that a required field nobody sets fails the build here. Set it in the plugin's
   * {@code <configuration>}, not in an execution, so that every goal sees it.
   */
  @Parameter
  Map<String, String> pluginConfigs = new LinkedHashMap<>();

  /**
   * A YAML or JSON file of development configuration: plugin names as keys, each with its
   * configuration. An entry replaces the plugin's {@code <pluginConfigs>} entry.
   */
  @Parameter(property = "framegate.config")
  File configFile;

  /** The build session: {@code -Dframegate.pluginConfig.NAME=MAPPING} configures one plugin. */
  @Parameter(defaultValue = "${session}", readonly = true)
  MavenSession session;

  /** Creates the goal; Maven does this. */
  protected AbstractPluginProjectMojo() {}

  /**
   * Inspects the project: its plugin classes and its PDK dependency.
   *
   * @return the plugins and the problems found
   * @throws MojoExecutionException when the classes cannot be read
   */
  Inspection inspectProject(boolean withDevConfiguration) throws MojoExecutionException {
    List<Problem> problems = new ArrayList<>(dependencyProblems());
    DevConfiguration devConfiguration = null;
    if (withDevConfiguration) {
      try {
        devConfiguration = devConfiguration();
      } catch (IllegalArgumentException e) {
        problems.add(new Problem("development configuration", e.getMessage(), "correct it"));
      }
    }
    Inspection classes;
    try (ApiFirstClassLoader loader = new ApiFirstClassLoader("framegate-plugin-classes", urls())) {
      classes = PluginInspector.inspect(loader, PluginInspector.classNames(classesDirectory.toPath()));
      if (devConfiguration != null && classes.problems().isEmpty()) {
        // binding runs the configuration records' constructors: the loader must still be open
        problems.addAll(devConfiguration.check(classes.plugins()));
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot read the compiled classes in " + classesDirectory + ": " + e.getMessage(), e);
    }
    problems.addAll(classes.problems());
    if (classes.plugins().isEmpty() && classes.problems().isEmpty() && sdkApi().isPresent()) {
      problems.add(new Problem(project.getArtifactId(),
          "no class in " + classesDirectory + " is annotated @FramegatePlugin",
          "add a plugin class, for example with `./mvnw framegate:scaffold -Dname=my-plugin`"));
    }
    return new Inspection(classes.plugins(), problems);
  }

  /**
   * The development configuration of the POM, the {@code -Dframegate.config} file and the
   * command-line properties.
   *
   * @return the configuration
   * @throws IllegalArgumentException naming the source that cannot be read
   */
  DevConfiguration devConfiguration() {
    return DevConfiguration.read(project.getFile(), pluginConfigs, configFile,
        session == null ? Map.of() : session.getUserProperties());
  }

  /**
   * The PDK version the project compiles against.
   *
   * @return the version
   * @throws MojoExecutionException when the project has no PDK dependency
   */
  PdkVersion projectPdkVersion() throws MojoExecutionException {
    if (pdkVersion != null && !pdkVersion.isBlank()) {
      return PdkVersion.ofRelease(pdkVersion);
    }
    Artifact sdk = sdkApi().orElseThrow(() -> new MojoExecutionException(
        "the project has no dependency on " + SDK_GROUP_ID + ":" + SDK_ARTIFACT_ID + ": add it with <scope>provided</scope>"));
    return PdkVersions.ofSdkApi(sdk.getFile(), sdk.getVersion());
  }

  Optional<Artifact> sdkApi() {
    return project.getArtifacts().stream()
        .filter(a -> SDK_GROUP_ID.equals(a.getGroupId()) && SDK_ARTIFACT_ID.equals(a.getArtifactId()))
        .findFirst();
  }

  private List<Problem> dependencyProblems() {
    List<Problem> problems = new ArrayList<>();
    Optional<Artifact> sdk = sdkApi();
    String coordinates = SDK_GROUP_ID + ":" + SDK_ARTIFACT_ID;
    if (sdk.isEmpty()) {
      problems.add(new Problem(project.getArtifactId(), "the project does not depend on " + coordinates,
          "add the dependency " + coordinates + " with <scope>provided</scope>"));
      return problems;
    }
    if (!Artifact.SCOPE_PROVIDED.equals(sdk.get().getScope())) {
      problems.add(new Problem(coordinates, "has scope " + sdk.get().getScope()
              + ", but the runtime supplies the PDK and a plugin JAR must not bundle it",
          "declare it with <scope>provided</scope>"));
    }
    PdkVersion tooling = PdkVersions.tooling();
    try {
      PdkVersion plugin = projectPdkVersion();
      if (!tooling.accepts(plugin)) {
        problems.add(new Problem(coordinates, "PDK " + plugin + " is not compatible with the PDK " + tooling
                + " of this Framegate release (same major, minor at most " + tooling + ")",
            "use framegate-sdk-api and framegate-maven-plugin of the same Framegate release"));
      }
    } catch (MojoExecutionException | IllegalArgumentException e) {
      problems.add(new Problem(coordinates, e.getMessage(), "set the PDK version with -Dframegate.pdkVersion=major.minor"));
    }
    return problems;
  }

  private URL[] urls() throws MojoExecutionException {
    List<URL> urls = new ArrayList<>();
    try {
      urls.add(classesDirectory.toURI().toURL());
      for (String element : classpathElements) {
        File file = new File(element);
        if (!file.equals(classesDirectory)) {
          urls.add(file.toURI().toURL());
        }
      }
    } catch (MalformedURLException e) {
      throw new MojoExecutionException("bad classpath element: " + e.getMessage(), e);
    }
    return urls.toArray(URL[]::new);
  }

  /**
   * The Framegate release of this plugin.
   *
   * @return the version
   */
  static String framegateVersion() {
    return BuildInfo.framegateVersion();
  }
}
