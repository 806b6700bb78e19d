package dev.framegate.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.ErrorPolicy;
import dev.framegate.engine.EngineSettings;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.internal.plugins.Plugins;
import dev.framegate.runtime.internal.routes.RouteTables;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

  @TempDir static Path jars;
  @TempDir Path dir;

  static Plugins plugins;

  @BeforeAll
  static void loadPlugins() throws Exception {
    plugins = TestPlugins.load(jars);
  }

  @AfterAll
  static void closePlugins() {
    plugins.close();
  }

  private GatewayConfig parse(String yaml) throws InvalidConfigException {
    return ConfigFiles.parse(dir.resolve("gateway.yaml"), yaml);
  }

  private RouteTable table(String yaml) throws InvalidConfigException {
    return RouteTables.build(parse(yaml), plugins, UnaryOperator.identity());
  }

  private static void assertErrors(ThrowingCallable call, String... expected) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.errors()).containsExactly(expected));
  }

  private static final String MINIMAL = """
      listeners: [{port: 8080}]
      routes:
        - {name: echo, path: /echo, upstream: "ws://127.0.0.1:9000/"}
      """;

  @Test
  void aMinimalFileGetsTheDefaults() throws Exception {
    GatewayConfig config = parse(MINIMAL);

    assertThat(config.listeners()).singleElement().satisfies(l -> {
      assertThat(l.host()).isEqualTo("127.0.0.1");
      assertThat(l.port()).isEqualTo(8080);
      assertThat(l.tls()).isEmpty();
    });
    assertThat(config.routes()).singleElement().satisfies(r -> {
      assertThat(r.upstream()).isEqualTo(URI.create("ws://127.0.0.1:9000/"));
      assertThat(r.settings()).isEqualTo(EngineSettings.DEFAULTS);
    });
    assertThat(config.admin()).isEmpty();
    assertThat(config.plugins().directory()).isEmpty();
    assertThat(config.plugins().failFast()).isFalse();
  }

  @Test
  void theLongestRoutePathServingTheRequestWinsAndStripPathIsReadPerRoute() throws Exception {
    RouteTable table = table("""
        listeners: [{port: 8080}]
        routes:
          - {name: root, path: /, upstream: "ws://127.0.0.1:9000/"}
          - {name: chat, path: /chat, upstream: "ws://127.0.0.1:9000/", strip-path: false}
          - {name: admin, path: /chat/admin, upstream: "ws://127.0.0.1:9000/"}
        """);

    assertThat(table.resolve("/chat/admin/users").orElseThrow().name()).isEqualTo("admin");
    assertThat(table.resolve("/chat/room").orElseThrow().name()).isEqualTo("chat");
    assertThat(table.resolve("/chatroom").orElseThrow().name()).isEqualTo("root");
    assertThat(table.resolve("/chat").orElseThrow().stripPath()).isFalse();
    assertThat(table.resolve("/chat/admin").orElseThrow().stripPath()).isTrue();
    assertThatThrownBy(() -> parse("""
        listeners: [{port: 8080}]
        routes:
          - {name: a, path: /a, upstream: "ws://127.0.0.1:9000/", strip-path: sometimes}
        """)).hasMessageContaining("gateway.yaml: routes[0].strip-path: expected a boolean (true or false)");
  }

  @Test
  void routeLimitsAndTimeoutsOverrideTheGlobalDefaultsFieldByField() throws Exception {
    GatewayConfig config = parse("""
        listeners: [{port: 8080}]
        defaults:
          limits: {client-max-payload: 64KiB, messages-per-second: 100}
          timeouts: {connect: 2s, idle: 5m}
        routes:
          - name: a
            path: /a
            upstream: ws://127.0.0.1:9000/
          - name: b
            path: /b
            upstream: wss://example.com/b
            limits: {client-max-payload: 2048, max-fragments: 16, upstream-max-payload: 1MiB}
            timeouts: {send: 250ms, close-linger: 10s, keepalive: 30s, auto-pong: true}
        """);

    EngineSettings a = config.routes().get(0).settings();
    EngineSettings b = config.routes().get(1).settings();
    assertThat(a.clientMaxPayload()).isEqualTo(65536);
    assertThat(a.maxMessagesPerSecond()).isEqualTo(100);
    assertThat(a.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(a.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(b.clientMaxPayload()).isEqualTo(2048);
    assertThat(b.upstreamMaxPayload()).isEqualTo(1 << 20);
    assertThat(b.maxFragments()).isEqualTo(16);
    assertThat(b.maxMessagesPerSecond()).isEqualTo(100);
    assertThat(b.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.sendTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(b.closeLinger()).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.keepaliveInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.autoPong()).isTrue();
  }

  @Test
  void theBackPressureBoundAndThePluginTimeoutAreRouteSettings() throws Exception {
    GatewayConfig config = parse("""
        listeners: [{port: 8080}]
        defaults:
          limits: {max-in-flight: 1MiB}
          timeouts: {plugin: 2s}
        routes:
          - {name: a, path: /a, upstream: "ws://127.0.0.1:9000/"}
          - name: b
            path: /b
            upstream: ws://127.0.0.1:9000/
            limits: {max-in-flight: 64KiB}
            timeouts: {plugin: 0}
        """);

    EngineSettings a = config.routes().get(0).settings();
    EngineSettings b = config.routes().get(1).settings();
    assertThat(a.maxInFlightBytes()).isEqualTo(1 << 20);
    assertThat(a.pluginTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.maxInFlightBytes()).isEqualTo(64 << 10);
    assertThat(b.pluginTimeout()).isZero();
    assertThat(parse(MINIMAL).routes().get(0).settings().maxInFlightBytes())
        .isEqualTo(EngineSettings.DEFAULT_MAX_IN_FLIGHT_BYTES);
  }

  @Test
  void aBackPressureBoundUnder64KiBIsRefused() {
    assertErrors(() -> parse("""
        listeners: [{port: 8080}]
        routes:
          - name: a
            path: /a
            upstream: ws://127.0.0.1:9000/
            limits: {max-in-flight: 4KiB}
        """),
        "gateway.yaml: routes[0].limits.max-in-flight: must be at least 64KiB (65536 bytes), got 4096");
  }

  @Test
  void jsonIsAcceptedToo() throws Exception {
    GatewayConfig config = ConfigFiles.parse(dir.resolve("gateway.json"), """
        {"listeners": [{"port": 8080}],
         "routes": [{"name": "echo", "path": "/echo", "upstream": "builtin:echo"}]}
        """);

    assertThat(config.routes().get(0).upstream()).isEqualTo(ConfigFiles.BUILTIN_ECHO);
  }

  @Test
  void aPluginConfigValueOfTheWrongTypeNamesTheFileAndTheFullFieldPath() {
    String yaml = """
        listeners: [{port: 8080}]
        routes:
          - {name: a, path: /a, upstream: "ws://127.0.0.1:9000/"}
          - name: b
            path: /b
            upstream: ws://127.0.0.1:9000/
            plugins:
              - name: limiter
                config: {limit: ten}
        """;

    assertErrors(() -> table(yaml), "gateway.yaml: routes[1].plugins[0].config.limit: expected an integer, got \"ten\"");
  }

  @Test
  void unknownKeysAreRejectedAtEveryLevel() {
    String yaml = """
        listeners: [{port: 8080, hots: 0.0.0.0}]
        route: []
        routes:
          - name: a
            path: /a
            upstream: ws://127.0.0.1:9000/
            limits: {client-max-paylod: 10}
            plugins:
              - {name: limiter, config: {limit: 1, lable: x}, on-eror: skip}
        """;

    assertErrors(() -> table(yaml),
        "gateway.yaml: route: unknown key; allowed here: listeners, routes, defaults, plugins, admin, shutdown, builtin-echo",
        "gateway.yaml: listeners[0].hots: unknown key; allowed here: name, protocol, host, port, tls",
        "gateway.yaml: routes[0].plugins[0].on-eror: unknown key; allowed here: name, config, on-error",
        "gateway.yaml: routes[0].limits.client-max-paylod: unknown key; allowed here: client-max-payload, upstream-max-payload, max-fragments, messages-per-second, max-in-flight");
  }

  @Test
  void theAdminEndpointGetsProtectiveDefaultsAndShutdownDrainsNotAtAll() throws Exception {
    GatewayConfig config = parse(MINIMAL + "admin: {port: 0}\n");

    assertThat(config.admin()).contains(new GatewayConfig.Admin("127.0.0.1", 0, 2, java.time.Duration.ofSeconds(5),
        java.time.Duration.ofSeconds(2), 8192, java.util.Optional.empty()));
    assertThat(config.shutdown().drainDelay()).isZero();
  }

  @Test
  void adminLimitsTokenAndDrainDelayAreRead() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("admin.token"), "tok-from-file\n");
    GatewayConfig config = parse(MINIMAL + """
        admin: {port: 9191, worker-threads: 3, header-timeout: 2s, read-timeout: 500ms, max-header-size: 16KiB,
                token-file: admin.token}
        shutdown: {drain-delay: 15s}
        """);

    GatewayConfig.Admin admin = config.admin().orElseThrow();
    assertThat(admin.workerThreads()).isEqualTo(3);
    assertThat(admin.headerTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
    assertThat(admin.readTimeout()).isEqualTo(java.time.Duration.ofMillis(500));
    assertThat(admin.maxHeaderSize()).isEqualTo(16 * 1024);
    assertThat(admin.token().orElseThrow().value()).isEqualTo("tok-from-file");
    assertThat(admin.token().orElseThrow().toString()).doesNotContain("tok-from-file");
    assertThat(admin.toString()).doesNotContain("tok-from-file");
    assertThat(config.shutdown().drainDelay()).isEqualTo(java.time.Duration.ofSeconds(15));

    GatewayConfig fromEnvironment = ConfigFiles.parse(dir.resolve("gateway.yaml"),
        MINIMAL + "admin: {token-env: FG_ADMIN_TOKEN}\n", name -> name.equals("FG_ADMIN_TOKEN") ? " env-tok " : null);
    assertThat(fromEnvironment.admin().orElseThrow().token().orElseThrow().value()).isEqualTo("env-tok");
  }

  @Test
  void anAdminTokenInClearOrFromNowhereIsRefused() {
    assertErrors(() -> parse(MINIMAL + "admin: {token: hunter2}\n"),
        "gateway.yaml: admin.token: a token is never written in the configuration file: name an environment variable"
            + " with token-env or a file with token-file");
    assertErrors(() -> ConfigFiles.parse(dir.resolve("gateway.yaml"), MINIMAL + "admin: {token-env: FG_UNSET}\n", name -> null),
        "gateway.yaml: admin.token-env: the environment variable FG_UNSET is not set or empty");
    assertErrors(() -> parse(MINIMAL + "admin: {token-file: missing.token}\n"),
        "gateway.yaml: admin.token-file: cannot read " + dir.resolve("missing.token") + ": " + dir.resolve("missing.token"));
    assertErrors(() -> parse(MINIMAL + "admin: {token-env: A, token-file: b}\n"),
        "gateway.yaml: admin: give token-env or token-file, not both");
    assertErrors(() -> parse(MINIMAL + "admin: {header-timeout: 0, worker-threads: 0, max-header-size: 100}\nshutdown: {drain: 1s}\n"),
        "gateway.yaml: admin.worker-threads: must be between 1 and 16, got 0",
        "gateway.yaml: admin.header-timeout: must be positive, got 0",
        "gateway.yaml: admin.max-header-size: must be between 1KiB and 64KiB, got 100 bytes",
        "gateway.yaml: shutdown.drain: unknown key; allowed here: drain-delay");
  }

  @Test
  void everyInvalidValueIsReportedWithItsPath() {
    String yaml = """
        listeners:
          - {port: 70000}
          - {protocol: wss, port: 8443}
        routes:
          - {name: a, path: a, upstream: "http://127.0.0.1/"}
          - name: b
            path: /b
            upstream: ws://127.0.0.1:9000/
            timeouts: {connect: soon}
            limits: {client-max-payload: 64MiB}
            plugins: [{name: tagger, on-error: ignore}]
          - {name: c, path: /b}
        admin: {host: 0.0.0.0}
        """;

    assertErrors(() -> parse(yaml),
        "gateway.yaml: listeners[0].port: must be between 0 and 65535, got 70000",
        "gateway.yaml: listeners[1].tls: is required with protocol: wss (keystore and password)",
        "gateway.yaml: routes[0].path: must start with / and contain no query or fragment, got \"a\"",
        "gateway.yaml: routes[0].upstream: expected a ws:// or wss:// URL or builtin:echo, got \"http://127.0.0.1/\"",
        "gateway.yaml: routes[1].plugins[0].on-error: expected one of close, skip, drop, got \"ignore\"",
        "gateway.yaml: routes[1].limits.client-max-payload: must be between 1 byte and 32MiB (33554432 bytes), got 67108864",
        "gateway.yaml: routes[1].timeouts.connect: expected a duration such as \"250ms\", \"5s\", \"2m\", \"1h\", \"1d\" or a number of milliseconds, got \"soon\"",
        "gateway.yaml: routes[2].path: another route already serves /b",
        "gateway.yaml: routes[2].upstream: is required: a ws:// or wss:// URL, or builtin:echo",
        "gateway.yaml: admin.host: must be a loopback address (127.0.0.1, ::1 or localhost): the admin endpoint is never exposed, got \"0.0.0.0\"");
  }

  @Test
  void durationsFollowTheSameGrammarAsPluginConfigurationAndTheCommandLine() throws Exception {
    GatewayConfig config = parse("""
        listeners: [{port: 8080}]
        defaults:
          timeouts: {idle: 1d, connect: 1500}
        routes: [{name: a, path: /a, upstream: "ws://127.0.0.1:9000/"}]
        """);
    assertThat(config.routes().get(0).settings().idleTimeout()).isEqualTo(Duration.ofDays(1));
    assertThat(config.routes().get(0).settings().connectTimeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void theBuiltinEchoPortCanBeSet() throws Exception {
    String routes = """
        listeners: [{port: 8080}]
        routes: [{name: a, path: /a, upstream: builtin:echo}]
        """;
    assertThat(parse(routes).builtinEcho().port()).isZero();
    assertThat(parse(routes + "builtin-echo: {port: 9000}\n").builtinEcho().port()).isEqualTo(9000);
    assertErrors(() -> parse(routes + "builtin-echo: {port: 70000, host: 0.0.0.0}\n"),
        "gateway.yaml: builtin-echo.host: unknown key; allowed here: port",
        "gateway.yaml: builtin-echo.port: must be between 0 and 65535, got 70000");
  }

  @Test
  void requiredSectionsAreNamed() {
    assertErrors(() -> parse("{}"),
        "gateway.yaml: listeners: is required: give at least one listener, for example [{port: 8080}]",
        "gateway.yaml: routes: is required: give at least one route, for example [{name: echo, path: /echo, upstream: ws://127.0.0.1:9000/}]");
  }

  @Test
  void aWssListenerNeedsAReadableKeystoreRelativeToTheFile() throws Exception {
    String yaml = """
        listeners: [{protocol: wss, port: 8443, tls: {keystore: missing.p12, password: secret}}]
        routes: [{name: a, path: /a, upstream: "builtin:echo"}]
        """;
    assertErrors(() -> parse(yaml),
        "gateway.yaml: listeners[0].tls.keystore: file " + dir.resolve("missing.p12") + " does not exist or is not readable");

    Files.write(dir.resolve("missing.p12"), new byte[] {1});
    GatewayConfig config = parse(yaml);
    assertThat(config.listeners().get(0).tls()).hasValueSatisfying(tls -> {
      assertThat(tls.keystore()).isEqualTo(dir.resolve("missing.p12"));
      assertThat(tls.type()).isEqualTo("PKCS12");
      assertThat(tls.toString()).doesNotContain("secret");
    });
  }

  @Test
  void aSyntaxErrorGivesTheLine() {
    assertThatThrownBy(() -> parse("listeners: [{port: 8080}\nroutes: ]\n"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("gateway.yaml: line ");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThatThrownBy(() -> parse(MINIMAL + "listeners: []\n"))
        .hasMessageStartingWith("gateway.yaml: line ")
        .hasMessageContaining("Duplicate field 'listeners'");
  }

  @Test
  void anUnknownPluginNamesWhatIsLoaded() {
    String yaml = MINIMAL.replace("upstream: \"ws://127.0.0.1:9000/\"}", "upstream: \"ws://127.0.0.1:9000/\", plugins: [{name: limitr}]}");

    assertErrors(() -> table(yaml),
        "gateway.yaml: routes[0].plugins[0].name: no plugin named 'limitr' is loaded (loaded: limiter, tagger, exploding)");
  }

  @Test
  void aPluginWhoseConstructorFailsIsReportedWithItsJar() {
    String yaml = MINIMAL.replace("upstream: \"ws://127.0.0.1:9000/\"}", "upstream: \"ws://127.0.0.1:9000/\", plugins: [{name: exploding}]}");

    assertErrors(() -> table(yaml),
        "gateway.yaml: routes[0].plugins[0]: plugin 'exploding' (test-plugins.jar): its constructor threw java.lang.IllegalStateException: no licence key");
  }

  @Test
  void aPluginConfigRejectedByItsRecordAndAMissingRequiredValueAreReported() {
    String yaml = """
        listeners: [{port: 8080}]
        routes:
          - name: a
            path: /a
            upstream: ws://127.0.0.1:9000/
            plugins: [{name: limiter, config: {limit: -1}}]
          - name: b
            path: /b
            upstream: ws://127.0.0.1:9000/
            plugins: [{name: limiter}, {name: tagger, config: {x: 1}}, {name: limiter, config: {limit: 1}}]
        """;

    assertErrors(() -> table(yaml),
        "gateway.yaml: routes[0].plugins[0].config: Config rejected the values: limit must not be negative",
        "gateway.yaml: routes[1].plugins[0].config.limit: is required (int)",
        "gateway.yaml: routes[1].plugins[1].config.x: unknown field; NoConfig has no fields");
  }

  @Test
  void aPluginListedTwiceInARouteIsRefused() {
    String yaml = MINIMAL.replace("upstream: \"ws://127.0.0.1:9000/\"}",
        "upstream: \"ws://127.0.0.1:9000/\", plugins: [{name: tagger}, {name: tagger}]}");

    assertErrors(() -> table(yaml),
        "gateway.yaml: routes[0].plugins[1].name: plugin 'tagger' is already in the chain: a plugin appears once per route");
  }

  @Test
  @DisplayName("P2 the route table resolves paths and orders each chain by priority, whatever the file order")
  void theRouteTableResolvesPathsAndOrdersEachChainByPriority() throws Exception {
    RouteTable table = RouteTables.build(parse("""
        listeners: [{port: 8080}]
        routes:
          - name: chat
            path: /chat
            upstream: builtin:echo
            plugins:
              - {name: limiter, config: {limit: 5, label: x}, on-error: drop}
              - {name: tagger}
        """), plugins, upstream -> URI.create("ws://127.0.0.1:1234/"));

    Route route = table.resolve("/chat").orElseThrow();
    assertThat(table.resolve("/other")).isEmpty();
    assertThat(route.upstream()).isEqualTo(URI.create("ws://127.0.0.1:1234/"));
    assertThat(route.chain().entries()).extracting(e -> e.name() + "/" + e.errorPolicy())
        .containsExactly("tagger/CLOSE", "limiter/DROP");
    assertThat(route.chain().entries().get(1).config().toString()).isEqualTo("Config[limit=5, label=x]");
    assertThat(route.chain().entries().get(1).errorPolicy()).isEqualTo(ErrorPolicy.DROP);
  }
}
