package dev.framegate.runtime.internal.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.framegate.runtime.internal.plugins.LoadedPlugin;
import dev.framegate.runtime.internal.plugins.PluginJar;
import dev.framegate.runtime.internal.plugins.PluginLoadException;
import dev.framegate.runtime.internal.plugins.Plugins;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * The admin HTTP endpoint, on loopback only: {@code /health/live} (and its alias {@code /health}),
 * {@code /health/ready}, {@code /plugins}, {@code /connections} and {@code /metrics} (Prometheus
 * text format).
 *
 * <p>It runs on Grizzly's non-blocking HTTP server, so a client that sends half a request holds no
 * thread: the request head is parsed as its bytes arrive, and only a complete request reaches one of
 * the few worker threads. {@link AdminDeadlines} closes a client that takes longer than the header
 * timeout for a request head or stays silent for the read timeout in the middle of one; heads over
 * the size cap are refused by Grizzly's parser, and so is a GET with a body (any other method gets
 * 405 before its body is read). Every request must name a
 * loopback host (or the configured one) in {@code Host}, against DNS rebinding; with a token, every
 * endpoint but the health checks requires {@code Authorization: Bearer <token>}.
 */
public final class AdminServer implements AutoCloseable {

  /** Requests queued for the worker threads at most; more are refused. */
  static final int QUEUE_LIMIT = 64;

  /** Header lines in one request at most. */
  static final int MAX_HEADERS = 64;

  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final NetworkListener listener;
  private final AdminDeadlines deadlines;
  private final Settings settings;
  private final GatewayObserver observer;
  private final Plugins plugins;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private volatile boolean draining;

  /**
   * How the endpoint listens and what it protects.
   *
   * @param host a loopback address (or {@code localhost})
   * @param port the port, 0 for a free one
   * @param workerThreads the threads answering complete requests
   * @param headerTimeout how long a client has to send a complete request head, from its connection
   *     or from the end of its previous response
   * @param readTimeout the longest silence in the middle of a request head
   * @param maxHeaderSize the largest request head (request line and headers) in bytes
   * @param token the bearer token every endpoint but the health checks requires, or empty
   * @param pluginDirectory the plugin directory, so that {@code /plugins} names JARs relative to it
   */
  public record Settings(String host, int port, int workerThreads, Duration headerTimeout, Duration readTimeout,
      int maxHeaderSize, Optional<String> token, Optional<Path> pluginDirectory) {

    /** Checks the values. */
    public Settings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(pluginDirectory, "pluginDirectory");
      if (workerThreads < 1) {
        throw new IllegalArgumentException("workerThreads must be at least 1, was " + workerThreads);
      }
      if (headerTimeout.isNegative() || headerTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
        throw new IllegalArgumentException("the admin timeouts must be positive");
      }
    }

    /**
     * The defaults of docs/runtime-config.md for a host and port: 2 worker threads, 5 s header
     * timeout, 2 s read timeout, 8 KiB request heads, no token.
     *
     * @param host a loopback address
     * @param port the port, 0 for a free one
     * @return the settings
     */
    public static Settings defaults(String host, int port) {
      return new Settings(host, port, 2, Duration.ofSeconds(5), Duration.ofSeconds(2), 8192, Optional.empty(),
          Optional.empty());
    }

    @Override
    public String toString() {
      return "Settings[" + host + ":" + port + ", workers " + workerThreads + ", header timeout " + headerTimeout
          + ", read timeout " + readTimeout + ", max head " + maxHeaderSize + " bytes, token "
          + (token.isPresent() ? "set" : "none") + "]";
    }
  }

  private AdminServer(Settings settings, GatewayObserver observer, Plugins plugins) {
    this.settings = settings;
    this.observer = observer;
    this.plugins = plugins;
    this.server = new HttpServer();
    this.deadlines = new AdminDeadlines(settings.headerTimeout().toNanos(), settings.readTimeout().toNanos());
    this.listener = new NetworkListener("framegate-admin", settings.host(), settings.port());
  }

  /**
   * Starts the endpoint with the default limits.
   *
   * @param host a loopback address
   * @param port the port, 0 for a free one
   * @param observer the source of connections and metrics
   * @param plugins the loaded plugins
   * @return the running server
   * @throws IOException when the port cannot be bound
   * @throws IllegalArgumentException when the host is not a loopback address
   */
  public static AdminServer start(String host, int port, GatewayObserver observer, Plugins plugins) throws IOException {
    return start(Settings.defaults(host, port), observer, plugins);
  }

  /**
   * Starts the endpoint.
   *
   * @param settings where to listen and what to protect
   * @param observer the source of connections and metrics
   * @param plugins the loaded plugins
   * @return the running server
   * @throws IOException when the port cannot be bound
   * @throws IllegalArgumentException when the host is not a loopback address
   */
  public static AdminServer start(Settings settings, GatewayObserver observer, Plugins plugins) throws IOException {
    InetAddress address = InetAddress.getByName(settings.host());
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException("the admin endpoint binds loopback only, not " + settings.host());
    }
    AdminServer admin = new AdminServer(settings, observer, plugins);
    admin.configure();
    try {
      admin.server.start();
    } catch (IOException | RuntimeException e) {
      admin.close();
      throw e;
    }
    return admin;
  }

  private void configure() {
    TCPNIOTransport transport = listener.getTransport();
    transport.setIOStrategy(WorkerThreadIOStrategy.getInstance());
    transport.setSelectorRunnersCount(1);
    transport.setKernelThreadPoolConfig(ThreadPoolConfig.defaultConfig().copy()
        .setPoolName("framegate-admin-selector").setCorePoolSize(1).setMaxPoolSize(1).setDaemon(true));
    // A fixed pool with a bounded queue: complete requests wait for a worker, and past the queue
    // limit Grizzly refuses the work and closes that connection.
    transport.setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig().copy()
        .setPoolName("framegate-admin").setCorePoolSize(settings.workerThreads())
        .setMaxPoolSize(settings.workerThreads()).setQueueLimit(QUEUE_LIMIT).setDaemon(true));
    // A client that does not read its response cannot hold a worker longer than this.
    transport.setWriteTimeout(settings.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
    listener.setMaxHttpHeaderSize(settings.maxHeaderSize());
    listener.setMaxRequestHeaders(MAX_HEADERS);
    // AdminDeadlines closes idle keep-alive connections (header timeout); Grizzly's own idle timer
    // would only duplicate it.
    listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
    listener.getKeepAlive().setMaxRequestsCount(100);
    listener.registerAddOn(deadlines);
    server.addListener(listener);
    server.getServerConfiguration().setJmxEnabled(false);
    server.getServerConfiguration().setName("framegate-admin");
    server.getServerConfiguration().setPassTraceRequest(false);
    server.getServerConfiguration().addHttpHandler(handler(), "/");
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  public int port() {
    return listener.getPort();
  }

  /**
   * Turns readiness off for good: {@code /health/ready} answers 503 from now on, while liveness and
   * every other endpoint go on. Called when the runtime starts draining before it stops.
   */
  public void startDraining() {
    draining = true;
  }

  /**
   * Whether {@code /health/ready} answers 200.
   *
   * @return {@code false} once draining
   */
  public boolean ready() {
    return !draining;
  }

  private HttpHandler handler() {
    return new HttpHandler("framegate-admin") {
      @Override
      public void service(Request request, Response response) throws Exception {
        deadlines.handling(request.getRequest().getConnection());
        try {
          serve(request, response);
        } catch (RuntimeException e) {
          respond(response, 500, TEXT, "admin endpoint failed: " + e + "\n");
        } finally {
          deadlines.handled(request.getRequest().getConnection());
        }
      }
    };
  }

  private void serve(Request request, Response response) throws IOException {
    String host = request.getHeader("Host");
    if (!hostAllowed(host, request.getProtocol().getProtocolString())) {
      respond(response, 421, TEXT, "this admin endpoint answers requests for " + allowedHostsText()
          + " only, not " + (host == null ? "a request without Host" : "Host " + host) + "\n");
      return;
    }
    if (!request.getMethod().getMethodString().equals("GET")) {
      response.setHeader("Allow", "GET");
      respond(response, 405, TEXT, "only GET is supported\n");
      return;
    }
    String path = request.getRequestURI();
    switch (path) {
      case "/health", "/health/live" -> respond(response, 200, JSON, "{\"status\":\"up\"}\n");
      case "/health/ready" -> {
        if (draining) {
          respond(response, 503, JSON, "{\"status\":\"draining\"}\n");
        } else {
          respond(response, 200, JSON, "{\"status\":\"ready\"}\n");
        }
      }
      case "/plugins", "/connections", "/metrics" -> {
        if (!authorized(request.getHeader("Authorization"))) {
          response.setHeader("WWW-Authenticate", "Bearer realm=\"framegate-admin\"");
          respond(response, 401, TEXT, path + " needs 'Authorization: Bearer <token>' (admin.token-env or"
              + " admin.token-file)\n");
          return;
        }
        switch (path) {
          case "/plugins" -> respond(response, 200, JSON, json.writeValueAsString(pluginsView()));
          case "/connections" -> respond(response, 200, JSON, json.writeValueAsString(connectionsView()));
          default -> respond(response, 200, "text/plain; version=0.0.4; charset=utf-8", observer.prometheus());
        }
      }
      default -> respond(response, 404, TEXT,
          "not found: try /health/live, /health/ready, /plugins, /connections or /metrics\n");
    }
  }

  /**
   * Whether a request's {@code Host} names this endpoint: {@code localhost}, a loopback address or
   * the configured host, with any port. A browser always sends the name it resolved, so a page that
   * rebinds its own name to 127.0.0.1 is refused. Only an HTTP/1.0 request may omit the header (a
   * browser never sends one; some load balancer health checks do).
   */
  boolean hostAllowed(String hostHeader, String protocol) {
    if (hostHeader == null) {
      return "HTTP/1.0".equals(protocol);
    }
    String name = hostName(hostHeader.trim());
    if (name == null) {
      return false;
    }
    if (name.equals("localhost") || name.equals(settings.host().toLowerCase(Locale.ROOT))
        || ("[" + name + "]").equals(settings.host())) {
      return true;
    }
    if (!name.matches("[0-9.]+|[0-9a-f:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The host of a {@code Host} value without its port, lower case; {@code null} when malformed. */
  private static String hostName(String value) {
    String name;
    String port;
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      if (end < 0) {
        return null;
      }
      name = value.substring(1, end);
      port = value.substring(end + 1);
      if (!port.isEmpty() && !port.startsWith(":")) {
        return null;
      }
      port = port.isEmpty() ? "" : port.substring(1);
    } else {
      int colon = value.lastIndexOf(':');
      if (colon >= 0 && value.indexOf(':') != colon) {
        return null; // an IPv6 literal must be bracketed
      }
      name = colon < 0 ? value : value.substring(0, colon);
      port = colon < 0 ? "" : value.substring(colon + 1);
    }
    if (!port.isEmpty() && !port.matches("\\d{1,5}")) {
      return null;
    }
    name = name.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    return name.isEmpty() ? null : name;
  }

  private String allowedHostsText() {
    return "localhost, 127.0.0.1, [::1]" + (List.of("localhost", "127.0.0.1", "::1").contains(settings.host())
        ? "" : " or " + settings.host());
  }

  private boolean authorized(String authorization) {
    if (settings.token().isEmpty()) {
      return true;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    byte[] expected = settings.token().get().getBytes(StandardCharsets.UTF_8);
    // Constant time: the comparison does not tell how much of a guess was right.
    return MessageDigest.isEqual(given, expected);
  }

  private Map<String, Object> pluginsView() {
    List<Map<String, Object>> jars = new ArrayList<>();
    for (PluginJar jar : plugins.jars()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (LoadedPlugin plugin : jar.plugins()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", plugin.name());
        p.put("priority", plugin.priority());
        p.put("class", plugin.pluginClass().getName());
        p.put("config", plugin.configType().getName());
        list.add(p);
      }
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("jar", displayName(jar.file()));
      j.put("id", jar.id());
      j.put("version", jar.version());
      j.put("pdkVersion", jar.pdkVersion());
      j.put("description", jar.description());
      j.put("plugins", list);
      jars.add(j);
    }
    List<String> refused = new ArrayList<>();
    for (PluginLoadException refusal : plugins.refusals()) {
      refused.add(withoutDirectories(refusal.getMessage()));
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("jars", jars);
    view.put("refused", refused);
    return view;
  }

  /** A JAR's path relative to the plugin directory, or its file name: never where the runtime lives. */
  String displayName(Path jar) {
    if (settings.pluginDirectory().isPresent()) {
      Path directory = settings.pluginDirectory().get().toAbsolutePath().normalize();
      Path file = jar.toAbsolutePath().normalize();
      if (file.startsWith(directory)) {
        return directory.relativize(file).toString().replace('\\', '/');
      }
    }
    return String.valueOf(jar.getFileName());
  }

  /** A refusal message with the plugin directory's absolute path taken out of what it quotes. */
  private String withoutDirectories(String message) {
    if (settings.pluginDirectory().isEmpty()) {
      return message;
    }
    String directory = settings.pluginDirectory().get().toAbsolutePath().normalize().toString();
    return message.replace(directory + java.io.File.separator, "").replace(directory, ".");
  }

  private Map<String, Object> connectionsView() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (GatewayObserver.OpenConnection c : observer.openConnections()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("route", c.route());
      m.put("path", c.path());
      m.put("remote", c.remote());
      m.put("chain", c.chain());
      m.put("since", c.since().toString());
      m.put("recording", observer.recordingOf(c.id()).map(Object::toString).orElse(null));
      list.add(m);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("open", list.size());
    view.put("connections", list);
    return view;
  }

  private static void respond(Response response, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status, reason(status));
    response.setContentType(contentType);
    response.setContentLength(bytes.length);
    response.setHeader("Cache-Control", "no-store");
    response.getOutputStream().write(bytes);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 421 -> "Misdirected Request";
      case 503 -> "Service Unavailable";
      default -> "Internal Server Error";
    };
  }

  /** Stops the endpoint. */
  @Override
  public void close() {
    server.shutdownNow();
    deadlines.close();
  }
}
