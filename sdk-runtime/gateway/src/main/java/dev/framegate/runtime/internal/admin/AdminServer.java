package dev.framegate.runtime.internal.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.framegate.runtime.internal.plugins.LoadedPlugin;
import dev.framegate.runtime.internal.plugins.PluginJar;
import dev.framegate.runtime.internal.plugins.PluginLoadException;
import dev.framegate.runtime.internal.plugins.Plugins;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The admin HTTP endpoint, on loopback only: {@code /health}, {@code /plugins}, {@code
 * /connections} and {@code /metrics} (Prometheus text format).
 */
public final class AdminServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final GatewayObserver observer;
  private final Plugins plugins;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AdminServer(HttpServer server, ExecutorService executor, GatewayObserver observer, Plugins plugins) {
    this.server = server;
    this.executor = executor;
    this.observer = observer;
    this.plugins = plugins;
  }

  /**
   * Starts the endpoint.
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
    InetAddress address = InetAddress.getByName(host);
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException("the admin endpoint binds loopback only, not " + host);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "framegate-admin");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    AdminServer admin = new AdminServer(server, executor, observer, plugins);
    server.createContext("/", admin.handler());
    server.start();
    return admin;
  }

  /**
   * The bound port.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  private HttpHandler handler() {
    return exchange -> {
      try (exchange) {
        if (!exchange.getRequestMethod().equals("GET")) {
          exchange.getResponseHeaders().add("Allow", "GET");
          respond(exchange, 405, "text/plain", "only GET is supported\n");
          return;
        }
        switch (exchange.getRequestURI().getPath()) {
          case "/health" -> respond(exchange, 200, "application/json", "{\"status\":\"up\"}\n");
          case "/plugins" -> respond(exchange, 200, "application/json", json.writeValueAsString(pluginsView()));
          case "/connections" -> respond(exchange, 200, "application/json", json.writeValueAsString(connectionsView()));
          case "/metrics" -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", observer.prometheus());
          default -> respond(exchange, 404, "text/plain", "not found: try /health, /plugins, /connections or /metrics\n");
        }
      } catch (RuntimeException e) {
        respond(exchange, 500, "text/plain", "admin endpoint failed: " + e + "\n");
      }
    };
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
      j.put("jar", jar.file().toString());
      j.put("id", jar.id());
      j.put("version", jar.version());
      j.put("pdkVersion", jar.pdkVersion());
      j.put("description", jar.description());
      j.put("plugins", list);
      jars.add(j);
    }
    List<String> refused = new ArrayList<>();
    for (PluginLoadException refusal : plugins.refusals()) {
      refused.add(refusal.getMessage());
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("jars", jars);
    view.put("refused", refused);
    return view;
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

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the endpoint. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
