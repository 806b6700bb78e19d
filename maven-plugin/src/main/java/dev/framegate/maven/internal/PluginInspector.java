package dev.framegate.maven.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the plugin classes among a project's compiled classes and checks each against what the
 * runtime needs to load it (see {@code docs/plugin-jar-format.md}).
 *
 * <p>All PDK types are looked up by name in the project's class loader, so the checks use the PDK
 * version the project compiles against, not one bundled with the build tooling.
 */
public final class PluginInspector {

  /** The plugin contract. */
  public static final String FRAME_PLUGIN = "dev.framegate.api.FramePlugin";
  /** The plugin annotation. */
  public static final String PLUGIN_ANNOTATION = "dev.framegate.api.FramegatePlugin";
  /** The configuration type of plugins that take none. */
  public static final String NO_CONFIG = "dev.framegate.api.NoConfig";
  /** The configuration binder. */
  public static final String CONFIG_BINDER = "dev.framegate.api.config.ConfigBinder";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

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
   * Inspects classes: finds those annotated {@code @FramegatePlugin} or implementing {@code
   * FramePlugin}, and checks every rule the runtime applies when it loads them, plus those that
   * would only fail once a route is configured.
   *
   * @param loader a class loader over the compiled classes and the compile classpath
   * @param classNames the classes to inspect
   * @return the plugins found and the problems
   */
  public static Inspection inspect(ClassLoader loader, List<String> classNames) {
    List<Problem> problems = new ArrayList<>();
    List<FoundPlugin> plugins = new ArrayList<>();
    Class<?> framePlugin;
    Class<? extends Annotation> annotation;
    try {
      framePlugin = Class.forName(FRAME_PLUGIN, false, loader);
      annotation = Class.forName(PLUGIN_ANNOTATION, false, loader).asSubclass(Annotation.class);
    } catch (ClassNotFoundException | LinkageError e) {
      problems.add(new Problem("project", "the PDK API (dev.framegate.api) is not on the compile classpath",
          "add the dependency dev.framegate:framegate-sdk-api with <scope>provided</scope>"));
      return new Inspection(plugins, problems);
    }
    Map<String, String> classByName = new LinkedHashMap<>();
    for (String className : classNames) {
      Class<?> type;
      try {
        type = Class.forName(className, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // A class that cannot even be linked is not one the runtime could load either; the ones that
        // matter are reported when the plugin classes that use them are checked.
        continue;
      }
      boolean annotated = type.isAnnotationPresent(annotation);
      boolean implementsPlugin = framePlugin.isAssignableFrom(type) && type != framePlugin;
      if (!annotated) {
        if (implementsPlugin && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
          problems.add(new Problem(className, "implements FramePlugin but is not annotated @FramegatePlugin",
              "annotate it with @FramegatePlugin(name = \"" + suggestedName(type) + "\"), or make it abstract if it is a base class"));
        }
        continue;
      }
      FoundPlugin plugin = check(type, framePlugin, type.getAnnotation(annotation), problems);
      if (plugin == null) {
        continue;
      }
      String previous = classByName.putIfAbsent(plugin.name(), className);
      if (previous != null) {
        problems.add(new Problem(className, "its plugin name \"" + plugin.name() + "\" is already used by " + previous,
            "give each plugin class a unique @FramegatePlugin name"));
      }
      plugins.add(plugin);
    }
    plugins.sort(Comparator.comparing(FoundPlugin::className));
    return new Inspection(plugins, problems);
  }

  private static FoundPlugin check(Class<?> type, Class<?> framePlugin, Annotation info, List<Problem> problems) {
    String className = type.getName();
    String name;
    int priority;
    Class<?> config;
    try {
      name = (String) attribute(info, "name");
      priority = (Integer) attribute(info, "priority");
      config = (Class<?>) attribute(info, "config");
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      problems.add(new Problem(className, "its @FramegatePlugin annotation cannot be read (" + rootCause(e) + ")",
          "make sure the classes it names (its config type) compile and are on the classpath"));
      return null;
    }
    int before = problems.size();
    if (!framePlugin.isAssignableFrom(type)) {
      problems.add(new Problem(className, "is annotated @FramegatePlugin but does not implement FramePlugin",
          "declare it as `implements FramePlugin<" + config.getSimpleName() + ">`"));
    }
    int modifiers = type.getModifiers();
    if (type.isInterface() || Modifier.isAbstract(modifiers)) {
      problems.add(new Problem(className, "is abstract, so the runtime cannot create it",
          "make it a concrete class, or move @FramegatePlugin to the concrete subclass"));
    } else if (!Modifier.isPublic(modifiers)) {
      problems.add(new Problem(className, "is not public, so the runtime cannot create it", "declare it public"));
    } else if (type.getEnclosingClass() != null && !Modifier.isStatic(modifiers)) {
      problems.add(new Problem(className, "is an inner class, so it has no no-argument constructor",
          "declare it static, or move it to its own file"));
    } else {
      try {
        type.getConstructor();
      } catch (NoSuchMethodException | LinkageError e) {
        problems.add(new Problem(className, "has no public no-argument constructor, so the runtime cannot create it",
            "add `public " + type.getSimpleName() + "() {}`; configuration reaches the plugin as the phase methods' config argument"));
      }
    }
    if (!NAME.matcher(name).matches()) {
      problems.add(new Problem(className, "its plugin name \"" + name + "\" is not well-formed",
          "use lower-case letters, digits and dashes, starting with a letter, at most 64 characters, for example \""
              + suggestedName(type) + "\""));
    }
    if (!config.getName().equals(NO_CONFIG)) {
      checkConfig(type, config, problems);
    }
    Class<?> declared = configTypeArgument(type, framePlugin);
    if (declared != null && declared != config) {
      problems.add(new Problem(className, "implements FramePlugin<" + declared.getSimpleName()
              + "> but @FramegatePlugin declares config = " + config.getSimpleName() + ".class",
          "make the two the same type"));
    }
    return problems.size() == before ? new FoundPlugin(className, name, priority, config.getName()) : null;
  }

  private static void checkConfig(Class<?> plugin, Class<?> config, List<Problem> problems) {
    String className = plugin.getName();
    if (!config.isRecord()) {
      problems.add(new Problem(className, "its config type " + config.getName() + " is not a record",
          "declare the configuration as `public record " + config.getSimpleName()
              + "(...)` whose components are the configuration keys"));
      return;
    }
    List<String> unsupported = ConfigTypeChecker.unsupportedFields(config);
    for (String field : unsupported) {
      problems.add(new Problem(className, "its config type " + config.getSimpleName() + ": " + field,
          "use String, boolean, int, long, double, an enum, Duration, List, Set, Map<String, V>, Optional or a nested record"));
    }
    if (!unsupported.isEmpty()) {
      return;
    }
    // Binding an empty configuration checks every @DefaultValue and the compact constructor against
    // the defaults; only a required field without a default may stop it, and that is legitimate.
    try {
      Class<?> binder = Class.forName(CONFIG_BINDER, true, plugin.getClassLoader());
      Method bind = binder.getMethod("bind", Map.class, Class.class);
      bind.invoke(null, Map.of(), config);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      String message = String.valueOf(cause.getMessage());
      if (!message.contains("is required")) {
        problems.add(new Problem(className, "its config type " + config.getSimpleName()
                + " does not bind with its defaults: " + message,
            "correct the @DefaultValue of that field, or the check in the record's constructor"));
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      problems.add(new Problem(className, "its config type " + config.getSimpleName()
          + " cannot be checked: the ConfigBinder of the PDK on the classpath is unusable (" + e + ")",
          "use a framegate-sdk-api version this plugin supports"));
    }
  }

  private static Object attribute(Annotation annotation, String name) throws ReflectiveOperationException {
    Method method = annotation.annotationType().getMethod(name);
    try {
      return method.invoke(annotation);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof LinkageError linkage) {
        throw linkage;
      }
      throw e;
    }
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.toString();
  }

  /**
   * The configuration type a class gives {@code FramePlugin} as its type argument, if it can be
   * determined.
   */
  private static Class<?> configTypeArgument(Class<?> type, Class<?> framePlugin) {
    for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
      for (Type generic : current.getGenericInterfaces()) {
        if (generic instanceof ParameterizedType parameterized && parameterized.getRawType() == framePlugin) {
          Type argument = parameterized.getActualTypeArguments()[0];
          return argument instanceof Class<?> c ? c : null;
        }
      }
    }
    return null;
  }

  /**
   * A plugin name made from a class name: {@code RateLimitPlugin} gives {@code rate-limit}.
   *
   * @param type the class
   * @return the suggested name
   */
  static String suggestedName(Class<?> type) {
    String simple = type.getSimpleName();
    if (simple.endsWith("Plugin") && simple.length() > "Plugin".length()) {
      simple = simple.substring(0, simple.length() - "Plugin".length());
    }
    String kebab = simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
    return kebab.isEmpty() || !Character.isLetter(kebab.charAt(0)) ? "my-plugin" : kebab;
  }
}
