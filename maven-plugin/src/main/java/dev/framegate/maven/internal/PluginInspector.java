package dev.framegate.maven.internal;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.internal.PluginInspection;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the plugin classes among a project's compiled classes and checks each with {@link
 * PluginInspection}, the inspection the runtime applies when it loads a plugin JAR and the test
 * harness when a test adds a plugin class; on top of it, that plugin names are unique in the project
 * and that no concrete {@code FramePlugin} was left without its annotation.
 */
public final class PluginInspector {

  private PluginInspector() {}

  /**
   * The names of the classes compiled into a directory, {@code module-info} and {@code package-info}
   * left out.
   *
   * @param classesDirectory the output directory of the compiler; may not exist
   * @return the fully-qualified class names, sorted
   * @throws IOException when the directory cannot be read
   */
  public static List<String> classNames(Path classesDirectory) throws IOException {
    if (!Files.isDirectory(classesDirectory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(classesDirectory)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".class"))
          .map(file -> classesDirectory.relativize(file).toString())
          .map(relative -> relative.substring(0, relative.length() - ".class".length())
              .replace(classesDirectory.getFileSystem().getSeparator(), "."))
          .filter(name -> !name.endsWith("module-info") && !name.endsWith("package-info"))
          .sorted()
          .toList();
    }
  }

  /**
   * Inspects classes: finds those annotated {@code @FramegatePlugin} and checks each as the runtime
   * will; reports concrete classes implementing {@code FramePlugin} without the annotation.
   *
   * @param loader an {@link ApiFirstClassLoader} over the compiled classes and the compile classpath
   * @param classNames the classes to inspect
   * @return the plugins found and the problems
   */
  public static Inspection inspect(ClassLoader loader, List<String> classNames) {
    List<Problem> problems = new ArrayList<>();
    List<FoundPlugin> plugins = new ArrayList<>();
    Map<String, String> classByName = new LinkedHashMap<>();
    for (String className : classNames) {
      Class<?> type;
      boolean annotated;
      try {
        type = Class.forName(className, false, loader);
        annotated = type.isAnnotationPresent(FramegatePlugin.class);
      } catch (ClassNotFoundException | LinkageError e) {
        // A class that cannot even be linked is not one the runtime could load either; the ones that
        // matter are reported when the plugin classes that use them are checked.
        continue;
      }
      if (!annotated) {
        if (FramePlugin.class.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
          PluginInspection.declaration(type).problems().forEach(p -> problems.add(Problem.of(p)));
        }
        continue;
      }
      PluginInspection.Result result;
      try {
        result = PluginInspection.loadable(type);
      } catch (LinkageError e) {
        problems.add(new Problem(className, "cannot be inspected (" + e + ")",
            "make sure every class it uses compiles and is on the compile classpath"));
        continue;
      }
      if (!result.valid()) {
        result.problems().forEach(p -> problems.add(Problem.of(p)));
        continue;
      }
      PluginInspection.Declaration declaration = result.declaration();
      String previous = classByName.putIfAbsent(declaration.name(), className);
      if (previous != null) {
        problems.add(new Problem(className, "its plugin name \"" + declaration.name() + "\" is already used by " + previous,
            "give each plugin class a unique @FramegatePlugin name"));
      }
      plugins.add(new FoundPlugin(declaration));
    }
    plugins.sort(Comparator.comparing(FoundPlugin::className));
    return new Inspection(plugins, problems);
  }
}
