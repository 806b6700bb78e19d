package dev.framegate.api.internal;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.config.ConfigBinder;
import dev.framegate.api.config.ConfigException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one answer to "is this a plugin the runtime can load": used by the runtime when it loads a
 * plugin JAR, by the test harness for every plugin a test adds, by the engine when a chain is built
 * and by {@code framegate-maven-plugin}'s {@code validate} goal. What one of them refuses, all of
 * them refuse, with the same message.
 *
 * <p>Two levels: {@link #declaration(Class)} checks what a plugin class declares (the annotation,
 * its name, its configuration type and that type against {@code FramePlugin<C>}); {@link
 * #loadable(Class)} adds what the runtime needs to create instances itself (a public, concrete,
 * top-level or static class with a public no-argument constructor) and that the configuration's
 * defaults bind. A plugin given to the harness as an instance needs only the first.
 */
public final class PluginInspection {

  /**
   * One reason a class is not a loadable plugin.
   *
   * @param subject the class at fault
   * @param message what is wrong
   * @param fix what to change
   */
  public record Problem(String subject, String message, String fix) {

    /**
     * The problem as one line.
     *
     * @return {@code subject: message. Fix: fix}
     */
    public String describe() {
      return subject + ": " + message + ". Fix: " + fix;
    }
  }

  /**
   * What a plugin class declares.
   *
   * @param pluginClass the class
   * @param name the plugin name
   * @param priority the priority
   * @param configType the configuration type, a record ({@link NoConfig} when it takes none)
   */
  public record Declaration(Class<?> pluginClass, String name, int priority, Class<?> configType) {}

  /**
   * The outcome of an inspection.
   *
   * @param declaration the declaration when the class passed, else {@code null}
   * @param problems every problem found; empty when the class passed
   */
  public record Result(Declaration declaration, List<Problem> problems) {

    /**
     * Copies the problems.
     *
     * @param declaration the declaration when the class passed, else {@code null}
     * @param problems every problem found
     */
    public Result {
      problems = List.copyOf(problems);
    }

    /**
     * Whether the class passed.
     *
     * @return {@code true} when there is no problem
     */
    public boolean valid() {
      return problems.isEmpty();
    }

    /**
     * The declaration of a class that passed.
     *
     * @return the declaration
     * @throws IllegalArgumentException listing the problems, one per line, when the class did not pass
     */
    public Declaration orElseThrow() {
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(describe());
      }
      return declaration;
    }

    /**
     * The problems, one per line.
     *
     * @return the text
     */
    public String describe() {
      return problems.stream().map(Problem::describe).collect(Collectors.joining(System.lineSeparator()));
    }
  }

  private PluginInspection() {}

  /**
   * Checks what a plugin class declares: it implements {@link FramePlugin}, is annotated {@link
   * FramegatePlugin} with a well-formed name, its configuration type is a record of bindable
   * components and is the type argument it gives {@code FramePlugin}.
   *
   * @param type the class
   * @return the declaration, or the problems
   */
  public static Result declaration(Class<?> type) {
    List<Problem> problems = new ArrayList<>();
    Declaration declaration = declare(type, problems);
    return new Result(problems.isEmpty() ? declaration : null, problems);
  }

  /**
   * Checks everything the runtime checks before it creates a plugin from its class: the {@linkplain
   * #declaration(Class) declaration}, a public concrete class that is top-level or static, a public
   * no-argument constructor, and configuration defaults that bind.
   *
   * @param type the class
   * @return the declaration, or the problems
   */
  public static Result loadable(Class<?> type) {
    List<Problem> problems = new ArrayList<>();
    Declaration declaration = declare(type, problems);
    String className = type.getName();
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
    if (declaration != null && declaration.configType() != NoConfig.class && ConfigBinder.unsupportedFields(declaration.configType()).isEmpty()) {
      try {
        ConfigBinder.checkDefaults(declaration.configType());
      } catch (ConfigException | LinkageError e) {
        problems.add(new Problem(className, "its config type " + declaration.configType().getSimpleName()
                + " does not bind with its defaults: " + e.getMessage(),
            "correct the @DefaultValue of that field, or the check in the record's constructor"));
      }
    }
    return new Result(problems.isEmpty() ? declaration : null, problems);
  }

  /**
   * Creates a plugin with its public no-argument constructor, as the runtime does: never by
   * reaching past Java's access rules.
   *
   * @param declaration a declaration that passed {@link #loadable(Class)}
   * @param origin where the plugin comes from, for the error message (its JAR, or its class)
   * @return the new instance
   * @throws IllegalStateException naming the plugin and its origin when the constructor fails or throws
   */
  public static FramePlugin<?> newInstance(Declaration declaration, String origin) {
    Objects.requireNonNull(declaration, "declaration");
    String plugin = "plugin '" + declaration.name() + "' (" + origin + ")";
    try {
      Constructor<?> constructor = declaration.pluginClass().getConstructor();
      return (FramePlugin<?>) constructor.newInstance();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IllegalStateException(plugin + ": its constructor threw " + cause, cause);
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      throw new IllegalStateException(plugin + ": cannot be instantiated: " + e, e);
    }
  }

  private static Declaration declare(Class<?> type, List<Problem> problems) {
    String className = type.getName();
    FramegatePlugin info;
    try {
      info = type.getAnnotation(FramegatePlugin.class);
    } catch (RuntimeException | LinkageError e) {
      problems.add(new Problem(className, "its @FramegatePlugin annotation cannot be read (" + rootCause(e) + ")",
          "make sure the classes it names (its config type) compile and are on the classpath"));
      return null;
    }
    boolean implementsPlugin = FramePlugin.class.isAssignableFrom(type);
    if (info == null) {
      problems.add(new Problem(className, implementsPlugin
              ? "implements FramePlugin but is not annotated @FramegatePlugin"
              : "is neither annotated @FramegatePlugin nor a FramePlugin",
          "annotate it with @FramegatePlugin(name = \"" + PluginNames.suggest(type.getSimpleName()) + "\")"
              + (implementsPlugin ? ", or make it abstract if it is a base class" : " and implement FramePlugin")));
      return null;
    }
    Class<?> config;
    try {
      config = info.config();
    } catch (RuntimeException | LinkageError e) {
      problems.add(new Problem(className, "its @FramegatePlugin annotation cannot be read (" + rootCause(e) + ")",
          "make sure the classes it names (its config type) compile and are on the classpath"));
      return null;
    }
    int before = problems.size();
    if (!implementsPlugin) {
      problems.add(new Problem(className, "is annotated @FramegatePlugin but does not implement FramePlugin",
          "declare it as `implements FramePlugin<" + config.getSimpleName() + ">`"));
    }
    if (!PluginNames.isValid(info.name())) {
      problems.add(new Problem(className, "its plugin name \"" + info.name() + "\" is not well-formed",
          "use " + PluginNames.RULE + ", for example \"" + PluginNames.suggest(type.getSimpleName()) + "\""));
    }
    if (!config.isRecord()) {
      problems.add(new Problem(className, "its config type " + config.getName() + " is not a record",
          "declare the configuration as `public record " + config.getSimpleName()
              + "(...)` whose components are the configuration keys"));
    } else {
      for (String field : ConfigBinder.unsupportedFields(config)) {
        problems.add(new Problem(className, "its config type " + config.getSimpleName() + ": " + field,
            "change the field's type, or parse it from a String in the record's constructor"));
      }
    }
    Class<?> declared = implementsPlugin ? configTypeArgument(type) : null;
    if (declared != null && declared != config) {
      problems.add(new Problem(className, "implements FramePlugin<" + declared.getSimpleName()
              + "> but @FramegatePlugin declares config = " + config.getSimpleName() + ".class",
          "make the two the same type"));
    }
    return problems.size() == before ? new Declaration(type, info.name(), info.priority(), config) : null;
  }

  /** The configuration type a class gives {@code FramePlugin} as its type argument, if it is a class. */
  private static Class<?> configTypeArgument(Class<?> type) {
    for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
      for (Type generic : current.getGenericInterfaces()) {
        if (generic instanceof ParameterizedType parameterized && parameterized.getRawType() == FramePlugin.class) {
          Type argument = parameterized.getActualTypeArguments()[0];
          return argument instanceof Class<?> c ? c : null;
        }
      }
    }
    return null;
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.toString();
  }
}
