package dev.framegate.api.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a configuration tree — the maps, lists, strings, numbers and booleans a YAML or JSON parser
 * produces — to a plugin's configuration record. Binding happens once, when a route is configured;
 * never per frame.
 *
 * <p>Supported component types: {@code String}; {@code boolean}, {@code int}, {@code long}, {@code
 * double} and their boxes; enums (case-insensitive, dashes read as underscores); {@link Duration}
 * ({@code "250ms"}, {@code "5s"}, {@code "2m"}, {@code "1h"}, or a number of milliseconds); {@code
 * List}, {@code Set} and {@code Map<String, V>} of supported types; {@link Optional} of a supported
 * type; and nested records. Numbers given as strings are accepted ({@code "10"}). Unknown keys are an
 * error, so that a typo does not silently fall back to a default.
 *
 * <p>A record's compact constructor can validate further: an {@link IllegalArgumentException} it
 * throws is reported against the record's field path.
 *
 * @since 1.0
 */
public final class ConfigBinder {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

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
    return type.cast(bindRecord(tree == null ? Map.of() : tree, type, ""));
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
      throw new ConfigException(path, "is required (" + typeName(component.getGenericType()) + ")");
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
    if (value instanceof Number n && n.longValue() >= 0) {
      return Duration.ofMillis(n.longValue());
    }
    if (value instanceof String s) {
      Matcher m = DURATION.matcher(s.trim());
      if (m.matches()) {
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
    }
    throw mismatch(path, "a duration such as \"250ms\", \"5s\", \"2m\" or a number of milliseconds", value);
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
}
