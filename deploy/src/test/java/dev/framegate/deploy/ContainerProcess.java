package dev.framegate.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The image's entry point (bin/framegate-container) run from the image layout, as the container runs it. */
final class ContainerProcess implements AutoCloseable {

  private static final Pattern RUNNING = Pattern.compile("framegate is running on port (\\d+)");
  private static final Pattern ADMIN = Pattern.compile("admin endpoint on http://[^/]+:(\\d+)/");

  private final Process process;
  private final List<String> output = new ArrayList<>();
  private int port = -1;
  private int adminPort = -1;

  private ContainerProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "container-output");
    reader.setDaemon(true);
    reader.start();
  }

  static Path layout() {
    Path layout = Path.of(System.getProperty("framegate.image.layout", "target/image/framegate"));
    if (!layout.resolve("bin/framegate-container").toFile().canExecute()) {
      throw new IllegalStateException(layout + " holds no image layout: run `package` on deploy first");
    }
    return layout;
  }

  static ContainerProcess start(Path config) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(layout().resolve("bin/framegate-container").toString(),
        "run", "--config", config.toString()).redirectErrorStream(true);
    builder.environment().put("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
    ContainerProcess container = new ContainerProcess(builder.start());
    container.await(() -> container.port > 0 && container.adminPort > 0, Duration.ofSeconds(60), "listening");
    return container;
  }

  private void read() {
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
      // ended
    }
  }

  interface Condition {
    boolean holds();
  }

  void await(Condition condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (output) {
      while (!condition.holds()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || (!process.isAlive() && !condition.holds())) {
          throw new AssertionError("not " + what + " within " + timeout + ":\n" + output());
        }
        try {
          output.wait(Math.min(left, 100));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  void awaitOutput(String text, Duration timeout) {
    await(() -> output.stream().anyMatch(line -> line.contains(text)), timeout, "printed \"" + text + "\"");
  }

  long countOutput(String text) {
    synchronized (output) {
      return output.stream().filter(line -> line.contains(text)).count();
    }
  }

  URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  long pid() {
    return process.pid();
  }

  Process process() {
    return process;
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Runs an exec handler of the Deployment (a probe, the preStop hook) against this process. */
  int exec(List<String> command, Duration timeout) throws IOException, InterruptedException {
    List<String> local = new ArrayList<>(command);
    local.set(0, local.get(0).replace("/opt/framegate", layout().toString()));
    ProcessBuilder builder = new ProcessBuilder(local).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("FRAMEGATE_ADMIN_PORT", Integer.toString(adminPort));
    env.put("FRAMEGATE_PID", Long.toString(process.pid()));
    Process handler = builder.start();
    if (!handler.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      handler.destroyForcibly();
      throw new AssertionError(command + " did not finish within " + timeout);
    }
    return handler.exitValue();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
