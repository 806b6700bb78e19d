package dev.framegate.plugins.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Framegate distribution started as its own process ({@code bin/framegate run --config FILE}),
 * with a plugin directory holding the given plugin JARs: how a user runs the bundled plugins.
 *
 * <p>The distribution comes from the {@code framegate.distribution} system property, the plugin
 * JAR under test from {@code framegate.pluginJar} (both set by the bundled plugins' build).
 */
public final class RuntimeProcess implements AutoCloseable {

  private static final Pattern RUNNING = Pattern.compile("framegate is running on port (\\d+)");
  private static final Pattern ADMIN = Pattern.compile("admin endpoint on http://[^/]+:(\\d+)/");

  private final Process process;
  private final Path directory;
  private final List<String> output = new ArrayList<>();
  private final Thread reader;
  private int port = -1;
  private int adminPort = -1;

  private RuntimeProcess(Process process, Path directory) {
    this.process = process;
    this.directory = directory;
    this.reader = new Thread(this::readOutput, "runtime-output-" + process.pid());
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /**
   * The distribution directory the tests run.
   *
   * @return the directory holding {@code bin/framegate}
   */
  public static Path distribution() {
    String value = System.getProperty("framegate.distribution");
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("set -Dframegate.distribution to the distribution directory"
          + " (sdk-runtime/gateway/target/framegate of a root build)");
    }
    Path home = Path.of(value);
    if (!Files.isExecutable(home.resolve("bin/framegate"))) {
      throw new IllegalStateException(home + "/bin/framegate is missing: build the distribution first"
          + " (./mvnw -B -q -DskipTests package at the root)");
    }
    return home;
  }

  /**
   * The plugin JAR this module built.
   *
   * @return the JAR
   */
  public static Path pluginJar() {
    String value = System.getProperty("framegate.pluginJar");
    if (value == null || !Files.isRegularFile(Path.of(value))) {
      throw new IllegalStateException("the plugin JAR " + value + " is missing: runtime tests run after `package`"
          + " (mvn verify runs them with failsafe)");
    }
    return Path.of(value);
  }

  /**
   * Starts the runtime with a configuration; the plugin directory ({@code plugins}, next to it) gets
   * a copy of each JAR. Returns once the runtime listens.
   *
   * @param directory a fresh directory for the configuration and the plugin directory
   * @param yaml the configuration (YAML); it should set {@code plugins: {directory: plugins}}
   * @param jars the plugin JARs to load
   * @return the running runtime
   * @throws IOException when the files cannot be written or the process not started
   */
  public static RuntimeProcess start(Path directory, String yaml, Path... jars) throws IOException {
    return start(directory, yaml, List.of(), jars);
  }

  /**
   * Starts the runtime, as {@link #start(Path, String, Path...)}, with extra JVM options.
   *
   * @param directory a fresh directory for the configuration and the plugin directory
   * @param yaml the configuration
   * @param javaOptions JVM options (JAVA_OPTS)
   * @param jars the plugin JARs to load
   * @return the running runtime
   * @throws IOException when the files cannot be written or the process not started
   */
  public static RuntimeProcess start(Path directory, String yaml, List<String> javaOptions, Path... jars)
      throws IOException {
    Path plugins = Files.createDirectories(directory.resolve("plugins"));
    for (Path jar : jars) {
      Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    Path config = directory.resolve("gateway.yaml");
    Files.writeString(config, yaml);
    ProcessBuilder builder = new ProcessBuilder(distribution().resolve("bin/framegate").toString(), "run",
        "--config", config.toString())
        .directory(directory.toFile())
        .redirectErrorStream(true);
    // one small heap and the C1 compiler: two cores are shared by the whole build
    builder.environment().put("JAVA_OPTS", String.join(" ", javaOptions) + " -Xmx256m -XX:TieredStopAtLevel=1");
    RuntimeProcess runtime = new RuntimeProcess(builder.start(), directory);
    runtime.awaitListening(Duration.ofSeconds(60));
    return runtime;
  }

  private void readOutput() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (output) {
          output.add(line);
          Matcher running = RUNNING.matcher(line);
          if (running.find()) {
            port = Integer.parseInt(running.group(1));
          }
          Matcher admin = ADMIN.matcher(line);
          if (admin.find()) {
            adminPort = Integer.parseInt(admin.group(1));
          }
          output.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private void awaitListening(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (output) {
      while (port < 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || (!process.isAlive() && port < 0)) {
          process.destroyForcibly();
          throw new IllegalStateException("the runtime did not start within " + timeout + ":\n" + String.join("\n", output));
        }
        try {
          output.wait(Math.min(left, 200));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
  }

  /**
   * The first listener's port.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * A {@code ws://127.0.0.1:port/...} URI on the first listener.
   *
   * @param path the path
   * @return the URI
   */
  public URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  /**
   * The process.
   *
   * @return the process
   */
  public Process process() {
    return process;
  }

  /**
   * The directory holding the configuration and plugin directory.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * What the process printed so far (standard output and error).
   *
   * @return the lines
   */
  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /**
   * Waits until a printed line contains a text.
   *
   * @param text the text
   * @param timeout how long to wait
   * @return whether it was printed in time
   */
  public boolean awaitOutput(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (output) {
      while (output.stream().noneMatch(line -> line.contains(text))) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        try {
          output.wait(Math.min(left, 200));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /**
   * GETs a path of the admin endpoint (the configuration must enable it, port 0 is fine).
   *
   * @param path for example {@code /metrics}
   * @return the status and body
   * @throws IOException when the request fails
   */
  public HttpResponse<String> admin(String path) throws IOException {
    synchronized (output) {
      if (adminPort < 0) {
        throw new IllegalStateException("the admin endpoint is not enabled in the configuration:\n" + output());
      }
    }
    try {
      return HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * Sends SIGTERM and waits for the process to end.
   *
   * @param timeout how long to wait
   * @return the exit code
   * @throws IllegalStateException when it did not end in time (it is then killed)
   */
  public int stop(Duration timeout) {
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the runtime did not stop within " + timeout + " of SIGTERM:\n" + output());
      }
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        stop(Duration.ofSeconds(30));
      } catch (IllegalStateException e) {
        // killed
      }
    }
  }
}
