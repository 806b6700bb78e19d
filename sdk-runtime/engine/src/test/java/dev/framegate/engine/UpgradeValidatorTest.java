package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UpgradeValidatorTest {

  private static Map<String, List<String>> valid() {
    Map<String, List<String>> h = new HashMap<>();
    h.put("Upgrade", List.of("WebSocket"));
    h.put("Connection", List.of("keep-alive, Upgrade"));
    h.put("Sec-WebSocket-Key", List.of("dGhlIHNhbXBsZSBub25jZQ=="));
    h.put("Sec-WebSocket-Version", List.of("13"));
    return h;
  }

  @Test
  @DisplayName("H1 a valid upgrade passes")
  void validPasses() {
    assertThat(UpgradeValidator.check("GET", valid())).isEmpty();
  }

  @Test
  @DisplayName("H1 malformed upgrades get a reason for the 400 body")
  void malformed() {
    assertThat(UpgradeValidator.check("POST", valid())).contains("a WebSocket upgrade must use GET, not POST");
    Map<String, List<String>> h = valid();
    h.remove("Upgrade");
    assertThat(UpgradeValidator.check("GET", h)).contains("the request must carry 'Upgrade: websocket'");
    h = valid();
    h.put("Connection", List.of("close"));
    assertThat(UpgradeValidator.check("GET", h)).contains("the request must carry 'Connection: Upgrade'");
    h = valid();
    h.remove("Sec-WebSocket-Key");
    assertThat(UpgradeValidator.check("GET", h)).contains("the request must carry a Sec-WebSocket-Key header");
    h = valid();
    h.put("sec-websocket-key", List.of("dGhlIHNhbXBsZSBub25jZQ==", "dGhlIHNhbXBsZSBub25jZQ=="));
    h.remove("Sec-WebSocket-Key");
    assertThat(UpgradeValidator.check("GET", h))
        .contains("the request must carry exactly one Sec-WebSocket-Key header, it has several");
    h = valid();
    h.put("Sec-WebSocket-Key", List.of("short"));
    assertThat(UpgradeValidator.check("GET", h)).contains("Sec-WebSocket-Key must be the base64 encoding of 16 bytes");
    h = valid();
    h.put("Sec-WebSocket-Version", List.of("8"));
    assertThat(UpgradeValidator.check("GET", h)).contains("unsupported Sec-WebSocket-Version '8': only 13 is supported");
  }

  private static UpgradeValidator.Rejection rejection(String method, String version, Map<String, List<String>> h) {
    return UpgradeValidator.validate(method, version, HandshakeRequests.headers(h))
        .orElseThrow(() -> new AssertionError("expected a rejection of " + method + " " + version + " " + h));
  }

  @Test
  @DisplayName("H1.7 any version other than 13 gets 426 listing Sec-WebSocket-Version: 13 (RFC 6455 4.2.2)")
  void otherVersionsGet426WithTheSupportedVersion() {
    for (List<String> versions : List.of(List.of("8"), List.of("12"), List.of("14"), List.of("13, 8"), List.of("13", "8"),
        List.of("thirteen"))) {
      Map<String, List<String>> h = valid();
      h.put("Sec-WebSocket-Version", versions);
      UpgradeValidator.Rejection rejection = rejection("GET", "HTTP/1.1", h);
      assertThat(rejection.status()).as("%s", versions).isEqualTo(426);
      assertThat(rejection.headers()).as("%s", versions).containsExactly(Map.entry("Sec-WebSocket-Version", List.of("13")));
      assertThat(rejection.reason()).contains("only 13 is supported");
    }
    assertThat(UpgradeValidator.validate("GET", "HTTP/1.1", HandshakeRequests.headers(valid()))).isEmpty();
  }

  @Test
  @DisplayName("H1.8 an upgrade below HTTP/1.1 gets 400 (RFC 6455 4.1); 1.1 and above pass")
  void http10Gets400() {
    for (String version : List.of("HTTP/1.0", "HTTP/0.9", "1.0", "HTTP/x", "", "HTTP/")) {
      UpgradeValidator.Rejection rejection = rejection("GET", version, valid());
      assertThat(rejection.status()).as(version).isEqualTo(400);
      assertThat(rejection.headers()).isEmpty();
      assertThat(rejection.reason()).contains("HTTP/1.1 or higher");
    }
    for (String version : List.of("HTTP/1.1", "http/1.1", "HTTP/2.0", "1.1")) {
      assertThat(UpgradeValidator.validate("GET", version, HandshakeRequests.headers(valid()))).as(version).isEmpty();
    }
  }

  @Test
  @DisplayName("H1 a malformed upgrade is a 400 without extra headers, whatever its version header says")
  void malformedIs400EvenWithAnotherVersion() {
    Map<String, List<String>> h = valid();
    h.remove("Sec-WebSocket-Key");
    h.put("Sec-WebSocket-Version", List.of("8"));
    assertThat(rejection("GET", "HTTP/1.1", h)).isEqualTo(
        new UpgradeValidator.Rejection(400, Map.of(), "the request must carry a Sec-WebSocket-Key header"));
    h = valid();
    h.remove("Sec-WebSocket-Version");
    assertThat(rejection("GET", "HTTP/1.1", h).status()).isEqualTo(400);
    assertThat(rejection("POST", "HTTP/1.0", valid()).reason()).contains("HTTP/1.1");
  }

  @Test
  @DisplayName("H3 ListenerInfo implied by the Host header")
  void impliedListener() {
    assertThat(ListenerInfo.impliedBy(Rig.request())).isEqualTo(new ListenerInfo(false, "gw.example", 8080));
  }
}
