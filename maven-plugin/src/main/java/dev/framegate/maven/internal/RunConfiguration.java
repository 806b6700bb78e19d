package dev.framegate.maven.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runtime configuration ({@code gateway.yaml}, see docs/runtime-config.md) that the {@code run}
 * goal starts the runtime with: one listener, one route through every plugin of the project to the
 * chosen upstream.
 *
 * @param host the listener address
 * @param port the listener port
 * @param path the route's path
 * @param upstream the upstream URL, or {@code builtin:echo}
 * @param pluginDirectory the directory holding the plugin JAR
 * @param pluginNames the plugins to put on the route
 * @param pluginConfigs per plugin name, its configuration as a YAML flow mapping such as {@code {"limit": 10}}
 * @param adminPort the admin endpoint's port, or {@code null} for none
 * @param echoPort the built-in echo upstream's port, or {@code null} for a free one
 */
public record RunConfiguration(String host, int port, String path, String upstream, String pluginDirectory,
    List<String> pluginNames, Map<String, String> pluginConfigs, Integer adminPort, Integer echoPort) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public RunConfiguration {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("framegate.port must be between 0 and 65535, got " + port);
    }
    if (echoPort != null && (echoPort < 0 || echoPort > 65535)) {
      throw new IllegalArgumentException("framegate.echoPort must be between 0 and 65535, got " + echoPort);
    }
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("framegate.path must start with /, got " + path);
    }
    if (upstream == null || !(upstream.equals("builtin:echo") || upstream.startsWith("ws://") || upstream.startsWith("wss://"))) {
      throw new IllegalArgumentException("framegate.upstream must be a ws:// or wss:// URL, or builtin:echo; got " + upstream);
    }
    pluginNames = List.copyOf(pluginNames);
    pluginConfigs = pluginConfigs == null ? Map.of() : Map.copyOf(pluginConfigs);
    for (String name : pluginConfigs.keySet()) {
      if (!pluginNames.contains(name)) {
        throw new IllegalArgumentException("pluginConfigs names the plugin \"" + name + "\", which is not in this project; its plugins are " + pluginNames);
      }
    }
  }

  /**
   * The configuration file's text.
   *
   * @return YAML
   */
  public String yaml() {
    List<String> lines = new ArrayList<>();
    lines.add("# Written by framegate:run; see docs/runtime-config.md");
    lines.add("listeners:");
    lines.add("  - host: " + quote(host));
    lines.add("    port: " + port);
    lines.add("plugins:");
    lines.add("  directory: " + quote(pluginDirectory));
    lines.add("  fail-fast: true");
    if (adminPort != null) {
      lines.add("admin:");
      lines.add("  host: 127.0.0.1");
      lines.add("  port: " + adminPort);
    }
    if (echoPort != null && upstream.equals("builtin:echo")) {
      lines.add("builtin-echo:");
      lines.add("  port: " + echoPort);
    }
    lines.add("routes:");
    lines.add("  - name: dev");
    lines.add("    path: " + quote(path));
    lines.add("    upstream: " + quote(upstream));
    lines.add("    plugins:");
    for (String name : pluginNames) {
      lines.add("      - name: " + quote(name));
      String config = pluginConfigs.get(name);
      if (config != null && !config.isBlank()) {
        lines.add("        config: " + config.strip());
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
