package dev.framegate.maven.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.framegate.api.config.ConfigBinder;
import dev.framegate.api.config.ConfigException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin project's development configuration: the configuration {@code framegate:run} gives each
 * plugin on its route, and {@code framegate:validate} binds against each plugin's configuration type
 * so that a missing required field fails the build pointing at where the configuration is written,
 * not at the runtime configuration file {@code framegate:run} generates.
 *
 * <p>Three sources, the later replacing a plugin's whole entry from the earlier: {@code
 * <pluginConfigs>} in the POM (a YAML flow mapping per plugin name), the YAML or JSON file named by
 * {@code -Dframegate.config} (plugin names as top-level keys), and {@code
 * -Dframegate.pluginConfig.NAME=MAPPING} on the command line. Values are read as the runtime reads
 * its configuration file, with the same YAML parser.
 */
public final class DevConfiguration {

  /** The prefix of the command-line properties that configure one plugin. */
  public static final String PROPERTY_PREFIX = "framegate.pluginConfig.";

  /**
   * One plugin's configuration and where it is written.
   *
   * @param tree the configuration tree
   * @param origin where it comes from, for messages
   */
  public record Entry(Map<String, Object> tree, String origin) {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String pom;
  private final Map<String, Entry> entries;

  private DevConfiguration(String pom, Map<String, Entry> entries) {
    this.pom = pom;
    this.entries = entries;
  }

  /**
   * Reads the three sources.
   *
   * @param pom the project's POM, named in messages
   * @param pomConfigs {@code <pluginConfigs>}: plugin name to YAML flow mapping; may be {@code null}
   * @param file the {@code -Dframegate.config} file, or {@code null}
   * @param properties the session's user properties; those starting with {@value #PROPERTY_PREFIX} count
   * @return the configuration
   * @throws IllegalArgumentException naming the source and the entry that cannot be read
   */
  public static DevConfiguration read(File pom, Map<String, String> pomConfigs, File file, Map<?, ?> properties) {
    String pomLabel = pom == null ? "pom.xml" : pom.getPath();
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (pomConfigs != null) {
      pomConfigs.forEach((name, text) -> {
        String origin = pomLabel + ": framegate-maven-plugin <pluginConfigs><" + name + ">";
        entries.put(name, new Entry(mapping(text, origin), origin));
      });
    }
    if (file != null) {
      fromFile(file).forEach(entries::put);
    }
    if (properties != null) {
      properties.forEach((key, value) -> {
        String property = String.valueOf(key);
        if (property.startsWith(PROPERTY_PREFIX) && property.length() > PROPERTY_PREFIX.length()) {
          String name = property.substring(PROPERTY_PREFIX.length());
          String origin = "-D" + property;
          entries.put(name, new Entry(mapping(String.valueOf(value), origin), origin));
        }
      });
    }
    return new DevConfiguration(pomLabel, entries);
  }

  private static Map<String, Entry> fromFile(File file) {
    String origin = file.getPath() + " (-Dframegate.config)";
    String text;
    try {
      text = Files.readString(file.toPath());
    } catch (IOException e) {
      throw new IllegalArgumentException(origin + ": cannot be read: " + e.getMessage(), e);
    }
    ObjectMapper mapper = file.getName().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(origin + ": " + e.getOriginalMessage(), e);
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return entries;
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(origin + ": expected plugin names as keys, each with its configuration,"
          + " for example\n  prefix: {prefix: \"[dev] \"}");
    }
    root.fields().forEachRemaining(field -> {
      String where = file.getPath() + ": " + field.getKey() + " (-Dframegate.config)";
      entries.put(field.getKey(), new Entry(tree(field.getValue(), where), where));
    });
    return entries;
  }

  private static Map<String, Object> mapping(String text, String origin) {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    try {
      return tree(YAML.readTree(text), origin);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(origin + ": " + e.getOriginalMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(JsonNode node, String origin) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(origin + ": expected a mapping of configuration keys such as {limit: 10},"
          + " got " + node);
    }
    return YAML.convertValue(node, LinkedHashMap.class);
  }

  /**
   * A plugin's entry.
   *
   * @param pluginName the plugin name
   * @return its configuration and origin, or empty when no source configures it
   */
  public Optional<Entry> entry(String pluginName) {
    return Optional.ofNullable(entries.get(pluginName));
  }

  /**
   * A plugin's configuration as the runtime configuration file's flow mapping.
   *
   * @param pluginName the plugin name
   * @return JSON (which YAML reads as a flow mapping), or empty when no source configures it
   */
  public Optional<String> flowMapping(String pluginName) {
    Entry entry = entries.get(pluginName);
    if (entry == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.writeValueAsString(entry.tree()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the configuration of " + pluginName, e);
    }
  }

  /**
   * Checks that every configured name is a plugin of the project.
   *
   * @param names the project's plugin names
   * @return one problem per configured name that is not among them
   */
  public List<Problem> unknownPlugins(List<String> names) {
    List<Problem> problems = new ArrayList<>();
    entries.forEach((name, entry) -> {
      if (!names.contains(name)) {
        problems.add(new Problem(entry.origin(), "configures the plugin \"" + name + "\", which is not in this project",
            "use one of the project's plugin names " + names));
      }
    });
    return problems;
  }

  /**
   * Binds every plugin's configuration (or, without one, its defaults) to its configuration type, as
   * the runtime will when {@code framegate:run} starts it, and checks that every configured name is
   * a plugin of the project.
   *
   * @param plugins the project's plugins, checked by the inspection
   * @return one problem per plugin whose configuration does not bind and per unknown name
   */
  public List<Problem> check(List<FoundPlugin> plugins) {
    List<Problem> problems = unknownPlugins(plugins.stream().map(FoundPlugin::name).toList());
    for (FoundPlugin plugin : plugins) {
      Entry entry = entries.get(plugin.name());
      try {
        ConfigBinder.bind(entry == null ? Map.of() : entry.tree(), plugin.declaration().configType());
      } catch (ConfigException e) {
        String where = entry != null ? entry.origin()
            : pom + ": framegate-maven-plugin has no <pluginConfigs><" + plugin.name() + ">";
        problems.add(new Problem(plugin.className(), "its development configuration (" + where + ") does not bind: "
                + e.getMessage(),
            "in " + pom + ", give framegate-maven-plugin a <configuration><pluginConfigs><" + plugin.name() + ">{...}</"
                + plugin.name() + "></pluginConfigs></configuration> that sets it, or a file with -Dframegate.config=FILE;"
                + " framegate:run starts the runtime with this configuration"));
      }
    }
    return problems;
  }
}
