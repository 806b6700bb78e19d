package dev.framegate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's start script, {@code bin/framegate} (src/main/dist/bin/framegate): the JVM
 * options it derives from the configuration and the environment (docs/sizing.md). A stand-in
 * {@code java} in a temporary {@code JAVA_HOME} prints the arguments it is started with.
 */
class StartScriptTest {

  private static final Path SCRIPT = Path.of("src/main/dist/bin/framegate");

  @TempDir Path dir;

  private Path javaHome;

  @BeforeEach
  void standInJava() throws IOException {
    javaHome = dir.resolve("jdk");
    Path java = javaHome.resolve("bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The script's output and exit code. */
  private record Started(int exit, List<String> arguments, String errors) {

    List<String> jvmOptions() {
      return arguments.subList(0, arguments.indexOf("dev.framegate.runtime.cli.Main"));
    }

    String option(String prefix) {
      return jvmOptions().stream().filter(a -> a.startsWith(prefix)).findFirst().orElse(null);
    }

    long megabytes(String prefix) {
      String option = option(prefix);
      assertThat(option).as(prefix + " in " + jvmOptions()).isNotNull().endsWith("m");
      return Long.parseLong(option.substring(prefix.length(), option.length() - 1));
    }
  }

  private Started start(Map<String, String> environment, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toAbsolutePath().toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("FRAMEGATE_") || k.equals("JAVA_OPTS"));
    env.put("JAVA_HOME", javaHome.toString());
    env.putAll(environment);
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Started(process.exitValue(), out.lines().toList(), err);
  }

  private Path config(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  @DisplayName("run: the heap follows the configured limits and the expected connections, with Serial")
  void heapFromLimitsAndConnections() throws Exception {
    config("gateway.yaml", """
        listeners:
          - {protocol: ws, host: 127.0.0.1, port: 0}
        defaults:
          limits: {client-max-payload: 2MiB, upstream-max-payload: 2MiB}
        routes:
          - name: echo
            path: /echo
            upstream: builtin:echo
        """);

    Started started = start(Map.of(), "run", "--config", "gateway.yaml");

    assertThat(started.exit).isZero();
    // 32 MiB + 1000 x 64 KiB + 4 x (4 MiB built-in max-in-flight + 2 MiB + 2 MiB)
    assertThat(started.megabytes("-Xmx")).isEqualTo(32 + 63 + 32);
    assertThat(started.megabytes("-Xmn")).isEqualTo(16);
    assertThat(started.megabytes("-Xms")).isEqualTo(32);
    assertThat(started.jvmOptions()).contains("-XX:+UseSerialGC");
    assertThat(started.arguments).endsWith("dev.framegate.runtime.cli.Main", "run", "--config", "gateway.yaml");

    Started tenThousand = start(Map.of("FRAMEGATE_CONNECTIONS", "10000"), "run", "-c", "gateway.yaml");
    assertThat(tenThousand.megabytes("-Xmx")).isEqualTo(32 + 625 + 32);
  }

  @Test
  @DisplayName("run: the largest value of each limit counts, and a built-in value that defaults leaves in place")
  void largestLimitAndBuiltInValues() throws Exception {
    config("gateway.yaml", """
        defaults:
          limits:
            client-max-payload: 65536      # not 64MiB
            max-in-flight: "1MiB"
        routes:
          - name: a
            path: /a
            upstream: ws://127.0.0.1:9000/a
            limits: {client-max-payload: 3MiB, upstream-max-payload: 8MiB}
        """);

    Started started = start(Map.of(), "run", "--config=gateway.yaml");

    // max-in-flight 1 MiB (set in defaults), client 3 MiB (largest), upstream 16 MiB (built-in: a
    // route without its own value gets it, since defaults does not set it)
    assertThat(started.megabytes("-Xmx")).isEqualTo(32 + 63 + 4 * (1 + 3 + 16));
    assertThat(started.megabytes("-Xmn")).isEqualTo(64);
    assertThat(started.megabytes("-Xms")).isEqualTo(80);

    config("gateway.json", """
        {"defaults": {"limits": {"client-max-payload": "2MiB", "upstream-max-payload": 1048576,
          "max-in-flight": "64KiB"}}, "routes": []}
        """);
    // JSON: where `defaults` ends is not read, so the built-in values always count
    assertThat(start(Map.of(), "run", "--config", "gateway.json").megabytes("-Xmx"))
        .isEqualTo(32 + 63 + 4 * (4 + 2 + 16));
  }

  @Test
  @DisplayName("JAVA_OPTS is added after the defaults and replaces their collector or heap shape")
  void javaOptsWinWhereTheyDecide() throws Exception {
    Started collector = start(Map.of("JAVA_OPTS", "-XX:+UseG1GC -Dx=y"), "run");
    assertThat(collector.jvmOptions()).contains("-XX:+UseG1GC", "-Dx=y").doesNotContain("-XX:+UseSerialGC");
    assertThat(collector.option("-Xmx")).isNotNull();

    Started heap = start(Map.of("JAVA_OPTS", "-Xmx64m"), "run");
    assertThat(heap.jvmOptions()).contains("-XX:+UseSerialGC", "-Xmx64m");
    assertThat(heap.jvmOptions().stream().filter(a -> a.startsWith("-Xm"))).containsExactly("-Xmx64m");

    Started percentage = start(Map.of("JAVA_OPTS", "-XX:MaxRAMPercentage=50"), "run");
    assertThat(percentage.option("-Xmx")).isNull();
  }

  @Test
  @DisplayName("FRAMEGATE_JAVA_OPTS replaces the defaults; set and empty leaves the JVM's own")
  void frameGateJavaOptsReplaceTheDefaults() throws Exception {
    Started replaced = start(Map.of("FRAMEGATE_JAVA_OPTS", "-Xmx1g -XX:+UseZGC"), "run");
    assertThat(replaced.jvmOptions()).contains("-Xmx1g", "-XX:+UseZGC").doesNotContain("-XX:+UseSerialGC");

    Started none = start(Map.of("FRAMEGATE_JAVA_OPTS", "", "FRAMEGATE_SHOW_JVM_OPTIONS", "1"), "run");
    assertThat(none.jvmOptions()).noneMatch(a -> a.startsWith("-X"));
    assertThat(none.errors).contains("framegate: JVM options:");
  }

  @Test
  @DisplayName("short-lived commands start small, with the C1 compiler only")
  void shortLivedCommands() throws Exception {
    for (String command : List.of("validate", "send", "version", "--help")) {
      Started started = start(Map.of(), command);
      assertThat(started.jvmOptions()).as(command)
          .contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
          .noneMatch(a -> a.startsWith("-Xmx"));
    }
  }

  @Test
  @DisplayName("the heap is at most three quarters of the machine's memory, and a bad count is refused")
  void boundsAndBadInput() throws Exception {
    Started huge = start(Map.of("FRAMEGATE_CONNECTIONS", "100000000"), "run");
    long machineMiB = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize() >> 20;
    assertThat(huge.megabytes("-Xmx")).isPositive().isLessThanOrEqualTo(machineMiB * 3 / 4);

    Started bad = start(Map.of("FRAMEGATE_CONNECTIONS", "lots"), "run");
    assertThat(bad.exit).isEqualTo(2);
    assertThat(bad.errors).contains("FRAMEGATE_CONNECTIONS must be a whole number, got 'lots'");
    assertThat(bad.arguments).as("the JVM is not started").isEmpty();
  }
}
