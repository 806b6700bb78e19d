package dev.framegate.maven;

import dev.framegate.api.internal.PluginInspection;
import dev.framegate.maven.internal.ApiFirstClassLoader;
import dev.framegate.maven.internal.BuildInfo;
import dev.framegate.maven.internal.Descriptor;
import dev.framegate.maven.internal.DevConfiguration;
import dev.framegate.maven.internal.Inspection;
import dev.framegate.maven.internal.Problem;
import dev.framegate.maven.internal.RunConfiguration;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Builds the plugin JAR and starts the Framegate runtime with it: one listener (by default {@code
 * ws://127.0.0.1:8080/}) and one route through every plugin of the project to an upstream — the
 * runtime's built-in echo upstream unless {@code -Dframegate.upstream=ws://...} names another.
 * Runs until Ctrl-C, which stops the runtime cleanly (open connections get close 1001).
 *
 * <p>Each plugin gets its development configuration: {@code <pluginConfigs>} in the POM, replaced
 * per plugin by the file of {@code -Dframegate.config=FILE} and by {@code
 * -Dframegate.pluginConfig.NAME=MAPPING}; {@code validate}, which runs first, binds it and names the
 * POM when a required field is missing.
 *
 * <p>The runtime ({@code dev.framegate:framegate-runtime} of the same release as this plugin) runs in
 * its own JVM, started with {@code framegate run --config target/framegate-run/gateway.yaml}.
 */
@Mojo(name = "run", requiresProject = true, threadSafe = false)
@Execute(phase = LifecyclePhase.PACKAGE)
public class RunMojo extends AbstractMojo {

  private static final String MAIN_CLASS = "dev.framegate.runtime.cli.Main";

  /** The plugin JAR to load, as built by {@code package}. */
  @Parameter(defaultValue = "${project.build.directory}/${project.build.finalName}.jar", required = true)
  File pluginJar;

  /** The upstream the route proxies to: a {@code ws://} or {@code wss://} URL, or {@code builtin:echo}. */
  @Parameter(property = "framegate.upstream", defaultValue = "builtin:echo")
  String upstream;

  /** The address the runtime listens on. */
  @Parameter(property = "framegate.host", defaultValue = "127.0.0.1")
  String host;

  /** The port the runtime listens on; 0 picks a free one (the runtime logs it). */
  @Parameter(property = "framegate.port", defaultValue = "8080")
  int port;

  /** The path of the route clients connect to. */
  @Parameter(property = "framegate.path", defaultValue = "/")
  String path;

  /** The port of the runtime's admin endpoint on 127.0.0.1; none when not set. */
  @Parameter(property = "framegate.adminPort")
  Integer adminPort;

  /**
   * The port of the built-in echo upstream ({@code builtin:echo}) on 127.0.0.1, to reach it directly;
   * by default a free one (the runtime logs it).
   */
  @Parameter(property = "framegate.echoPort")
  Integer echoPort;

  /**
   * Each plugin's configuration on the route, by plugin name, as a YAML flow mapping: {@code
   * <pluginConfigs><prefix>{prefix: "[dev] "}</prefix></pluginConfigs>}. Plugins not configured get
   * their defaults. Set it in the plugin's {@code <configuration>}, not in an execution: {@code
   * validate} checks the same configuration.
   */
  @Parameter
  Map<String, String> pluginConfigs = new LinkedHashMap<>();

  /**
   * A YAML or JSON file of plugin configuration: plugin names as keys, each with its configuration,
   * for example {@code prefix: {prefix: "[dev] "}}. An entry replaces the plugin's {@code
   * <pluginConfigs>} entry.
   */
  @Parameter(property = "framegate.config")
  File configFile;

  /** The build session: {@code -Dframegate.pluginConfig.NAME=MAPPING} replaces one plugin's configuration. */
  @Parameter(defaultValue = "${session}", readonly = true)
  MavenSession session;

  /** The project: its POM is named in messages about its configuration. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The version of {@code dev.framegate:framegate-runtime} to run; by default this plugin's release. */
  @Parameter(property = "framegate.runtimeVersion")
  String runtimeVersion;

  /** Extra JVM options for the runtime, such as {@code -Xmx256m}. */
  @Parameter(property = "framegate.jvmArgs")
  String jvmArgs;

  /** Where the configuration file and the plugin directory are written. */
  @Parameter(defaultValue = "${project.build.directory}/framegate-run", required = true)
  File runDirectory;

  /** The remote repositories the runtime is resolved from. */
  @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
  List<RemoteRepository> remoteRepositories;

  /** The repository session the runtime is resolved in. */
  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
  RepositorySystemSession repositorySession;

  @Component
  RepositorySystem repositorySystem;

  /** Creates the goal; Maven does this. */
  public RunMojo() {}

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    List<File> runtime = runtimeClasspath();
    List<String> pluginNames = pluginNames();
    DevConfiguration devConfiguration;
    try {
      devConfiguration = DevConfiguration.read(project.getFile(), pluginConfigs, configFile,
          session == null ? Map.of() : session.getUserProperties());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("The development configuration cannot be read: " + e.getMessage());
    }
    List<Problem> unknown = devConfiguration.unknownPlugins(pluginNames);
    if (!unknown.isEmpty()) {
      throw new MojoFailureException(new Inspection(List.of(), unknown).report());
    }
    Map<String, String> configs = new LinkedHashMap<>();
    for (String name : pluginNames) {
      devConfiguration.flowMapping(name).ifPresent(mapping -> configs.put(name, mapping));
    }
    RunConfiguration configuration;
    Path directory = runDirectory.toPath();
    Path config = directory.resolve("gateway.yaml");
    try {
      configuration = new RunConfiguration(host, port, path, upstream, directory.resolve("plugins").toString(),
          pluginNames, configs, adminPort, echoPort);
      Path plugins = directory.resolve("plugins");
      Files.createDirectories(plugins);
      try (var old = Files.list(plugins)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
      Files.copy(pluginJar.toPath(), plugins.resolve(pluginJar.getName()), StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(config, configuration.yaml(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("cannot prepare " + directory + ": " + e.getMessage(), e);
    }

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (jvmArgs != null && !jvmArgs.isBlank()) {
      command.addAll(List.of(jvmArgs.trim().split("\\s+")));
    }
    String classpath = runtime.stream().map(File::getAbsolutePath).collect(Collectors.joining(File.pathSeparator));
    command.addAll(List.of("-cp", classpath, MAIN_CLASS, "run", "--config", config.toString()));
    getLog().info("Starting the Framegate runtime: ws://" + host + ":" + port + path + " -> " + upstream
        + " through " + pluginNames + " (Ctrl-C stops it)");
    getLog().debug("Command: " + command);
    int exit = runUntilStopped(command);
    if (exit != 0 && exit != 130 && exit != 143) {
      throw new MojoFailureException("The Framegate runtime exited with code " + exit + " (see its output above; "
          + config + " is the configuration it ran)");
    }
  }

  private int runUntilStopped(List<String> command) throws MojoExecutionException {
    Process process;
    try {
      process = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      throw new MojoExecutionException("cannot start the runtime: " + e.getMessage(), e);
    }
    // Ctrl-C reaches Maven and, from a terminal, the runtime too; either way the runtime gets SIGTERM
    // here and closes its connections with 1001 before exiting.
    Thread stopper = new Thread(() -> stop(process), "framegate-run-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(process);
      return process.exitValue();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is already running
      }
    }
  }

  private static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(35, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The plugin names of the JAR's classes, read as the runtime reads them. */
  private List<String> pluginNames() throws MojoFailureException, MojoExecutionException {
    if (!pluginJar.isFile()) {
      throw new MojoFailureException("No plugin JAR at " + pluginJar + ": build it with `./mvnw package` (framegate-plugin packaging)");
    }
    Properties descriptor = new Properties();
    try (JarFile jar = new JarFile(pluginJar)) {
      var entry = jar.getEntry(Descriptor.PATH);
      if (entry == null) {
        throw new MojoFailureException(pluginJar + " has no " + Descriptor.PATH + ": build it with the framegate-plugin packaging");
      }
      try (InputStream in = jar.getInputStream(entry)) {
        descriptor.load(in);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot read " + pluginJar + ": " + e.getMessage(), e);
    }
    List<String> names = new ArrayList<>();
    try (ApiFirstClassLoader loader = new ApiFirstClassLoader("framegate-plugin-jar", new URL[] {pluginJar.toURI().toURL()})) {
      for (String className : descriptor.getProperty("plugin.classes", "").split(",")) {
        PluginInspection.Result declaration = PluginInspection.declaration(Class.forName(className.trim(), false, loader));
        if (!declaration.valid()) {
          throw new MojoFailureException(pluginJar + ": " + declaration.describe());
        }
        names.add(declaration.declaration().name());
      }
    } catch (IOException | ReflectiveOperationException | LinkageError e) {
      throw new MojoExecutionException("cannot read the plugins of " + pluginJar + ": " + e, e);
    }
    return names;
  }

  private List<File> runtimeClasspath() throws MojoExecutionException {
    String version = runtimeVersion == null || runtimeVersion.isBlank() ? BuildInfo.framegateVersion() : runtimeVersion;
    CollectRequest collect = new CollectRequest(
        new Dependency(new DefaultArtifact("dev.framegate:framegate-runtime:" + version), "runtime"), remoteRepositories);
    DependencyRequest request = new DependencyRequest(collect, (node, parents) -> {
      Dependency dependency = node.getDependency();
      return dependency == null || !dependency.isOptional()
          && ("compile".equals(dependency.getScope()) || "runtime".equals(dependency.getScope()));
    });
    try {
      List<ArtifactResult> results = repositorySystem.resolveDependencies(repositorySession, request).getArtifactResults();
      return results.stream().map(r -> r.getArtifact().getFile()).toList();
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException("cannot resolve dev.framegate:framegate-runtime:" + version + ": " + e.getMessage(), e);
    }
  }
}
