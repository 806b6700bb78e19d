package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestPathsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("H5 dot segments, their encodings and repeated slashes are normalised before routing")
  @CsvSource({
    "/chat, /chat",
    "/, /",
    "/chat/, /chat/",
    "/tplain/../tplug/rec/T, /tplug/rec/T",
    "/tplain/%2e%2e/tplug, /tplug",
    "/tplain/.%2E/tplug, /tplug",
    "/tplain/%2E./tplug, /tplug",
    "/a/./b, /a/b",
    "/a/b/., /a/b/",
    "/a/b/.., /a/",
    "/a/.., /",
    "//tplug/x, /tplug/x",
    "/a//b///c, /a/b/c",
    "/%61%62%7e, /ab~",
    "/caf%c3%a9, /caf%C3%A9",
    "/name.with.dots/x.json, /name.with.dots/x.json",
    "/a/..b/c, /a/..b/c",
  })
  void normalises(String raw, String expected) {
    assertThat(RequestPaths.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("H5 paths that climb above the root, hide a slash, a backslash, a NUL or a parameter are refused")
  @CsvSource(delimiter = '|', value = {
    "/..|climbs above the root",
    "/plain/../../etc/passwd|climbs above the root",
    "/%2e%2e/x|climbs above the root",
    "/tplain%2F..%2Ftplug|encoded slash",
    "/tplain%2f..%2ftplug|encoded slash",
    "/tplain\\..\\tplug|backslash",
    "/tplain%5c..%5ctplug|encoded backslash",
    "/tplain%00|NUL",
    "/tplug;x/rec|path parameter",
    "/tplain/..;/tplug|path parameter",
    "/bad%zz|malformed percent-escape",
    "/bad%2|malformed percent-escape",
    "chat|must start with '/'",
  })
  void refuses(String raw, String reason) {
    assertThatThrownBy(() -> RequestPaths.normalize(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }
}
