package dev.framegate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.api.recordfixture.Callback;
import dev.framegate.apirecord.ApiRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API record check fails on what breaks users, names it, and lets additions through. */
class ApiRecordTest {

  private static final Predicate<String> FIXTURES = pkg -> pkg.equals("dev.framegate.api.recordfixture");
  private static final String CALL = "dev.framegate.api.recordfixture.Callback#public abstract void dev.framegate.api.recordfixture.Callback.call()";
  private static final String LIMIT = "dev.framegate.api.recordfixture.Values#public static final int dev.framegate.api.recordfixture.Values.LIMIT = 3";

  @TempDir
  Path dir;

  private Path classes() throws Exception {
    return Path.of(Callback.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private List<String> check(List<String> record) throws Exception {
    Path file = dir.resolve("fixture.api");
    Files.write(file, record);
    return ApiRecord.check("fixture", classes(), getClass().getClassLoader(), FIXTURES, file);
  }

  @Test
  @DisplayName("the listing has every public type and member, constants with their values, @Experimental elements left out")
  void listing() throws Exception {
    List<String> api = ApiRecord.list(classes(), getClass().getClassLoader(), FIXTURES);
    assertThat(api).contains(CALL, LIMIT,
        "dev.framegate.api.recordfixture.Callback: public abstract interface dev.framegate.api.recordfixture.Callback",
        "dev.framegate.api.recordfixture.Callback#public default int dev.framegate.api.recordfixture.Callback.optional()");
    assertThat(api).noneMatch(line -> line.contains("trial") || line.contains("Lab") || line.contains("Values()"));
    assertThat(check(api)).isEmpty();
  }

  @Test
  @DisplayName("a removed or changed element fails, named, with the command that records a meant change")
  void removalsAndChangesFail() throws Exception {
    List<String> record = new ArrayList<>(ApiRecord.list(classes(), getClass().getClassLoader(), FIXTURES));
    record.set(record.indexOf(LIMIT), LIMIT.replace("= 3", "= 4"));
    record.add("dev.framegate.api.recordfixture.Values#public static void dev.framegate.api.recordfixture.Values.gone()");
    assertThatThrownBy(() -> check(record))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fixture: incompatible changes to the public API recorded in")
        .hasMessageContaining("removed or changed: " + LIMIT.replace("= 3", "= 4"))
        .hasMessageContaining("removed or changed: dev.framegate.api.recordfixture.Values#public static void dev.framegate.api.recordfixture.Values.gone()")
        .hasMessageContaining(ApiRecord.UPDATE_COMMAND);
  }

  @Test
  @DisplayName("additions pass and are listed; an abstract method added to an interface others implement fails unless only Framegate implements it")
  void additions() throws Exception {
    List<String> record = new ArrayList<>(ApiRecord.list(classes(), getClass().getClassLoader(), FIXTURES));
    record.remove(CALL);
    assertThatThrownBy(() -> check(record))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("abstract method added to dev.framegate.api.recordfixture.Callback, which code outside Framegate may implement: " + CALL);

    record.add(0, "provider dev.framegate.api.recordfixture.Callback");
    assertThat(check(record)).containsExactly(CALL);

    List<String> withoutConstant = new ArrayList<>(ApiRecord.list(classes(), getClass().getClassLoader(), FIXTURES));
    withoutConstant.remove(LIMIT);
    assertThat(check(withoutConstant)).containsExactly(LIMIT);
    assertThat(ApiRecord.notice("fixture", List.of(LIMIT))).contains("1 addition(s)", "+ " + LIMIT, ApiRecord.UPDATE_COMMAND);
  }
}
