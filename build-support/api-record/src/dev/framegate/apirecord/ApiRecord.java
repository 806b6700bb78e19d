package dev.framegate.apirecord;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The committed record of a module's public API and the check that keeps it true: every public or
 * protected type and member of the module's public packages, one line each, as reflection writes
 * them. Shared by the {@code PublicApiTest} of {@code sdk-api} and {@code test-harness}
 * (docs/api-compatibility.md).
 *
 * <p>The check fails, naming each element, when the API lost or changed an element of the record
 * (a removal, a changed signature or modifier, a changed constant or annotation default), or gained
 * an abstract method in an interface or abstract class that code outside Framegate may implement.
 * Additions pass: they are listed, with the command that records them. Elements marked {@code
 * @Experimental} (or in a type or package so marked) are not part of the record.
 *
 * <p>A type's line is {@code TYPE: declaration}, each member's {@code TYPE#signature}. Lines of the
 * record starting with {@code provider } name the types only Framegate implements
 * (the contexts and peers the runtime and the harness hand to plugins): an abstract method added to
 * one of those breaks no plugin.
 */
public final class ApiRecord {

  /** The system property that rewrites the record from the current API instead of checking it. */
  public static final String UPDATE_PROPERTY = "framegate.api.update";

  /** The one command that refreshes every record (docs/api-compatibility.md). */
  public static final String UPDATE_COMMAND = "./mvnw -B -ntp -pl sdk-api,test-harness -am test -Dtest=PublicApiTest"
      + " -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";

  private static final String EXPERIMENTAL = "dev.framegate.api.Experimental";
  private static final String PROVIDER = "provider ";

  private ApiRecord() {}

  /**
   * Checks a module's API against its record, or rewrites the record when {@value #UPDATE_PROPERTY}
   * is {@code true}.
   *
   * @param artifact the artifact's name, for messages
   * @param classes the module's compiled classes
   * @param loader loads them
   * @param publicPackage which packages are public API
   * @param record the committed record
   * @return the additions not in the record yet, one line each (empty when the record is complete)
   * @throws AssertionError naming every incompatible change
   * @throws IOException when a file cannot be read or written
   */
  public static List<String> check(String artifact, Path classes, ClassLoader loader, Predicate<String> publicPackage,
      Path record) throws IOException {
    List<String> current = list(classes, loader, publicPackage);
    List<String> recorded = Files.exists(record) ? Files.readAllLines(record, StandardCharsets.UTF_8) : List.of();
    Set<String> providers = new TreeSet<>();
    Set<String> recordedLines = new LinkedHashSet<>();
    for (String line : recorded) {
      if (line.startsWith(PROVIDER)) {
        providers.add(line.substring(PROVIDER.length()).strip());
      } else if (!line.isBlank() && !line.startsWith("#")) {
        recordedLines.add(line);
      }
    }
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      write(artifact, record, providers, current);
      return List.of();
    }
    Set<String> currentLines = new LinkedHashSet<>(current);
    List<String> incompatible = new ArrayList<>();
    for (String line : recordedLines) {
      if (!currentLines.contains(line)) {
        incompatible.add("removed or changed: " + line);
      }
    }
    List<String> added = new ArrayList<>();
    for (String line : currentLines) {
      if (recordedLines.contains(line)) {
        continue;
      }
      String type = typeOf(line);
      String typeLine = recordedLines.stream().filter(l -> isTypeLine(l) && typeOf(l).equals(type)).findFirst().orElse(null);
      boolean implementable = typeLine != null && (typeLine.contains(" interface ") || typeLine.contains(" abstract class "))
          && !typeLine.contains(" @interface ");
      if (!isTypeLine(line) && line.contains(" abstract ") && implementable && !providers.contains(type)) {
        incompatible.add("abstract method added to " + type + ", which code outside Framegate may implement: " + line);
      } else {
        added.add(line);
      }
    }
    if (!incompatible.isEmpty()) {
      throw new AssertionError(artifact + ": incompatible change" + (incompatible.size() == 1 ? "" : "s")
          + " to the public API recorded in " + record + ":\n  " + String.join("\n  ", incompatible)
          + "\nA released API changes compatibly only: add, never remove or change (docs/api-compatibility.md)."
          + " If this change is meant (a new major version, or an element that should be @Experimental),"
          + " record it with:\n  " + UPDATE_COMMAND);
    }
    return added;
  }

  /** Type lines are {@code TYPE: declaration}, member lines {@code TYPE#member}. */
  private static boolean isTypeLine(String line) {
    return line.charAt(typeNameEnd(line)) == ':';
  }

  private static String typeOf(String line) {
    return line.substring(0, typeNameEnd(line));
  }

  private static int typeNameEnd(String line) {
    int end = 0;
    while (end < line.length() && (Character.isJavaIdentifierPart(line.charAt(end)) || line.charAt(end) == '.')) {
      end++;
    }
    return end;
  }

  private static void write(String artifact, Path record, Set<String> providers, List<String> lines) throws IOException {
    List<String> out = new ArrayList<>();
    out.add("# The public API of " + artifact + ": one line per public or protected type and member, as reflection");
    out.add("# writes it. PublicApiTest fails when an element of this record disappears or changes. Refresh with");
    out.add("#   " + UPDATE_COMMAND);
    out.add("# and review the difference (docs/api-compatibility.md). Lines 'provider TYPE' name the types only");
    out.add("# Framegate implements: adding an abstract method to one is compatible.");
    providers.forEach(provider -> out.add(PROVIDER + provider));
    out.addAll(lines);
    Files.createDirectories(record.toAbsolutePath().getParent());
    Files.write(record, out, StandardCharsets.UTF_8);
  }

  /**
   * The API of the public types compiled into a directory, sorted.
   *
   * @param classes the compiled classes
   * @param loader loads them
   * @param publicPackage which packages are public API
   * @return one line per type and member
   * @throws IOException when the directory cannot be read
   */
  public static List<String> list(Path classes, ClassLoader loader, Predicate<String> publicPackage) throws IOException {
    Set<String> lines = new TreeSet<>();
    List<String> names;
    try (Stream<Path> files = Files.walk(classes)) {
      names = files.filter(f -> f.toString().endsWith(".class"))
          .map(f -> classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "."))
          .map(n -> n.substring(0, n.length() - ".class".length()))
          .filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info"))
          .sorted()
          .toList();
    }
    for (String name : names) {
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("cannot load " + name, e);
      }
      if (!publicPackage.test(type.getPackageName()) || !visibleType(type) || experimental(type)) {
        continue;
      }
      String typeName = type.getName();
      lines.add(typeName + ": " + declaration(type));
      for (Field field : type.getDeclaredFields()) {
        if (visible(field) && !field.isSynthetic() && !marked(field)) {
          lines.add(typeName + "#" + field.toGenericString() + constant(field));
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor) && !constructor.isSynthetic() && !marked(constructor)) {
          lines.add(typeName + "#" + constructor.toGenericString());
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method) && !method.isSynthetic() && !method.isBridge() && !marked(method)) {
          Object defaultValue = method.getDefaultValue();
          lines.add(typeName + "#" + method.toGenericString() + (defaultValue == null ? "" : " default " + text(defaultValue)));
        }
      }
    }
    return List.copyOf(lines);
  }

  private static String declaration(Class<?> type) {
    StringBuilder out = new StringBuilder(type.toGenericString());
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && superclass != Record.class
        && !(type.isEnum() && superclass.getTypeName().startsWith("java.lang.Enum<"))) {
      out.append(" extends ").append(superclass.getTypeName());
    }
    List<String> interfaces = Arrays.stream(type.getGenericInterfaces()).map(Type::getTypeName)
        .filter(name -> !name.equals(Annotation.class.getName())).sorted().toList();
    if (!interfaces.isEmpty()) {
      out.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
    }
    return out.toString();
  }

  private static String constant(Field field) {
    int modifiers = field.getModifiers();
    if (!Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers)
        || !(field.getType().isPrimitive() || field.getType() == String.class)) {
      return "";
    }
    try {
      return " = " + text(field.get(null));
    } catch (IllegalAccessException e) {
      return "";
    }
  }

  private static String text(Object value) {
    if (value instanceof Class<?> c) {
      return c.getName() + ".class";
    }
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    if (value != null && value.getClass().isArray()) {
      return Arrays.deepToString(new Object[] {value});
    }
    return String.valueOf(value);
  }

  private static boolean visibleType(Class<?> type) {
    for (Class<?> current = type; current != null; current = current.getDeclaringClass()) {
      if (!Modifier.isPublic(current.getModifiers()) && !(current != type && Modifier.isProtected(current.getModifiers()))) {
        return false;
      }
    }
    return !type.isAnonymousClass() && !type.isLocalClass() && !type.isSynthetic();
  }

  private static boolean visible(Member member) {
    return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers())
        && !Modifier.isFinal(member.getDeclaringClass().getModifiers());
  }

  private static boolean experimental(Class<?> type) {
    for (Class<?> current = type; current != null; current = current.getDeclaringClass()) {
      if (marked(current)) {
        return true;
      }
    }
    Package pkg = type.getPackage();
    return pkg != null && marked(pkg);
  }

  private static boolean marked(AnnotatedElement element) {
    return Arrays.stream(element.getAnnotations()).anyMatch(a -> a.annotationType().getName().equals(EXPERIMENTAL));
  }

  /**
   * The additions as a notice for the test's output.
   *
   * @param artifact the artifact's name
   * @param added the additions
   * @return the notice, empty without additions
   */
  public static String notice(String artifact, List<String> added) {
    if (added.isEmpty()) {
      return "";
    }
    return artifact + ": " + added.size() + " addition(s) to the public API not in its record yet (compatible);"
        + " record them with\n  " + UPDATE_COMMAND + "\n" + added.stream().map(l -> "  + " + l).collect(Collectors.joining("\n"));
  }
}
