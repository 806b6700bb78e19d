package dev.framegate.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.internal.Durations;
import dev.framegate.engine.EngineSettings;
import dev.framegate.runtime.config.GatewayConfig.Admin;
import dev.framegate.runtime.config.GatewayConfig.BuiltinEcho;
import dev.framegate.runtime.config.GatewayConfig.Listener;
import dev.framegate.runtime.config.GatewayConfig.PluginEntry;
import dev.framegate.runtime.config.GatewayConfig.RecordingConfig;
import dev.framegate.runtime.config.GatewayConfig.Plugins;
import dev.framegate.runtime.config.GatewayConfig.RouteConfig;
import dev.framegate.runtime.config.GatewayConfig.Tls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates gateway configuration files: YAML, or JSON when the file name ends in {@code
 * .json}. Unknown keys are rejected, every error names the file and the field path, and all errors
 * of a file are reported together.
 */
public final class ConfigFiles {

  /** The upstream that the runtime serves itself: an echo server on loopback. */
  public static final URI BUILTIN_ECHO = URI.create("builtin:echo");

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|KB|MB)?");
  /** Sizes that may reach gigabytes (recording caps). */
  private static final Pattern LARGE_SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB)?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private ConfigFiles() {}

  /**
   * Reads and validates a configuration file.
   *
   * @param file the file
   * @return the configuration
   * @throws InvalidConfigException listing every error, each naming the file and the field path
   */
  public static GatewayConfig read(Path file) throws InvalidConfigException {
    String label = file.getFileName().toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidConfigException(List.of(label + ": cannot be read: " + e));
    }
    return parse(file, text);
  }

  /**
   * Validates a configuration given as text.
   *
   * @param file the file name to report and to resolve relative paths against
   * @param text the YAML or JSON text
   * @return the configuration
   * @throws InvalidConfigException listing every error, each naming the file and the field path
   */
  public static GatewayConfig parse(Path file, String text) throws InvalidConfigException {
    return parse(file, text, System::getenv);
  }

  /**
   * Validates a configuration given as text, reading environment variables from a given source.
   *
   * @param file the file name to report and to resolve relative paths against
   * @param text the YAML or JSON text
   * @param environment the value of an environment variable by name, {@code null} when unset
   * @return the configuration
   * @throws InvalidConfigException listing every error, each naming the file and the field path
   */
  public static GatewayConfig parse(Path file, String text, java.util.function.Function<String, String> environment)
      throws InvalidConfigException {
    String label = file.getFileName().toString();
    boolean json = label.toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
      throw new InvalidConfigException(List.of(label + ": " + where + withoutSnippet(e.getOriginalMessage())));
    }
    Reader reader = new Reader(label, file.toAbsolutePath().getParent(), mapper, environment);
    GatewayConfig config = reader.root(root == null || root.isMissingNode() ? mapper.createObjectNode() : root, file);
    if (!reader.errors.isEmpty()) {
      throw new InvalidConfigException(reader.errors);
    }
    return config;
  }

  private static String withoutSnippet(String parserMessage) {
    // the YAML parser repeats the position and quotes the source: the line and column say enough
    List<String> lines = new ArrayList<>();
    for (String line : parserMessage.split("\\R")) {
      if (!line.isBlank() && !line.startsWith(" in ") && !line.startsWith("    ")) {
        lines.add(line.trim());
      }
    }
    return String.join("; ", lines);
  }

  /** Walks the tree, collecting errors; returns partial values that are discarded on error. */
  private static final class Reader {
    private final String label;
    private final Path baseDirectory;
    private final ObjectMapper mapper;
    private final java.util.function.Function<String, String> environment;
    private final List<String> errors = new ArrayList<>();

    Reader(String label, Path baseDirectory, ObjectMapper mapper, java.util.function.Function<String, String> environment) {
      this.label = label;
      this.baseDirectory = baseDirectory;
      this.mapper = mapper;
      this.environment = environment;
    }

    void error(String path, String message) {
      errors.add(label + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    GatewayConfig root(JsonNode root, Path file) {
      if (!object(root, "", "listeners", "routes", "defaults", "plugins", "admin", "shutdown", "builtin-echo")) {
        return null;
      }
      SettingsBuilder defaults = new SettingsBuilder(EngineSettingsValues.of(EngineSettings.DEFAULTS));
      JsonNode defaultsNode = root.get("defaults");
      if (defaultsNode != null && object(defaultsNode, "defaults", "limits", "timeouts")) {
        defaults.read(this, defaultsNode, "defaults");
      }
      List<Listener> listeners = listeners(root.get("listeners"));
      List<RouteConfig> routes = routes(root.get("routes"), defaults.values);
      Plugins plugins = plugins(root.get("plugins"));
      Optional<Admin> admin = admin(root.get("admin"));
      GatewayConfig.Shutdown shutdown = shutdown(root.get("shutdown"));
      return new GatewayConfig(file, listeners, routes, plugins, admin, shutdown, builtinEcho(root.get("builtin-echo")));
    }

    private List<Listener> listeners(JsonNode node) {
      List<Listener> listeners = new ArrayList<>();
      if (node == null) {
        error("listeners", "is required: give at least one listener, for example [{port: 8080}]");
        return listeners;
      }
      if (!list(node, "listeners")) {
        return listeners;
      }
      if (node.isEmpty()) {
        error("listeners", "is empty: give at least one listener");
      }
      Set<String> names = new HashSet<>();
      Set<String> addresses = new HashSet<>();
      for (int i = 0; i < node.size(); i++) {
        String path = "listeners[" + i + "]";
        JsonNode listener = node.get(i);
        if (!object(listener, path, "name", "protocol", "host", "port", "tls")) {
          continue;
        }
        String protocol = string(listener, path, "protocol", "ws");
        if (!protocol.equals("ws") && !protocol.equals("wss")) {
          error(path + ".protocol", "expected ws or wss, got \"" + protocol + "\"");
        }
        String name = string(listener, path, "name", protocol + (i == 0 ? "" : "-" + i));
        if (!names.add(name)) {
          error(path + ".name", "duplicate listener name \"" + name + "\"");
        }
        String host = string(listener, path, "host", "127.0.0.1");
        Integer port = integer(listener, path, "port", null, 0, 65535);
        if (port == null && !listener.has("port")) {
          error(path + ".port", "is required (an integer between 0 and 65535; 0 picks a free port)");
        }
        if (port != null && port != 0 && !addresses.add(host + ":" + port)) {
          error(path + ".port", "another listener already uses " + host + ":" + port);
        }
        Optional<Tls> tls = Optional.empty();
        JsonNode tlsNode = listener.get("tls");
        if (tlsNode != null) {
          if (!protocol.equals("wss")) {
            error(path + ".tls", "is only allowed with protocol: wss");
          } else {
            tls = tls(tlsNode, path + ".tls");
          }
        } else if (protocol.equals("wss")) {
          error(path + ".tls", "is required with protocol: wss (keystore and password)");
        }
        listeners.add(new Listener(name, host, port == null ? 0 : port, tls));
      }
      return listeners;
    }

    private Optional<Tls> tls(JsonNode node, String path) {
      if (!object(node, path, "keystore", "password", "type")) {
        return Optional.empty();
      }
      String keystore = string(node, path, "keystore", null);
      String password = string(node, path, "password", null);
      String type = string(node, path, "type", "PKCS12");
      if (keystore == null) {
        error(path + ".keystore", "is required (the path of a PKCS12 or JKS key store)");
        return Optional.empty();
      }
      if (password == null) {
        error(path + ".password", "is required");
        return Optional.empty();
      }
      Path file = resolve(keystore);
      if (!Files.isReadable(file)) {
        error(path + ".keystore", "file " + file + " does not exist or is not readable");
      }
      return Optional.of(new Tls(file, password, type));
    }

    private List<RouteConfig> routes(JsonNode node, EngineSettingsValues defaults) {
      List<RouteConfig> routes = new ArrayList<>();
      if (node == null) {
        error("routes", "is required: give at least one route, for example [{name: echo, path: /echo, upstream: ws://127.0.0.1:9000/}]");
        return routes;
      }
      if (!list(node, "routes")) {
        return routes;
      }
      Set<String> names = new HashSet<>();
      Set<String> paths = new HashSet<>();
      for (int i = 0; i < node.size(); i++) {
        String path = "routes[" + i + "]";
        JsonNode route = node.get(i);
        if (!object(route, path, "name", "path", "strip-path", "upstream", "plugins", "limits", "timeouts", "record")) {
          continue;
        }
        String name = string(route, path, "name", null);
        if (name == null && !route.has("name")) {
          error(path + ".name", "is required");
        } else if (name != null && !NAME.matcher(name).matches()) {
          error(path + ".name", "\"" + name + "\" is not a valid name: letters, digits, '.', '_' and '-', at most 64 characters");
        } else if (name != null && !names.add(name)) {
          error(path + ".name", "duplicate route name \"" + name + "\"");
        }
        String clientPath = string(route, path, "path", null);
        if (clientPath == null && !route.has("path")) {
          error(path + ".path", "is required, for example /chat");
        } else if (clientPath != null && (!clientPath.startsWith("/") || clientPath.contains("?") || clientPath.contains("#"))) {
          error(path + ".path", "must start with / and contain no query or fragment, got \"" + clientPath + "\"");
        } else if (clientPath != null && !paths.add(clientPath)) {
          error(path + ".path", "another route already serves " + clientPath);
        }
        Boolean stripPath = bool(route, path, "strip-path", true);
        URI upstream = upstream(route, path);
        List<PluginEntry> plugins = pluginEntries(route.get("plugins"), path + ".plugins");
        SettingsBuilder settings = new SettingsBuilder(defaults);
        settings.read(this, route, path);
        EngineSettings engineSettings = settings.build(this, path);
        Optional<RecordingConfig> recording = recording(route.get("record"), path + ".record");
        if (name != null && clientPath != null && stripPath != null && upstream != null && engineSettings != null
            && recording != null) {
          routes.add(new RouteConfig(name, clientPath, stripPath, upstream, plugins, engineSettings, recording));
        }
      }
      return routes;
    }

    /** A route's {@code record} block: empty when absent, {@code null} when invalid. */
    private Optional<RecordingConfig> recording(JsonNode node, String path) {
      if (node == null || node.isNull()) {
        return Optional.empty();
      }
      int errorsBefore = errors.size();
      if (!object(node, path, "directory", "sample-rate", "max-connection-bytes", "max-directory-bytes", "redact")) {
        return null;
      }
      String directory = string(node, path, "directory", null);
      if (directory == null && !node.has("directory")) {
        error(path + ".directory", "is required: the directory recordings are written to, for example recordings/chat");
      }
      Double rate = 1.0;
      JsonNode rateNode = node.get("sample-rate");
      if (rateNode != null && !rateNode.isNull()) {
        if (!rateNode.isNumber() || rateNode.doubleValue() < 0 || rateNode.doubleValue() > 1) {
          error(path + ".sample-rate", "expected a number from 0 to 1 (the share of connections recorded), got "
              + describe(rateNode));
          rate = null;
        } else {
          rate = rateNode.doubleValue();
        }
      }
      Long perConnection = bytes(node, path, "max-connection-bytes", 1L << 20);
      Long perDirectory = bytes(node, path, "max-directory-bytes", 100L << 20);
      List<String> headers = List.of();
      List<String> fields = List.of();
      JsonNode redact = node.get("redact");
      if (redact != null && !redact.isNull() && object(redact, path + ".redact", "headers", "json-fields")) {
        headers = strings(redact.get("headers"), path + ".redact.headers");
        fields = strings(redact.get("json-fields"), path + ".redact.json-fields");
      }
      if (errors.size() > errorsBefore || directory == null) {
        return null;
      }
      Path dir = Path.of(directory);
      if (!dir.isAbsolute() && baseDirectory != null) {
        dir = baseDirectory.resolve(dir).normalize();
      }
      return Optional.of(new RecordingConfig(dir, rate, perConnection, perDirectory, headers, fields));
    }

    private List<String> strings(JsonNode node, String path) {
      List<String> values = new ArrayList<>();
      if (node == null || node.isNull() || !list(node, path)) {
        return values;
      }
      for (int i = 0; i < node.size(); i++) {
        if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
          error(path + "[" + i + "]", "expected a name, got " + describe(node.get(i)));
        } else {
          values.add(node.get(i).asText());
        }
      }
      return values;
    }

    private Long bytes(JsonNode parent, String path, String key, long fallback) {
      JsonNode node = parent.get(key);
      if (node == null || node.isNull()) {
        return fallback;
      }
      long bytes = sizeInBytes(node, LARGE_SIZE, 13);
      if (bytes < 1024) {
        error(path + "." + key, "expected a size of at least 1024 bytes such as \"1MiB\" or \"1GiB\", got " + describe(node));
        return null;
      }
      return bytes;
    }

    private URI upstream(JsonNode route, String path) {
      String text = string(route, path, "upstream", null);
      if (text == null) {
        if (!route.has("upstream")) {
          error(path + ".upstream", "is required: a ws:// or wss:// URL, or builtin:echo");
        }
        return null;
      }
      try {
        URI uri = new URI(text);
        if (uri.equals(BUILTIN_ECHO)) {
          return uri;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
          error(path + ".upstream", "expected a ws:// or wss:// URL or builtin:echo, got \"" + text + "\"");
          return null;
        }
        if (uri.getHost() == null) {
          error(path + ".upstream", "has no host: \"" + text + "\"");
          return null;
        }
        return uri;
      } catch (URISyntaxException e) {
        error(path + ".upstream", "is not a URL: " + e.getMessage());
        return null;
      }
    }

    private List<PluginEntry> pluginEntries(JsonNode node, String path) {
      List<PluginEntry> entries = new ArrayList<>();
      if (node == null || !list(node, path)) {
        return entries;
      }
      for (int i = 0; i < node.size(); i++) {
        String entryPath = path + "[" + i + "]";
        JsonNode entry = node.get(i);
        if (!object(entry, entryPath, "name", "config", "on-error")) {
          continue;
        }
        String name = string(entry, entryPath, "name", null);
        if (name == null && !entry.has("name")) {
          error(entryPath + ".name", "is required");
        }
        String policyText = string(entry, entryPath, "on-error", "close");
        ErrorPolicy policy = ErrorPolicy.CLOSE;
        try {
          policy = ErrorPolicy.valueOf(policyText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          error(entryPath + ".on-error", "expected one of close, skip, drop, got \"" + policyText + "\"");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        JsonNode configNode = entry.get("config");
        if (configNode != null && !configNode.isNull()) {
          if (!configNode.isObject()) {
            error(entryPath + ".config", "expected an object, got " + describe(configNode));
          } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = mapper.convertValue(configNode, LinkedHashMap.class);
            config = tree;
          }
        }
        if (name != null) {
          entries.add(new PluginEntry(name, config, policy));
        }
      }
      return entries;
    }

    private Plugins plugins(JsonNode node) {
      if (node == null || !object(node, "plugins", "directory", "fail-fast")) {
        return new Plugins(Optional.empty(), false);
      }
      String directory = string(node, "plugins", "directory", null);
      Boolean failFast = bool(node, "plugins", "fail-fast", false);
      Optional<Path> dir = Optional.empty();
      if (directory != null) {
        Path resolved = resolve(directory);
        if (!Files.isDirectory(resolved)) {
          error("plugins.directory", "directory " + resolved + " does not exist");
        }
        dir = Optional.of(resolved);
      }
      return new Plugins(dir, failFast != null && failFast);
    }

    private Optional<Admin> admin(JsonNode node) {
      if (node != null && node.isObject() && node.has("token")) {
        error("admin.token", "a token is never written in the configuration file: name an environment variable"
            + " with token-env or a file with token-file");
      }
      if (node == null || !object(node, "admin", "enabled", "host", "port", "worker-threads", "header-timeout",
          "read-timeout", "max-header-size", "token-env", "token-file", "token")) {
        return Optional.empty();
      }
      Boolean enabled = bool(node, "admin", "enabled", true);
      String host = string(node, "admin", "host", "127.0.0.1");
      Integer port = integer(node, "admin", "port", 9090, 0, 65535);
      if (host != null && !isLoopback(host)) {
        error("admin.host", "must be a loopback address (127.0.0.1, ::1 or localhost): the admin endpoint is never exposed, got \"" + host + "\"");
      }
      Integer workers = integer(node, "admin", "worker-threads", 2, 1, 16);
      Duration headerTimeout = duration(node, "admin", "header-timeout", Duration.ofSeconds(5), false);
      Duration readTimeout = duration(node, "admin", "read-timeout", Duration.ofSeconds(2), false);
      Integer maxHeaderSize = size(node, "admin", "max-header-size", 8192);
      if (maxHeaderSize != null && (maxHeaderSize < 1024 || maxHeaderSize > 65536)) {
        error("admin.max-header-size", "must be between 1KiB and 64KiB, got " + maxHeaderSize + " bytes");
        maxHeaderSize = null;
      }
      Optional<GatewayConfig.Secret> token = token(node);
      if (enabled == null || !enabled || port == null || workers == null || headerTimeout == null
          || readTimeout == null || maxHeaderSize == null || token == null) {
        return Optional.empty();
      }
      return Optional.of(new Admin(host, port, workers, headerTimeout, readTimeout, maxHeaderSize, token));
    }

    /** The admin token from {@code token-env} or {@code token-file}; null after an error. */
    private Optional<GatewayConfig.Secret> token(JsonNode node) {
      String env = string(node, "admin", "token-env", null);
      String file = string(node, "admin", "token-file", null);
      if (env != null && file != null) {
        error("admin", "give token-env or token-file, not both");
        return null;
      }
      if (env != null) {
        if (!env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          error("admin.token-env", "expected the name of an environment variable (letters, digits, _), got \"" + env + "\"");
          return null;
        }
        String value = environment.apply(env);
        if (value == null || value.isBlank()) {
          error("admin.token-env", "the environment variable " + env + " is not set or empty");
          return null;
        }
        if (!isToken(value.trim())) {
          error("admin.token-env", "the environment variable " + env + " must hold one token of printable ASCII without spaces");
          return null;
        }
        return Optional.of(new GatewayConfig.Secret(value.trim(), "environment variable " + env));
      }
      if (file != null) {
        Path path = resolve(file);
        String value;
        try {
          value = Files.readString(path, StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
          error("admin.token-file", "cannot read " + path + ": " + e.getMessage());
          return null;
        }
        if (!isToken(value)) {
          error("admin.token-file", path + " must hold one token of printable ASCII without spaces");
          return null;
        }
        return Optional.of(new GatewayConfig.Secret(value, "file " + path));
      }
      return Optional.empty();
    }

    private static boolean isToken(String value) {
      return !value.isEmpty() && value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    private GatewayConfig.Shutdown shutdown(JsonNode node) {
      if (node == null || !object(node, "shutdown", "drain-delay")) {
        return GatewayConfig.Shutdown.IMMEDIATE;
      }
      Duration delay = duration(node, "shutdown", "drain-delay", Duration.ZERO, true);
      return delay == null ? GatewayConfig.Shutdown.IMMEDIATE : new GatewayConfig.Shutdown(delay);
    }

    private BuiltinEcho builtinEcho(JsonNode node) {
      if (node == null || !object(node, "builtin-echo", "port")) {
        return BuiltinEcho.DEFAULT;
      }
      Integer port = integer(node, "builtin-echo", "port", 0, 0, 65535);
      return port == null ? BuiltinEcho.DEFAULT : new BuiltinEcho(port);
    }

    private static boolean isLoopback(String host) {
      if (host.equals("localhost")) {
        return true;
      }
      // only literal addresses: a name is not resolved here
      if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        return false;
      }
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }

    Path resolve(String path) {
      Path p = Path.of(path);
      return p.isAbsolute() || baseDirectory == null ? p : baseDirectory.resolve(p).normalize();
    }

    // ---- typed field access: each reports its own errors and returns null when invalid ----

    boolean object(JsonNode node, String path, String... allowed) {
      if (!node.isObject()) {
        error(path, "expected an object, got " + describe(node));
        return false;
      }
      Set<String> known = Set.of(allowed);
      for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!known.contains(key)) {
          error(path.isEmpty() ? key : path + "." + key, "unknown key; allowed here: " + String.join(", ", allowed));
        }
      }
      return true;
    }

    boolean list(JsonNode node, String path) {
      if (!node.isArray()) {
        error(path, "expected a list, got " + describe(node));
        return false;
      }
      return true;
    }

    String string(JsonNode parent, String path, String key, String fallback) {
      JsonNode node = parent.get(key);
      if (node == null || node.isNull()) {
        return fallback;
      }
      if (!node.isValueNode()) {
        error(path + "." + key, "expected a string, got " + describe(node));
        return null;
      }
      return node.asText();
    }

    Boolean bool(JsonNode parent, String path, String key, Boolean fallback) {
      JsonNode node = parent.get(key);
      if (node == null || node.isNull()) {
        return fallback;
      }
      if (node.isBoolean()) {
        return node.booleanValue();
      }
      error(path + "." + key, "expected a boolean (true or false), got " + describe(node));
      return null;
    }

    Integer integer(JsonNode parent, String path, String key, Integer fallback, long min, long max) {
      JsonNode node = parent.get(key);
      if (node == null || node.isNull()) {
        return fallback;
      }
      Long value = null;
      if (node.isIntegralNumber()) {
        value = node.longValue();
      } else if (node.isTextual() && node.asText().trim().matches("-?\\d{1,18}")) {
        value = Long.parseLong(node.asText().trim());
      }
      if (value == null) {
        error(path + "." + key, "expected an integer, got " + describe(node));
        return null;
      }
      if (value < min || value > max) {
        error(path + "." + key, "must be between " + min + " and " + max + ", got " + value);
        return null;
      }
      return value.intValue();
    }

    /**
     * The bytes a size node gives: a number, or digits (fewer than {@code digitLimit}) with a unit
     * the pattern admits; -1 when it is neither.
     */
    private static long sizeInBytes(JsonNode node, Pattern pattern, int digitLimit) {
      if (node.isIntegralNumber()) {
        return node.longValue();
      }
      if (!node.isTextual()) {
        return -1;
      }
      Matcher m = pattern.matcher(node.asText().trim());
      if (!m.matches() || m.group(1).length() >= digitLimit) {
        return -1;
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "B" : m.group(2);
      return switch (unit) {
        case "KiB" -> n << 10;
        case "MiB" -> n << 20;
        case "GiB" -> n << 30;
        case "KB" -> n * 1000;
        case "MB" -> n * 1_000_000;
        case "GB" -> n * 1_000_000_000;
        default -> n;
      };
    }

    Integer size(JsonNode parent, String path, String key, Integer fallback) {
      JsonNode node = parent.get(key);
      if (node == null || node.isNull()) {
        return fallback;
      }
      long bytes = sizeInBytes(node, SIZE, 12);
      if (bytes < 0) {
        error(path + "." + key, "expected a size in bytes such as 65536, \"64KiB\" or \"1MiB\", got " + describe(node));
        return null;
      }
      if (bytes < 1 || bytes > EngineSettings.MAX_PAYLOAD_CEILING) {
        error(path + "." + key, "must be between 1 byte and 32MiB (" + EngineSettings.MAX_PAYLOAD_CEILING + " bytes), got " + bytes);
        return null;
      }
      return (int) bytes;
    }

    Duration duration(JsonNode parent, String path, String key, Duration fallback, boolean zeroAllowed) {
      JsonNode node = parent.get(key);
      if (node == null || node.isNull()) {
        return fallback;
      }
      Duration value = null;
      if (node.isIntegralNumber() && node.canConvertToLong()) {
        value = Durations.of(node.longValue()).orElse(null);
      } else if (node.isTextual()) {
        value = Durations.parse(node.asText()).orElse(null);
      }
      if (value == null) {
        error(path + "." + key, "expected " + Durations.EXPECTED + ", got " + describe(node));
        return null;
      }
      if (!zeroAllowed && value.isZero()) {
        error(path + "." + key, "must be positive, got " + node.asText());
        return null;
      }
      return value;
    }

    static String describe(JsonNode node) {
      if (node.isTextual()) {
        return "\"" + node.asText() + "\"";
      }
      if (node.isObject()) {
        return "an object";
      }
      if (node.isArray()) {
        return "a list";
      }
      return node.asText();
    }
  }

  /** The mutable values of {@link EngineSettings}, overlaid level by level. */
  private record EngineSettingsValues(
      int clientMaxPayload, int upstreamMaxPayload, int maxFragments, int messagesPerSecond,
      Duration connect, Duration send, Duration closeLinger, Duration idle, Duration keepalive,
      boolean autoPong, Duration plugin, int maxInFlight) {
    static EngineSettingsValues of(EngineSettings s) {
      return new EngineSettingsValues(s.clientMaxPayload(), s.upstreamMaxPayload(), s.maxFragments(),
          s.maxMessagesPerSecond(), s.connectTimeout(), s.sendTimeout(), s.closeLinger(),
          s.idleTimeout(), s.keepaliveInterval(), s.autoPong(), s.pluginTimeout(), s.maxInFlightBytes());
    }
  }

  private static final class SettingsBuilder {
    private EngineSettingsValues values;
    private boolean valid = true;

    SettingsBuilder(EngineSettingsValues base) {
      this.values = base;
    }

    void read(Reader reader, JsonNode parent, String path) {
      EngineSettingsValues v = values;
      int errorsBefore = reader.errors.size();
      JsonNode limits = parent.get("limits");
      String limitsPath = path + ".limits";
      Integer client = v.clientMaxPayload();
      Integer upstream = v.upstreamMaxPayload();
      Integer fragments = v.maxFragments();
      Integer rate = v.messagesPerSecond();
      Integer inFlight = v.maxInFlight();
      if (limits != null && reader.object(limits, limitsPath,
          "client-max-payload", "upstream-max-payload", "max-fragments", "messages-per-second", "max-in-flight")) {
        client = reader.size(limits, limitsPath, "client-max-payload", client);
        upstream = reader.size(limits, limitsPath, "upstream-max-payload", upstream);
        fragments = reader.integer(limits, limitsPath, "max-fragments", fragments, 0, Integer.MAX_VALUE);
        rate = reader.integer(limits, limitsPath, "messages-per-second", rate, 0, Integer.MAX_VALUE);
        Integer read = reader.size(limits, limitsPath, "max-in-flight", inFlight);
        if (read != null && read < EngineSettings.MIN_IN_FLIGHT_BYTES) {
          reader.error(limitsPath + ".max-in-flight",
              "must be at least 64KiB (" + EngineSettings.MIN_IN_FLIGHT_BYTES + " bytes), got " + read);
        }
        inFlight = read;
      }
      JsonNode timeouts = parent.get("timeouts");
      String timeoutsPath = path + ".timeouts";
      Duration connect = v.connect();
      Duration send = v.send();
      Duration linger = v.closeLinger();
      Duration idle = v.idle();
      Duration keepalive = v.keepalive();
      Boolean autoPong = v.autoPong();
      Duration plugin = v.plugin();
      if (timeouts != null && reader.object(timeouts, timeoutsPath,
          "connect", "send", "close-linger", "idle", "keepalive", "auto-pong", "plugin")) {
        connect = reader.duration(timeouts, timeoutsPath, "connect", connect, false);
        send = reader.duration(timeouts, timeoutsPath, "send", send, false);
        linger = reader.duration(timeouts, timeoutsPath, "close-linger", linger, false);
        idle = reader.duration(timeouts, timeoutsPath, "idle", idle, true);
        keepalive = reader.duration(timeouts, timeoutsPath, "keepalive", keepalive, true);
        autoPong = reader.bool(timeouts, timeoutsPath, "auto-pong", autoPong);
        plugin = reader.duration(timeouts, timeoutsPath, "plugin", plugin, true);
      }
      if (reader.errors.size() > errorsBefore) {
        valid = false;
        return;
      }
      values = new EngineSettingsValues(
          client, upstream, fragments, rate, connect, send, linger, idle, keepalive, autoPong, plugin, inFlight);
    }

    EngineSettings build(Reader reader, String path) {
      if (!valid) {
        return null;
      }
      EngineSettingsValues v = values;
      try {
        return new EngineSettings(v.clientMaxPayload(), v.upstreamMaxPayload(), v.maxFragments(),
            v.messagesPerSecond(), v.connect(), v.send(), v.closeLinger(), v.idle(), v.keepalive(), v.autoPong(),
            v.plugin(), v.maxInFlight());
      } catch (IllegalArgumentException e) {
        reader.error(path, e.getMessage());
        return null;
      }
    }
  }
}
