package dev.framegate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The runtime's main code builds on the public API of its libraries only: no reflective access to
 * private members, and no class named by a string (which would fail silently when a library's
 * internals change). Plugin classes are the one exception: the plugin loader loads them by the names
 * their JARs declare.
 */
class NoReflectionTest {

  private static final List<Path> MAIN_SOURCES = List.of(
      Path.of("src/main/java"), Path.of("../engine/src/main/java"));

  private static final Pattern FORBIDDEN_CALL = Pattern.compile(
      "\\b(setAccessible|getDeclaredFields?|getDeclaredMethods?|getDeclaredConstructors|privateLookupIn|trySetAccessible)\\s*\\(");
  private static final Pattern CLASS_BY_NAME = Pattern.compile("\\b(Class\\.forName|loadClass)\\s*\\(");
  /** A string naming a Tyrus or Grizzly class or member (a package prefix alone is no such name). */
  private static final Pattern LIBRARY_NAME_STRING = Pattern.compile("\"[^\"\\n]*org\\.glassfish\\.[^\"\\n]*[A-Z][^\"\\n]*\"");
  private static final Pattern UNSAFE = Pattern.compile("\\bsun\\.misc\\.Unsafe\\b|\\bjdk\\.internal\\.");

  /** Where the plugin loader loads plugin classes by the names their JARs declare. */
  private static final Path PLUGIN_LOADING = Path.of("dev/framegate/runtime/internal/plugins");

  @Test
  @DisplayName("no reflection on library internals and no library class named by a string in sdk-runtime's main code")
  void mainCodeUsesPublicApiOnly() throws IOException {
    List<String> findings = new ArrayList<>();
    for (Path root : MAIN_SOURCES) {
      assertThat(root).as("main sources at %s", root.toAbsolutePath()).isDirectory();
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(file -> scan(root, file, findings));
      }
    }
    assertThat(findings).as("reflection or class-name strings in main code").isEmpty();
  }

  @Test
  @DisplayName("the scan finds what it bans")
  void theScanWorks() {
    List<String> findings = new ArrayList<>();
    String code = "class X { Object f = Class.forName(\"org.glassfish.tyrus.Foo\").getDeclaredField(\"x\");"
        + " void m(java.lang.reflect.Field f) { f.setAccessible(true); } }";
    scanText(Path.of("X.java"), Path.of("X.java"), code, findings);
    assertThat(findings).hasSize(4);
    scanText(Path.of("A.java"), Path.of("A.java"), "/* f.setAccessible(true) \"org.glassfish\" */ // getDeclaredField(\n", findings);
    assertThat(findings).as("comments are not code").hasSize(4);
  }

  private static void scan(Path root, Path file, List<String> findings) {
    try {
      scanText(root.relativize(file), file, Files.readString(file), findings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void scanText(Path relative, Path file, String source, List<String> findings) {
    String code = stripComments(source);
    report(FORBIDDEN_CALL, code, file, findings);
    report(LIBRARY_NAME_STRING, code, file, findings);
    report(UNSAFE, code.replaceAll("\"[^\"\\n]*\"", "\"\""), file, findings);
    if (!relative.startsWith(PLUGIN_LOADING)) {
      report(CLASS_BY_NAME, code, file, findings);
    }
  }

  private static void report(Pattern pattern, String code, Path file, List<String> findings) {
    Matcher matcher = pattern.matcher(code);
    while (matcher.find()) {
      findings.add(file + ": " + matcher.group());
    }
  }

  /** Removes comments, keeping string literals (a "//" inside a string is not a comment). */
  static String stripComments(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '"') {
        int end = i + 1;
        while (end < source.length() && source.charAt(end) != '"') {
          end += source.charAt(end) == '\\' ? 2 : 1;
        }
        out.append(source, i, Math.min(source.length(), end + 1));
        i = end + 1;
      } else if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? source.length() : end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
      } else if (c == '\'') {
        int end = source.indexOf('\'', i + (source.charAt(i + 1) == '\\' ? 3 : 2));
        out.append(source, i, end + 1);
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
