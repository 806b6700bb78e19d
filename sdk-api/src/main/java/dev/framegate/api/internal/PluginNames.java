package dev.framegate.api.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one plugin-name rule: lower-case letters, digits and dashes, starting with a letter, at most
 * 64 characters ({@code rate-limit}). Names appear in configuration files and order plugins of equal
 * priority.
 */
public final class PluginNames {

  /** The rule in words, for error messages. */
  public static final String RULE =
      "lower-case letters, digits and dashes, starting with a letter, at most 64 characters";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  private PluginNames() {}

  /**
   * Whether a text is a well-formed plugin name.
   *
   * @param name the candidate, may be {@code null}
   * @return {@code true} when it follows the rule
   */
  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * A plugin name made from a class name: {@code RateLimitPlugin} gives {@code rate-limit}.
   *
   * @param simpleClassName the class's simple name
   * @return a well-formed name; {@code my-plugin} when nothing usable is left
   */
  public static String suggest(String simpleClassName) {
    String simple = simpleClassName;
    if (simple.endsWith("Plugin") && simple.length() > "Plugin".length()) {
      simple = simple.substring(0, simple.length() - "Plugin".length());
    }
    String kebab = simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
    if (kebab.length() > 64) {
      kebab = kebab.substring(0, 64);
    }
    return isValid(kebab) ? kebab : "my-plugin";
  }

  /**
   * The Java class name a plugin name suggests: {@code rate-limit} gives {@code RateLimitPlugin}.
   *
   * @param pluginName a well-formed plugin name
   * @return the simple class name
   */
  public static String className(String pluginName) {
    StringBuilder out = new StringBuilder();
    for (String part : pluginName.split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    if (out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0))) {
      out.insert(0, 'P');
    }
    return out + "Plugin";
  }
}
