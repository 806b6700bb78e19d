package dev.framegate.maven;

import dev.framegate.maven.internal.Scaffolder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates a new plugin in an existing project: the plugin class with the chosen phases stubbed,
 * its configuration record and a test that runs it in the Framegate test harness. Never overwrites
 * a file: when one of the three exists, nothing is written and the build fails naming it.
 *
 * <p>The classes go into the project's package (that of its plugin classes) unless {@code -Dpackage}
 * names another, and follow the archetype's style (2-space indents).
 *
 * <pre>./mvnw framegate:scaffold -Dname=rate-limit -Dphases=handshake,client</pre>
 */
@Mojo(name = "scaffold", requiresProject = true, threadSafe = true)
public class ScaffoldMojo extends AbstractMojo {

  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

  /** The plugin name, such as {@code rate-limit}; the class is named after it ({@code RateLimitPlugin}). */
  @Parameter(property = "name", required = true)
  String name;

  /**
   * The Java package of the generated classes. By default the project's package: the package of its
   * plugin classes (the archetype's {@code package}), else of its other sources, else the group id.
   */
  @Parameter(property = "package")
  String packageName;

  /** The project's group id, the last resort for the package. */
  @Parameter(defaultValue = "${project.groupId}", readonly = true)
  String groupId;

  /** The phases to stub, comma-separated, among {@code handshake}, {@code client}, {@code upstream}, {@code close}. */
  @Parameter(property = "phases", defaultValue = "client,upstream")
  String phases;

  /** The plugin's priority: plugins run in descending priority within each phase. */
  @Parameter(property = "priority", defaultValue = "1000")
  int priority;

  /** Where the plugin class and configuration record go. */
  @Parameter(defaultValue = "${project.build.sourceDirectory}", required = true)
  File sourceDirectory;

  /** Where the test goes. */
  @Parameter(defaultValue = "${project.build.testSourceDirectory}", required = true)
  File testSourceDirectory;

  /** Creates the goal; Maven does this. */
  public ScaffoldMojo() {}

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    List<Scaffolder.Source> sources;
    try {
      String chosen = packageName != null && !packageName.isBlank() ? packageName.trim() : projectPackage();
      Scaffolder.Request request = new Scaffolder.Request(name == null ? null : name.trim(),
          chosen, Scaffolder.parsePhases(phases == null ? "" : phases), priority);
      sources = Scaffolder.generate(request);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("Cannot scaffold: " + e.getMessage());
    }
    List<Path> targets = new ArrayList<>();
    List<Path> existing = new ArrayList<>();
    for (Scaffolder.Source source : sources) {
      Path target = (source.test() ? testSourceDirectory : sourceDirectory).toPath().resolve(source.relativePath());
      targets.add(target);
      if (Files.exists(target)) {
        existing.add(target);
      }
    }
    if (!existing.isEmpty()) {
      throw new MojoFailureException("Cannot scaffold plugin '" + name + "': " + existing.size()
          + (existing.size() == 1 ? " file exists" : " files exist") + " and would be overwritten: " + existing
          + ". Choose another -Dname or -Dpackage, or move the existing files away; nothing was written.");
    }
    try {
      for (int i = 0; i < sources.size(); i++) {
        Path target = targets.get(i);
        Files.createDirectories(target.getParent());
        Files.writeString(target, sources.get(i).content(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
        getLog().info("Created " + target);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the scaffolded sources: " + e.getMessage(), e);
    }
  }

  /**
   * The project's package: where its plugin classes are, else where most of its sources are, else
   * one made from the group id.
   */
  private String projectPackage() throws MojoExecutionException {
    Map<String, Integer> plugins = new TreeMap<>();
    Map<String, Integer> sources = new TreeMap<>();
    Path root = sourceDirectory.toPath();
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          Matcher declaration = PACKAGE.matcher(text);
          if (!declaration.find()) {
            continue;
          }
          String found = declaration.group(1);
          sources.merge(found, 1, Integer::sum);
          if (text.contains("@FramegatePlugin")) {
            plugins.merge(found, 1, Integer::sum);
          }
        }
      } catch (IOException e) {
        throw new MojoExecutionException("cannot read the sources in " + root + ": " + e.getMessage(), e);
      }
    }
    String chosen;
    if (!plugins.isEmpty()) {
      chosen = mostCommon(plugins);
      getLog().info("Package " + chosen + ": the package of the project's plugins (-Dpackage chooses another)");
    } else if (!sources.isEmpty()) {
      chosen = mostCommon(sources);
      getLog().info("Package " + chosen + ": the package of the project's sources (-Dpackage chooses another)");
    } else {
      chosen = javaPackage(groupId);
      getLog().info("Package " + chosen + ": from the group id, the project has no sources yet (-Dpackage chooses another)");
    }
    return chosen;
  }

  private static String mostCommon(Map<String, Integer> counts) {
    String best = null;
    for (Map.Entry<String, Integer> entry : counts.entrySet()) {
      if (best == null || entry.getValue() > counts.get(best)) {
        best = entry.getKey();
      }
    }
    return best;
  }

  /** Makes a package name from a group id that may contain dashes or upper case. */
  static String javaPackage(String text) {
    if (text == null) {
      return null;
    }
    return text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
  }
}
