package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {

  private static final EngineSettings D = EngineSettings.DEFAULTS;

  @Test
  void eachWitherChangesItsOwnSettingOnly() {
    Duration d = Duration.ofSeconds(7);
    assertThat(D.withClientMaxPayload(10)).isEqualTo(copy(10, D.upstreamMaxPayload(), 0, 0, D.connectTimeout(),
        D.sendTimeout(), D.closeLinger(), D.idleTimeout(), D.keepaliveInterval(), false));
    assertThat(D.withUpstreamMaxPayload(10)).isEqualTo(copy(D.clientMaxPayload(), 10, 0, 0, D.connectTimeout(),
        D.sendTimeout(), D.closeLinger(), D.idleTimeout(), D.keepaliveInterval(), false));
    assertThat(D.withMaxFragments(3).maxFragments()).isEqualTo(3);
    assertThat(D.withMaxMessagesPerSecond(4).maxMessagesPerSecond()).isEqualTo(4);
    assertThat(D.withConnectTimeout(d)).isEqualTo(copy(D.clientMaxPayload(), D.upstreamMaxPayload(), 0, 0, d,
        D.sendTimeout(), D.closeLinger(), D.idleTimeout(), D.keepaliveInterval(), false));
    assertThat(D.withSendTimeout(d).sendTimeout()).isEqualTo(d);
    assertThat(D.withCloseLinger(d).closeLinger()).isEqualTo(d);
    assertThat(D.withIdleTimeout(d)).isEqualTo(copy(D.clientMaxPayload(), D.upstreamMaxPayload(), 0, 0,
        D.connectTimeout(), D.sendTimeout(), D.closeLinger(), d, D.keepaliveInterval(), false));
    assertThat(D.withKeepaliveInterval(d).keepaliveInterval()).isEqualTo(d);
    assertThat(D.withAutoPong(true).autoPong()).isTrue();
    EngineSettings all = D.withMaxFragments(3).withMaxMessagesPerSecond(4).withCloseLinger(d).withAutoPong(true)
        .withPluginTimeout(d).withMaxInFlightBytes(1 << 20);
    assertThat(all).isEqualTo(new EngineSettings(D.clientMaxPayload(), D.upstreamMaxPayload(), 3, 4,
        D.connectTimeout(), D.sendTimeout(), d, D.idleTimeout(), D.keepaliveInterval(), true, d, 1 << 20));
  }

  @Test
  void withersCheckTheirValueAndNameIt() {
    assertThatThrownBy(() -> D.withMaxFragments(-1)).hasMessageContaining("maxFragments");
    assertThatThrownBy(() -> D.withIdleTimeout(Duration.ofSeconds(-1))).hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> D.withClientMaxPayload(0)).hasMessageContaining("clientMaxPayload");
  }

  private static EngineSettings copy(int client, int upstream, int fragments, int rate, Duration connect,
      Duration send, Duration linger, Duration idle, Duration keepalive, boolean autoPong) {
    return new EngineSettings(client, upstream, fragments, rate, connect, send, linger, idle, keepalive, autoPong);
  }
}
