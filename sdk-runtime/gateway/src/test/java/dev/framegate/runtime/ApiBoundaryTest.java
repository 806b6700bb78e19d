package dev.framegate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The runtime's public packages ({@code dev.framegate.runtime}, {@code .config}, {@code .cli}) never
 * show an internal type: no public or protected member of a public type takes, returns, throws or
 * extends a type of a {@code ...internal} package. The runtime JAR's manifest names the module
 * {@code dev.framegate.runtime}; internal packages may change in any release.
 */
class ApiBoundaryTest {

  @Test
  @DisplayName("no internal type in a public signature of the runtime's public packages")
  void noInternalTypeInAPublicSignature() throws Exception {
    Path classes = Path.of(Gateway.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> leaks = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
        name = name.substring(0, name.length() - ".class".length());
        if (name.contains(".internal.") || name.endsWith("module-info") || name.endsWith("package-info")) {
          continue;
        }
        Class<?> type = Class.forName(name, false, getClass().getClassLoader());
        if (!isApi(type)) {
          continue;
        }
        checked.add(name);
        check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
        for (Type implemented : type.getGenericInterfaces()) {
          check(type.getName() + " implements", implemented, leaks);
        }
        for (Field field : type.getDeclaredFields()) {
          if (visible(field)) {
            check(field.toGenericString(), field.getGenericType(), leaks);
          }
        }
        for (Method method : type.getDeclaredMethods()) {
          if (visible(method) && !method.isSynthetic()) {
            checkExecutable(method, leaks);
            check(method.toGenericString(), method.getGenericReturnType(), leaks);
          }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
          if (visible(constructor)) {
            checkExecutable(constructor, leaks);
          }
        }
      }
    }
    assertThat(checked).as("the public types checked").contains(Gateway.class.getName(), RouteTable.class.getName(),
        "dev.framegate.runtime.config.GatewayConfig", "dev.framegate.runtime.cli.Main");
    assertThat(leaks).as("public signatures showing internal types").isEmpty();
  }

  private static boolean isApi(Class<?> type) {
    for (Class<?> current = type; current != null; current = current.getDeclaringClass()) {
      if (!Modifier.isPublic(current.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(Member member) {
    return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
  }

  private static void checkExecutable(Executable executable, List<String> leaks) {
    for (Type parameter : executable.getGenericParameterTypes()) {
      check(executable.toGenericString(), parameter, leaks);
    }
    for (Type thrown : executable.getGenericExceptionTypes()) {
      check(executable.toGenericString(), thrown, leaks);
    }
  }

  private static void check(String where, Type type, List<String> leaks) {
    if (type == null) {
      return;
    }
    if (type instanceof Class<?> raw) {
      Class<?> element = raw;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      if (element.getPackageName().contains(".internal")) {
        leaks.add(where + " shows " + element.getName());
      }
    } else if (type instanceof ParameterizedType parameterized) {
      check(where, parameterized.getRawType(), leaks);
      for (Type argument : parameterized.getActualTypeArguments()) {
        check(where, argument, leaks);
      }
    } else if (type instanceof GenericArrayType array) {
      check(where, array.getGenericComponentType(), leaks);
    } else if (type instanceof WildcardType wildcard) {
      for (Type bound : wildcard.getUpperBounds()) {
        check(where, bound, leaks);
      }
      for (Type bound : wildcard.getLowerBounds()) {
        check(where, bound, leaks);
      }
    } else if (type instanceof TypeVariable<?> variable) {
      for (Type bound : variable.getBounds()) {
        if (bound != Object.class) {
          check(where, bound, leaks);
        }
      }
    }
  }
}
