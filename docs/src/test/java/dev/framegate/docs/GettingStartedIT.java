package dev.framegate.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Follows docs/getting-started.md as an author would, from a fresh copy of the repository to a
 * plugin running in the runtime: every {@code sh} block runs, in order, in one shell (so {@code cd}
 * and {@code export} carry over), a {@code text} block is the expected output of the block before
 * it, and the {@code yaml} block is the {@code gateway.yaml} the page describes. The block that runs
 * {@code framegate:run} is started in the background and stopped with SIGTERM (Ctrl-C) once the
 * block after it has run.
 *
 * <p>What differs from an author's machine, and nothing else: the repository is copied from this
 * working tree (its files as {@code git ls-files} lists them, untracked ones included), Maven uses a
 * local repository of its own ({@code -Duser.home} in {@code MAVEN_OPTS}) which reads released
 * artifacts from the build's local repository before the network, and port 8080 is replaced by a
 * free port.
 */
class GettingStartedIT {

  private static final Pattern BLOCK = Pattern.compile("(?m)^```([a-z]*)[^\\n]*\\n(.*?)^```\\s*$", Pattern.DOTALL);

  private record Block(String language, String text) {}

  @Test
  @DisplayName("docs/getting-started.md works as written from a fresh clone, install step included")
  void gettingStartedWorksAsWritten() throws Exception {
    assumeFalse(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows"), "the page's commands are POSIX shell");
    Path root = Path.of(System.getProperty("framegate.root", "..")).toAbsolutePath().normalize();
    Path userRepository = Path.of(System.getProperty("framegate.userRepository",
        System.getProperty("user.home") + "/.m2/repository"));
    Path work = Path.of("target", "getting-started").toAbsolutePath();
    deleteRecursively(work);
    Path home = Files.createDirectories(work.resolve("home/.m2"));
    Files.writeString(home.resolve("settings.xml"), settings(userRepository));
    Path framegate = work.resolve("framegate");
    copyRepository(root, framegate);

    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    List<Block> blocks = blocks(Files.readString(root.resolve("docs/getting-started.md")), port);
    Path logs = Files.createDirectories(work.resolve("logs"));
    Path script = work.resolve("getting-started.sh");
    List<String> expectations = new ArrayList<>();
    Files.writeString(script, script(blocks, logs, port, expectations));

    ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
        .redirectErrorStream(true).redirectOutput(work.resolve("getting-started.log").toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("MAVEN_") && !name.equals("MAVEN_USER_HOME"));
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("MAVEN_OPTS", "-Duser.home=" + work.resolve("home") + " -Dframegate.port=" + port);
    Process process = builder.start();
    boolean finished = process.waitFor(60, TimeUnit.MINUTES);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String log = Files.readString(work.resolve("getting-started.log"));
    assertThat(finished).as("the page's commands finished within 60 minutes:\n%s", log).isTrue();
    assertThat(process.exitValue()).as("the page's commands succeeded:\n%s", log).isZero();

    for (String expectation : expectations) {
      String[] parts = expectation.split("\n", 2);
      List<String> actual = Files.readAllLines(logs.resolve(parts[0]));
      List<String> expected = parts[1].lines().filter(line -> !line.isBlank()).toList();
      assertThat(actual).as("the output of block %s, as the page shows it:\n%s", parts[0], log).containsSubsequence(expected);
    }
    assertThat(work.resolve("my-plugin/target/my-plugin-1.0.0-SNAPSHOT.jar")).isRegularFile();
    assertThat(work.resolve("my-plugin/src/main/java/com/example/ws/RateLimitPlugin.java")).isRegularFile();
    assertThat(Files.readString(logs.resolve("run.log"))).contains("framegate: stopped");
  }

  /** The fenced blocks of the page, 8080 replaced by the test's port. */
  static List<Block> blocks(String page, int port) {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(page);
    while (m.find()) {
      blocks.add(new Block(m.group(1), m.group(2).replace("8080", Integer.toString(port))));
    }
    return blocks;
  }

  /** One bash script running the page's blocks in order; records which log each text block checks. */
  static String script(List<Block> blocks, Path logs, int port, List<String> expectations) {
    // Each block runs in the script's own shell (cd and export carry over) with errexit in force;
    // its output goes to its log, which the exit trap prints when a command fails.
    StringBuilder out = new StringBuilder("""
        set -euo pipefail
        exec 3>&1 4>&2
        RUN_PID=
        CURRENT_LOG=
        stop_run() { if [ -n "$RUN_PID" ]; then kill -TERM "$RUN_PID" 2>/dev/null || true; wait "$RUN_PID" || true; RUN_PID=; fi; }
        on_exit() {
          status=$?
          exec 1>&3 2>&4
          if [ "$status" -ne 0 ] && [ -n "$CURRENT_LOG" ]; then cat "$CURRENT_LOG"; fi
          stop_run
        }
        trap on_exit EXIT
        """);
    String previousLog = null;
    boolean stopAfterNext = false;
    int step = 0;
    for (Block block : blocks) {
      switch (block.language()) {
        case "sh" -> {
          step++;
          if (block.text().contains("framegate:run")) {
            Path log = logs.resolve("run.log");
            out.append("echo '=== step ").append(step).append(" (background): ").append(firstLine(block)).append("'\n")
                .append(block.text().strip()).append(" > '").append(log).append("' 2>&1 &\n")
                .append("RUN_PID=$!\n")
                .append("for i in $(seq 1 900); do\n")
                .append("  if grep -q 'Starting the Framegate runtime' '").append(log).append("' && (echo > /dev/tcp/127.0.0.1/")
                .append(port).append(") 2>/dev/null; then break; fi\n")
                .append("  if ! kill -0 \"$RUN_PID\" 2>/dev/null; then cat '").append(log).append("'; exit 1; fi\n")
                .append("  sleep 1\n")
                .append("done\n")
                .append("if ! (echo > /dev/tcp/127.0.0.1/").append(port).append(") 2>/dev/null; then echo 'the runtime did not")
                .append(" start listening'; cat '").append(log).append("'; exit 1; fi\n");
            stopAfterNext = true;
            previousLog = null;
            continue;
          }
          String name = "step-" + step + ".log";
          Path log = logs.resolve(name);
          out.append("echo '=== step ").append(step).append(": ").append(firstLine(block)).append("'\n")
              .append("CURRENT_LOG='").append(log).append("'\n")
              .append("exec > \"$CURRENT_LOG\" 2>&1\n")
              .append(block.text())
              .append("exec 1>&3 2>&4\n")
              .append("cat \"$CURRENT_LOG\"\n")
              .append("CURRENT_LOG=\n");
          if (stopAfterNext) {
            out.append("stop_run\n");
            stopAfterNext = false;
          }
          previousLog = name;
        }
        case "text" -> {
          if (previousLog == null) {
            throw new IllegalStateException("a text block that follows no command: " + block.text());
          }
          expectations.add(previousLog + "\n" + block.text());
        }
        case "yaml" -> out.append("cat > gateway.yaml <<'FRAMEGATE_YAML'\n").append(block.text()).append("FRAMEGATE_YAML\n");
        default -> {
          // sample output of a failing build, and the like: not commands
        }
      }
    }
    return out.toString();
  }

  private static String firstLine(Block block) {
    return block.text().lines().findFirst().orElse("").replace("'", "");
  }

  /** Maven settings: released artifacts from the build's own local repository first, then Central. */
  private static String settings(Path userRepository) {
    String url = userRepository.toUri().toString();
    String repository = """
            <id>build-repository</id>
            <url>%s</url>
            <releases><enabled>true</enabled></releases>
            <snapshots><enabled>false</enabled></snapshots>
        """.formatted(url);
    return """
        <settings>
          <profiles>
            <profile>
              <id>build-repository</id>
              <repositories><repository>
        %s      </repository></repositories>
              <pluginRepositories><pluginRepository>
        %s      </pluginRepository></pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>build-repository</activeProfile></activeProfiles>
        </settings>
        """.formatted(repository, repository);
  }

  /** Copies the files git would give a fresh clone (tracked and untracked, not ignored), modes kept. */
  private static void copyRepository(Path root, Path target) throws IOException, InterruptedException {
    List<String> files = gitFiles(root);
    if (files == null) {
      copyTree(root, target);
      return;
    }
    for (String name : files) {
      Path source = root.resolve(name);
      if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Path destination = target.resolve(name);
      Files.createDirectories(destination.getParent());
      Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  private static List<String> gitFiles(Path root) throws IOException, InterruptedException {
    Process git;
    try {
      git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
          .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException noGit) {
      return null;
    }
    byte[] listing = git.getInputStream().readAllBytes();
    if (git.waitFor() != 0) {
      return null;
    }
    List<String> files = new ArrayList<>();
    for (String name : new String(listing, StandardCharsets.UTF_8).split("\0")) {
      if (!name.isEmpty()) {
        files.add(name);
      }
    }
    return files;
  }

  private static void copyTree(Path root, Path target) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (!dir.equals(root) && (name.equals("target") || name.equals(".git"))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(target.resolve(root.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        if (!file.getFileName().toString().equals(".git")) {
          Files.copy(file, target.resolve(root.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
