package dev.framegate.runtime.cli;

import dev.framegate.runtime.internal.demo.DemoSetup;
import dev.framegate.runtime.internal.demo.EchoServer;
import dev.framegate.runtime.internal.demo.WsClient;
import dev.framegate.api.internal.Durations;
import dev.framegate.api.internal.PdkVersion;
import dev.framegate.runtime.internal.plugins.Plugins;
import dev.framegate.runtime.internal.plugins.RuntimeVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code framegate} command line: {@code run}, {@code validate}, {@code demo}, {@code send},
 * {@code replay}, {@code version} and {@code help}. See docs/cli.md.
 */
public final class Main {

  /** Exit code of a command that failed at run time. */
  static final int FAILED = 1;

  /** Exit code of a usage error or an invalid configuration. */
  static final int INVALID = 2;

  static final String USAGE = """
      Usage: framegate <command> [options]

      Commands:
        run --config FILE        Start the gateway described by FILE (YAML, or JSON if it ends in .json).
                                 Ctrl-C or SIGTERM drains (readiness 503, new upgrades refused) for
                                 shutdown.drain-delay, then closes every connection with 1001 and stops.
                                 Edit FILE or send SIGHUP to reload routes and plugin settings.
        validate --config FILE   Check FILE, its plugins and their configuration without opening sockets.
                                 Exit code 0 when valid, 2 with one error per line otherwise.
        demo [--port N] [--admin-port N] [--dir DIR]
                                 Start a built-in echo upstream and a gateway on 127.0.0.1 with the
                                 example plugins (redact, uppercase) loaded from a real plugin JAR.
                                 Defaults: port 8080, admin port 9090, DIR a new temporary directory.
        echo [--port N]          Start only the built-in echo upstream on 127.0.0.1 (default port 9000;
                                 0 picks a free one) and print its URL. Ctrl-C stops it.
        send URL MESSAGE... [-H NAME:VALUE]... [--binary] [--timeout DURATION]
                    [--reply-timeout DURATION] [--keep-going]
                                 Connect to URL (adding each -H header to the upgrade request), send each
                                 MESSAGE and print its reply, then close with 1000 and wait for the
                                 server's close. --timeout (default 5s) bounds the connection and the
                                 close; --reply-timeout (default: --timeout) the wait for each reply.
                                 A message without reply ends the sending, unless --keep-going.
        replay --recording FILE --config FILE [--plugins DIR] [--route NAME]
               [--ignore-timing | --time-tolerance MS] [--ignore-json-field NAME]... [--accept]
                                 Replay a recorded connection through a route's plugins, without sockets.
                                 Exit code 0 when the gateway does what the recording shows, 1 with both
                                 transcripts side by side where it does not. --plugins overrides the
                                 configuration's plugin directory; --route picks a route (default: the
                                 recording's, else the only one); --accept rewrites the recording.
        version                  Print the runtime and PDK versions.
        help, --help, -h         Print this text.

      Examples:
        framegate demo
        framegate send ws://127.0.0.1:8080/echo hello "my password is swordfish"
        framegate send -H 'Authorization: Bearer abc' --reply-timeout 500ms --keep-going ws://127.0.0.1:8080/chat hi
        framegate validate --config gateway.yaml
        framegate run --config gateway.yaml
        framegate replay --recording recordings/chat/conn.jsonl --config gateway.yaml
      """;

  private final PrintStream out;
  private final PrintStream err;
  private final ClientListeners transport;

  Main(PrintStream out, PrintStream err, ClientListeners transport) {
    this.out = out;
    this.err = err;
    this.transport = transport;
  }

  /**
   * Runs a command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    configureLogging();
    int code = new Main(System.out, System.err, new GatewayListeners()).execute(args, null);
    System.exit(code);
  }

  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (java.io.InputStream config = Main.class.getResourceAsStream("logging.properties")) {
      if (config != null) {
        java.util.logging.LogManager.getLogManager().readConfiguration(config);
      }
    } catch (IOException e) {
      System.err.println("framegate: default logging configuration unreadable: " + e);
    }
  }

  /**
   * Runs a command.
   *
   * @param args the command line
   * @param stop for {@code run} and {@code demo}: when non-null, the gateway stops when it counts
   *     down instead of at JVM shutdown
   * @return the exit code
   */
  int execute(String[] args, CountDownLatch stop) {
    if (args.length == 0) {
      err.print(USAGE);
      return INVALID;
    }
    List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
    try {
      return switch (args[0]) {
        case "help", "--help", "-h" -> {
          out.print(USAGE);
          yield 0;
        }
        case "version", "--version" -> {
          out.println("framegate " + RuntimeVersion.version() + " (PDK " + PdkVersion.current() + ")");
          yield 0;
        }
        case "validate" -> validate(configOption(rest));
        case "run" -> run(configOption(rest), stop);
        case "demo" -> demo(rest, stop);
        case "echo" -> echo(rest, stop);
        case "send" -> send(rest);
        case "replay" -> new ReplayCommand(out, err).run(rest);
        default -> throw new UsageException("unknown command '" + args[0] + "'");
      };
    } catch (UsageException e) {
      err.println("framegate: " + e.getMessage());
      err.println("Run 'framegate --help' for usage.");
      return INVALID;
    }
  }

  private int validate(Path config) {
    try (Plugins plugins = Launcher.validate(config)) {
      out.println(config.getFileName() + ": valid (" + plugins.names().size() + " plugin(s) loaded: "
          + String.join(", ", plugins.names()) + ")");
      plugins.refusals().forEach(r -> out.println("warning: " + r.getMessage()));
      return 0;
    } catch (Launcher.StartupException e) {
      err.println(e.getMessage());
      return INVALID;
    }
  }

  private int run(Path config, CountDownLatch stop) {
    Launcher launcher;
    try {
      launcher = Launcher.start(config, transport);
    } catch (Launcher.StartupException e) {
      err.println(e.getMessage());
      return INVALID;
    }
    out.println("framegate is running on port " + launcher.port() + " with " + launcher.routes().routes().size()
        + " route(s); Ctrl-C stops it.");
    return awaitStop(launcher::stop, stop);
  }

  private int demo(List<String> args, CountDownLatch stop) {
    int port = 8080;
    int adminPort = 9090;
    Path dir = null;
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--port" -> port = intValue("--port", value(args, i++));
        case "--admin-port" -> adminPort = intValue("--admin-port", value(args, i++));
        case "--dir" -> dir = Path.of(value(args, i++));
        default -> throw new UsageException("demo: unknown option '" + args.get(i) + "'");
      }
    }
    Path config;
    try {
      Path directory = dir != null ? dir : Files.createTempDirectory("framegate-demo-");
      config = DemoSetup.prepare(directory, port, adminPort);
    } catch (IOException e) {
      err.println("demo: " + e.getMessage());
      return FAILED;
    }
    Launcher launcher;
    try {
      launcher = Launcher.start(config, transport);
    } catch (Launcher.StartupException e) {
      err.println(e.getMessage());
      if (e.getMessage().contains("cannot listen")) {
        err.println("Another program uses the port: try 'framegate demo --port 0 --admin-port 0'.");
      }
      return FAILED;
    }
    String command = System.getProperty("framegate.home") != null
        ? Path.of(System.getProperty("framegate.home"), "bin", "framegate").toString() : "framegate";
    String ws = "ws://127.0.0.1:" + launcher.port();
    out.println("""

        Framegate demo is running.
          gateway   %1$s/echo   -> built-in echo upstream, plugins: redact (secret, password -> ***), then
                                  uppercase on the way back
                    %1$s/plain  -> the same echo, no plugins
          admin     http://127.0.0.1:%2$d/metrics  /connections  /plugins  /health/live  /health/ready
          config    %3$s   (edit and save: routes reload live)

        Try, in another terminal:
          %4$s send %1$s/echo hello "my password is swordfish"
          %4$s send %1$s/plain hello
          curl -s http://127.0.0.1:%2$d/metrics

        Ctrl-C stops the demo (connections are closed with 1001).
        """.formatted(ws, launcher.adminPort(), config, command));
    return awaitStop(launcher::stop, stop);
  }

  private int echo(List<String> args, CountDownLatch stop) {
    int port = 9000;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--port")) {
        port = intValue("--port", value(args, i++));
      } else {
        throw new UsageException("echo: unknown option '" + args.get(i) + "'");
      }
    }
    EchoServer echo;
    try {
      echo = EchoServer.start(port);
    } catch (RuntimeException e) {
      err.println("echo: " + e.getMessage());
      return FAILED;
    }
    out.println("echo upstream listening on " + echo.uri() + "; Ctrl-C stops it.");
    return awaitStop(echo::close, stop);
  }

  private int awaitStop(Runnable close, CountDownLatch stop) {
    CountDownLatch stopped = stop != null ? stop : new CountDownLatch(1);
    if (stop == null) {
      CountDownLatch closed = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        // java.util.logging resets itself in its own shutdown hook: print directly
        err.println("framegate: stopping: readiness is off and new upgrades are refused; open connections are"
            + " closed with 1001 after the drain delay");
        close.run();
        err.println("framegate: stopped");
        closed.countDown();
      }, "framegate-shutdown"));
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close.run();
    }
    return 0;
  }

  private int send(List<String> args) {
    boolean binary = false;
    boolean keepGoing = false;
    Duration timeout = Duration.ofSeconds(5);
    Duration replyTimeout = null;
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--binary" -> binary = true;
        case "--keep-going" -> keepGoing = true;
        case "--timeout" -> timeout = duration("--timeout", value(args, i++));
        case "--reply-timeout" -> replyTimeout = duration("--reply-timeout", value(args, i++));
        case "-H", "--header" -> headers.add(header(value(args, i++)));
        default -> positional.add(args.get(i));
      }
    }
    if (positional.size() < 2) {
      throw new UsageException("send: give a URL and at least one message, for example: send ws://127.0.0.1:8080/echo hello");
    }
    URI uri;
    try {
      uri = new URI(positional.get(0));
    } catch (URISyntaxException e) {
      throw new UsageException("send: '" + positional.get(0) + "' is not a URL");
    }
    if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
      throw new UsageException("send: the URL must start with ws:// or wss://, got '" + positional.get(0) + "'");
    }
    WsClient.Options options = new WsClient.Options(timeout, replyTimeout == null ? timeout : replyTimeout, binary,
        keepGoing, headers);
    try {
      return new WsClient(out).send(uri, positional.subList(1, positional.size()), options);
    } catch (IllegalArgumentException e) {
      // the JDK's WebSocket client refuses headers it sets itself (Sec-WebSocket-*, Connection, Upgrade, Host)
      throw new UsageException("send: " + e.getMessage());
    }
  }

  private static Map.Entry<String, String> header(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new UsageException("-H: expected NAME:VALUE, for example -H 'Authorization: Bearer abc', got '" + text + "'");
    }
    return Map.entry(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
  }

  private static Path configOption(List<String> args) {
    Path config = null;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--config") || args.get(i).equals("-c")) {
        config = Path.of(value(args, i++));
      } else if (args.get(i).startsWith("--config=")) {
        config = Path.of(args.get(i).substring("--config=".length()));
      } else {
        throw new UsageException("unknown option '" + args.get(i) + "'");
      }
    }
    if (config == null) {
      throw new UsageException("--config FILE is required");
    }
    if (!Files.isRegularFile(config)) {
      throw new UsageException("configuration file " + config + " does not exist");
    }
    return config;
  }

  private static String value(List<String> args, int optionIndex) {
    if (optionIndex + 1 >= args.size()) {
      throw new UsageException(args.get(optionIndex) + " needs a value");
    }
    return args.get(optionIndex + 1);
  }

  private static int intValue(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n < 0 || n > 65535) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + ": expected a port between 0 and 65535, got '" + value + "'");
    }
  }

  private static Duration duration(String option, String value) {
    return Durations.parse(value)
        .orElseThrow(() -> new UsageException(option + ": expected " + Durations.EXPECTED + ", got '" + value + "'"));
  }

  /** A command-line mistake: printed with a hint to --help, exit code 2. */
  private static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
