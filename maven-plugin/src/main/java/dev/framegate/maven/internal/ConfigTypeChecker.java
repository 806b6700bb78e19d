package dev.framegate.maven.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a configuration type uses only the component types {@code ConfigBinder} can bind,
 * without binding anything, so that every unsupported field is reported at once, each with its path.
 * The supported types are those documented on {@code dev.framegate.api.config.ConfigBinder}.
 */
public final class ConfigTypeChecker {

  private static final Set<Class<?>> SCALARS = Set.of(
      String.class, boolean.class, Boolean.class, int.class, Integer.class, long.class, Long.class,
      double.class, Double.class, Duration.class);

  private ConfigTypeChecker() {}

  /**
   * Lists the fields of a configuration record whose types cannot be bound.
   *
   * @param configType the configuration type, which must be a record
   * @return one message per unsupported field, naming its path and type; empty when all bind
   */
  public static List<String> unsupportedFields(Class<?> configType) {
    List<String> problems = new ArrayList<>();
    checkRecord(configType, "", problems, new HashSet<>());
    return problems;
  }

  private static void checkRecord(Class<?> record, String path, List<String> problems, Set<Class<?>> visiting) {
    if (!visiting.add(record)) {
      problems.add("field `" + path + "` refers back to " + record.getSimpleName() + ", a cycle that cannot be bound");
      return;
    }
    for (RecordComponent component : record.getRecordComponents()) {
      String fieldPath = path.isEmpty() ? component.getName() : path + "." + component.getName();
      check(component.getGenericType(), fieldPath, problems, visiting);
    }
    visiting.remove(record);
  }

  private static void check(Type type, String path, List<String> problems, Set<Class<?>> visiting) {
    if (type instanceof Class<?> raw) {
      if (SCALARS.contains(raw) || raw.isEnum()) {
        return;
      }
      if (raw.isRecord()) {
        checkRecord(raw, path, problems, visiting);
        return;
      }
      if (raw == List.class || raw == Set.class || raw == Map.class || raw == Optional.class) {
        problems.add("field `" + path + "` has the raw type " + raw.getSimpleName() + ": give its type arguments");
        return;
      }
      problems.add("field `" + path + "` has type " + raw.getTypeName() + ", which configuration binding does not support");
      return;
    }
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (raw == List.class || raw == Set.class || raw == Optional.class) {
        check(arguments[0], path + "[]", problems, visiting);
        return;
      }
      if (raw == Map.class) {
        if (arguments[0] != String.class) {
          problems.add("field `" + path + "` is a map with " + arguments[0].getTypeName() + " keys; map keys must be String");
        }
        check(arguments[1], path + ".*", problems, visiting);
        return;
      }
    }
    problems.add("field `" + path + "` has type " + type.getTypeName() + ", which configuration binding does not support");
  }
}
