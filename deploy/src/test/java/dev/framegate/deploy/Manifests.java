package dev.framegate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Kubernetes manifests of deploy/kubernetes, read as the cluster would read them. */
final class Manifests {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Manifests() {}

  static Path directory() {
    return Path.of(System.getProperty("framegate.deploy.directory", ".")).resolve("kubernetes");
  }

  static JsonNode read(String file) throws IOException {
    return YAML.readTree(Files.readString(directory().resolve(file)));
  }

  /** The gateway.yaml of the ConfigMap. */
  static String gatewayYaml() throws IOException {
    return read("configmap.yaml").path("data").path("gateway.yaml").asText();
  }

  /** The framegate container of the Deployment. */
  static JsonNode container() throws IOException {
    for (JsonNode container : read("deployment.yaml").path("spec").path("template").path("spec").path("containers")) {
      if (container.path("name").asText().equals("framegate")) {
        return container;
      }
    }
    throw new IllegalStateException("deployment.yaml has no framegate container");
  }

  /** An exec command of the container (a probe or the preStop hook). */
  static List<String> command(JsonNode exec) {
    List<String> command = new ArrayList<>();
    exec.path("exec").path("command").forEach(part -> command.add(part.asText()));
    if (command.isEmpty()) {
      throw new IllegalStateException("not an exec handler: " + exec);
    }
    return command;
  }

  /**
   * The ConfigMap's configuration made runnable on this machine, and nothing else changed: every
   * upstream becomes the runtime's built-in echo, ports are picked free, the plugin directory is the
   * image layout's.
   */
  static String runnable(String gatewayYaml, Path layout) throws IOException {
    ObjectNode config = (ObjectNode) YAML.readTree(gatewayYaml);
    for (JsonNode listener : config.path("listeners")) {
      ((ObjectNode) listener).put("host", "127.0.0.1").put("port", 0);
    }
    ((ObjectNode) config.path("admin")).put("port", 0);
    ((ObjectNode) config.path("plugins")).put("directory", layout.resolve("plugins").toString());
    for (JsonNode route : (ArrayNode) config.path("routes")) {
      ((ObjectNode) route).put("upstream", "builtin:echo");
    }
    return YAML.writeValueAsString(config);
  }

  /** The configuration's {@code shutdown.drain-delay}, zero when absent. */
  static java.time.Duration drainDelay(String gatewayYaml) throws IOException {
    String value = YAML.readTree(gatewayYaml).path("shutdown").path("drain-delay").asText("0s");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)?").matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalStateException("shutdown.drain-delay: cannot read " + value);
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    return switch (unit) {
      case "s" -> java.time.Duration.ofSeconds(amount);
      case "m" -> java.time.Duration.ofMinutes(amount);
      default -> java.time.Duration.ofMillis(amount);
    };
  }
}
