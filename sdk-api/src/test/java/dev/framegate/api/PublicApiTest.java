package dev.framegate.api;

import dev.framegate.apirecord.ApiRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The PDK's public API ({@code dev.framegate.api}, {@code dev.framegate.api.config}) against its
 * committed record {@code sdk-api/api/framegate-sdk-api.api}: a change that is not an addition
 * fails, naming it (docs/api-compatibility.md).
 */
class PublicApiTest {

  @Test
  @DisplayName("the PDK's public API changes compatibly only: the record lists every element, additions aside")
  void publicApiMatchesTheRecord() throws Exception {
    Path classes = Path.of(FramePlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> added = ApiRecord.check("framegate-sdk-api", classes, getClass().getClassLoader(),
        pkg -> pkg.equals("dev.framegate.api") || pkg.equals("dev.framegate.api.config"),
        Path.of("api", "framegate-sdk-api.api"));
    if (!added.isEmpty()) {
      System.out.println(ApiRecord.notice("framegate-sdk-api", added));
    }
  }
}
