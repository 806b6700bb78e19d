package dev.framegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Nothing in the repository points outside it where nothing is: the behaviour contract is
 * docs/conformance.md and docs/engine-behaviour.md, so no doc or comment cites a contract file the
 * repository does not have, and no page links to a web site that does not exist.
 */
class RepositoryReferencesTest {

  // written in two parts so that this file does not match itself
  private static final Pattern OUTSIDE_CONTRACT = Pattern.compile("\\b" + "SP" + "EC\\b");
  private static final Pattern MISSING_SITE = Pattern.compile("framegate" + "\\.dev\\b");
  private static final Pattern TEXT = Pattern.compile(".*\\.(java|md|groovy|xml|properties|sh|ya?ml|txt)$|.*/bin/framegate$");

  @Test
  @DisplayName("no file cites a contract outside the repository or a web site that does not exist")
  void noReferenceLeavesTheRepository() throws IOException {
    Path root = Path.of(System.getProperty("framegate.root", "..")).toAbsolutePath().normalize();
    assertThat(root.resolve("docs/conformance.md")).isRegularFile();
    List<String> found = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> inRepository(root.relativize(f))).toList()) {
        String name = root.relativize(file).toString().replace('\\', '/');
        if (!TEXT.matcher(name).matches()) {
          continue;
        }
        String text;
        try {
          text = Files.readString(file);
        } catch (MalformedInputException binary) {
          continue;
        }
        scanned++;
        for (Pattern pattern : List.of(OUTSIDE_CONTRACT, MISSING_SITE)) {
          Matcher m = pattern.matcher(text);
          while (m.find()) {
            int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            found.add(name + ":" + line + ": " + m.group());
          }
        }
      }
    }
    assertThat(scanned).as("files scanned").isGreaterThan(100);
    assertThat(found).as("references to a contract outside the repository (cite a rule of docs/conformance.md instead) "
        + "or to a web site that does not exist").isEmpty();
  }

  private static boolean inRepository(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("target") || name.equals(".git") || name.equals("node_modules")) {
        return false;
      }
    }
    return true;
  }
}
