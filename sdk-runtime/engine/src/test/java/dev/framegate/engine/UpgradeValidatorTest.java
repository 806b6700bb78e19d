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

  @Test
  @DisplayName("H3 ListenerInfo implied by the Host header")
  void impliedListener() {
    assertThat(ListenerInfo.impliedBy(Rig.request())).isEqualTo(new ListenerInfo(false, "gw.example", 8080));
  }
}
