package dev.framegate.api.config;

import dev.framegate.api.internal.Durations;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds a configuration tree — the maps, lists, strings, numbers and booleans a YAML or JSON parser
 * produces — to a plugin's configuration record. Binding happens once, when a route is configured;
 * never per frame.
 *
 * <p>Supported component types: {@code String}; {@code boolean}, {@code int}, {@code long}, {@code
 * double} and their boxes; enums (case-insensitive, dashes read as underscores); {@link Duration}
 * ({@code "250ms"}, {@code "5s"}, {@code "2m"}, {@code "1h"}, {@code "1d"}, or a number of
 * milliseconds: the same grammar as the runtime's configuration files and command line); {@code
 * List}, {@code Set} and {@code Map<String, V>} of supported types; {@link Optional} of a supported
 * type; and nested records. Numbers given as strings are accepted ({@code "10"}). Unknown keys are an
 * error, so that a typo does not silently fall back to a default.
 *
 * <p>A type with a component of any other type is refused as a whole, whether or not the
 * configuration sets that component: {@link #unsupportedFields(Class)} lists such components, and
 * {@link #checkDefaults(Class)} checks that a type's defaults bind. The runtime, the test harness
 * and {@code framegate-maven-plugin} all check plugins' configuration types with these methods.
 *
 * <p>A record's compact constructor can validate further: an {@link IllegalArgumentException} it
 * throws is reported against the record's field path.
 *
 * @since 1.0
 */
public final class ConfigBinder {

  private static final Set<Class<?>> SCALARS = Set.of(
      String.class, boolean.class, Boolean.class, int.class, Integer.class, long.class, Long.class,
      double.class, Double.class, Duration.class);

  /** The supported component types in words, for error messages. */
  private static final String SUPPORTED =
      "String, boolean, int, long, double, an enum, Duration, List, Set, Map<String, V>, Optional or a nested record";

  private static final ClassValue<List<String>> UNSUPPORTED = new ClassValue<>() {
    @Override
    protected List<String> computeValue(Class<?> type) {
      List<String> problems = new ArrayList<>();
      if (!type.isRecord()) {
        problems.add(type.getName() + " is not a record: configuration types must be records");
      } else {
        checkRecord(type, "", problems, new HashSet<>());
      }
      return List.copyOf(problems);
    }
  };

  private ConfigBinder() {}

  /**
   * Binds a tree to a configuration type.
   *
   * @param tree the configuration, a map from keys to values; {@code null} is read as empty
   * @param type the configuration record type
   * @param <T> the configuration type
   * @return the bound configuration
   * @throws ConfigException naming the field and the expected type when a value does not bind
   * @since 1.0
   */
  public static <T> T bind(Map<String, ?> tree, Class<T> type) {
    List<String> unsupported = UNSUPPORTED.get(type);
    if (!unsupported.isEmpty()) {
      throw new ConfigException("", type.getSimpleName() + " cannot be bound: " + String.join("; ", unsupported));
    }
    return type.cast(bindRecord(tree == null ? Map.of() : tree, type, ""));
  }

  /**
   * Lists the components of a configuration type that binding does not support, without binding
   * anything, so that every one is reported at once with its field path.
   *
   * @param type the configuration type
   * @return one message per unsupported component, such as {@code field `limits[].ratio` has type
   *     float, which configuration binding does not support}; a single message when the type is not
   *     a record; empty when the type binds
   * @since 1.1
   */
  public static List<String> unsupportedFields(Class<?> type) {
    return UNSUPPORTED.get(type);
  }

  /**
   * Binds a configuration type's defaults: every {@link DefaultValue} is converted and the record's
   * constructor runs on them, as it will for a configuration that sets nothing. A component that is
   * required and has no default is not an error here: the configuration must give it.
   *
   * @param type the configuration type
   * @throws ConfigException naming the field whose default does not bind, or the record whose
   *     constructor rejects the defaults
   * @since 1.1
   */
  public static void checkDefaults(Class<?> type) {
    List<String> unsupported = UNSUPPORTED.get(type);
    if (!unsupported.isEmpty()) {
      throw new ConfigException("", type.getSimpleName() + " cannot be bound: " + String.join("; ", unsupported));
    }
    checkDefaultValues(type, "", new HashSet<>());
    try {
      bind(Map.of(), type);
    } catch (MissingRequiredField expected) {
      // the configuration must set it, so the constructor cannot run on defaults alone
    }
  }

  /** Converts every {@link DefaultValue} of a record and of the records it contains. */
  private static void checkDefaultValues(Class<?> record, String path, Set<Class<?>> visiting) {
    if (!visiting.add(record)) {
      return;
    }
    for (RecordComponent component : record.getRecordComponents()) {
      String fieldPath = path.isEmpty() ? keyOf(component) : path + "." + keyOf(component);
      DefaultValue defaultValue = component.getAnnotation(DefaultValue.class);
      if (defaultValue != null) {
        convert(defaultValue.value(), component.getGenericType(), fieldPath);
      }
      Class<?> raw = component.getType();
      if (raw.isRecord()) {
        checkDefaultValues(raw, fieldPath, visiting);
      }
    }
    visiting.remove(record);
  }

  private static void checkRecord(Class<?> record, String path, List<String> problems, Set<Class<?>> visiting) {
    if (!visiting.add(record)) {
      problems.add("field `" + path + "` refers back to " + record.getSimpleName() + ", a cycle that cannot be bound");
      return;
    }
    for (RecordComponent component : record.getRecordComponents()) {
      String fieldPath = path.isEmpty() ? keyOf(component) : path + "." + keyOf(component);
      checkType(component.getGenericType(), fieldPath, problems, visiting);
    }
    visiting.remove(record);
  }

  private static void checkType(Type type, String path, List<String> problems, Set<Class<?>> visiting) {
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
    } else if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (raw == List.class || raw == Set.class || raw == Optional.class) {
        checkType(arguments[0], path + "[]", problems, visiting);
        return;
      }
      if (raw == Map.class) {
        if (arguments[0] != String.class) {
          problems.add("field `" + path + "` is a map with " + arguments[0].getTypeName() + " keys; map keys must be String");
        }
        checkType(arguments[1], path + ".*", problems, visiting);
        return;
      }
    }
    problems.add("field `" + path + "` has type " + type.getTypeName()
        + ", which configuration binding does not support (use " + SUPPORTED + ")");
  }

  private static Object bindRecord(Object value, Class<?> type, String path) {
    if (!type.isRecord()) {
      throw new ConfigException(path, type.getName() + " is not a record: configuration types must be records");
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new ConfigException(path, "expected an object with the fields of " + type.getSimpleName() + ", got " + describe(value));
    }
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Set<String> known = new LinkedHashSet<>();
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      String key = keyOf(component);
      known.add(key);
      String fieldPath = path.isEmpty() ? key : path + "." + key;
      if (map.containsKey(key) && map.get(key) != null) {
        args[i] = convert(map.get(key), component.getGenericType(), fieldPath);
      } else {
        args[i] = absent(component, fieldPath);
      }
    }
    for (Object key : map.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        String fieldPath = path.isEmpty() ? String.valueOf(key) : path + "." + key;
        throw new ConfigException(fieldPath, "unknown field; " + type.getSimpleName() + " has " + (known.isEmpty() ? "no fields" : "the fields " + known));
      }
    }
    try {
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
      }
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new ConfigException(path, type.getSimpleName() + " rejected the values: " + cause.getMessage());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ConfigException(path, "cannot construct " + type.getName() + ": " + e);
    }
  }

  private static String keyOf(RecordComponent component) {
    ConfigName name = component.getAnnotation(ConfigName.class);
    return name != null ? name.value() : component.getName();
  }

  private static Object absent(RecordComponent component, String path) {
    DefaultValue defaultValue = component.getAnnotation(DefaultValue.class);
    if (defaultValue != null) {
      return convert(defaultValue.value(), component.getGenericType(), path);
    }
    Class<?> raw = component.getType();
    if (component.isAnnotationPresent(Required.class) || raw.isPrimitive()) {
      throw new MissingRequiredField(path, "is required (" + typeName(component.getGenericType()) + ")");
    }
    if (raw == Optional.class) {
      return Optional.empty();
    }
    if (raw == List.class) {
      return List.of();
    }
    if (raw == Set.class) {
      return Set.of();
    }
    if (raw == Map.class) {
      return Map.of();
    }
    return null;
  }

  private static Object convert(Object value, Type type, String path) {
    Class<?> raw = rawType(type);
    if (raw == String.class) {
      if (value instanceof Map || value instanceof Collection) {
        throw mismatch(path, "a string", value);
      }
      return String.valueOf(value);
    }
    if (raw == boolean.class || raw == Boolean.class) {
      if (value instanceof Boolean b) {
        return b;
      }
      if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
        return Boolean.parseBoolean(s);
      }
      throw mismatch(path, "a boolean (true or false)", value);
    }
    if (raw == int.class || raw == Integer.class) {
      long n = integer(value, path, "an integer");
      if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
        throw mismatch(path, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE, value);
      }
      return (int) n;
    }
    if (raw == long.class || raw == Long.class) {
      return integer(value, path, "an integer");
    }
    if (raw == double.class || raw == Double.class) {
      if (value instanceof Number n) {
        return n.doubleValue();
      }
      if (value instanceof String s) {
        try {
          return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      throw mismatch(path, "a number", value);
    }
    if (raw.isEnum()) {
      String text = String.valueOf(value).trim().replace('-', '_').toUpperCase(Locale.ROOT);
      for (Object constant : raw.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(text)) {
          return constant;
        }
      }
      List<String> names = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
      throw mismatch(path, "one of " + names, value);
    }
    if (raw == Duration.class) {
      return duration(value, path);
    }
    if (raw == Optional.class) {
      return Optional.of(convert(value, typeArgument(type, 0, path), path));
    }
    if (raw == List.class || raw == Set.class) {
      if (!(value instanceof Collection<?> items)) {
        throw mismatch(path, "a list", value);
      }
      Type element = typeArgument(type, 0, path);
      Collection<Object> out = raw == List.class ? new ArrayList<>() : new LinkedHashSet<>();
      int index = 0;
      for (Object item : items) {
        out.add(convert(item, element, path + "[" + index++ + "]"));
      }
      return raw == List.class ? List.copyOf(out) : Set.copyOf(out);
    }
    if (raw == Map.class) {
      if (!(value instanceof Map<?, ?> entries)) {
        throw mismatch(path, "an object", value);
      }
      if (typeArgument(type, 0, path) != String.class) {
        throw new ConfigException(path, "maps in configuration types must have String keys");
      }
      Type valueType = typeArgument(type, 1, path);
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : entries.entrySet()) {
        String key = String.valueOf(e.getKey());
        out.put(key, convert(e.getValue(), valueType, path + "." + key));
      }
      return java.util.Collections.unmodifiableMap(out);
    }
    if (raw.isRecord()) {
      return bindRecord(value, raw, path);
    }
    throw new ConfigException(path, "type " + type.getTypeName() + " is not supported in configuration records");
  }

  private static long integer(Object value, String path, String expected) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw mismatch(path, expected, value);
  }

  private static Duration duration(Object value, String path) {
    return Durations.of(value).orElseThrow(() -> mismatch(path, Durations.EXPECTED, value));
  }

  private static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalArgumentException("unsupported type " + type);
  }

  private static Type typeArgument(Type type, int index, String path) {
    if (type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[index];
    }
    throw new ConfigException(path, "raw type " + type.getTypeName() + ": give its type arguments");
  }

  private static ConfigException mismatch(String path, String expected, Object value) {
    return new ConfigException(path, "expected " + expected + ", got " + describe(value));
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof Collection) {
      return "a list";
    }
    return String.valueOf(value);
  }

  private static String typeName(Type type) {
    return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
  }

  /** A required component without a default is absent: {@link #checkDefaults} tolerates it. */
  private static final class MissingRequiredField extends ConfigException {
    private static final long serialVersionUID = 1L;

    MissingRequiredField(String field, String message) {
      super(field, message);
    }
  }
}
