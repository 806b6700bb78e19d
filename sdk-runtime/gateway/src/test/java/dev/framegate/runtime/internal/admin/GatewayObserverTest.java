package dev.framegate.runtime.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FrameType;
import dev.framegate.api.Phase;
import dev.framegate.engine.EngineObserver;
import dev.framegate.engine.Side;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GatewayObserverTest {

  private final GatewayObserver observer = new GatewayObserver(new RouteTable() {
    @Override
    public Optional<Route> resolve(String path) {
      return Optional.empty();
    }

    @Override
    public List<Route> routes() {
      return List.of();
    }
  }, Clock.systemUTC());

  @Test
  @DisplayName("frame, byte and plugin-time series appear once used, sorted by their labels")
  void seriesAppearOnceUsedInLabelOrder() {
    assertThat(observer.prometheus())
        .contains("# TYPE framegate_frames_total counter\n# HELP framegate_bytes_total")
        .contains("# TYPE framegate_bytes_total counter\n# HELP framegate_frames_dropped_total")
        .endsWith("# TYPE framegate_plugin_seconds summary\n");

    observer.messageForwarded("c1", Side.UPSTREAM, FrameType.BINARY, 7);
    observer.messageForwarded("c1", Side.CLIENT, FrameType.TEXT, 5);
    observer.messageForwarded("c2", Side.CLIENT, FrameType.TEXT, 6);
    observer.messageForwarded("c2", Side.CLIENT, FrameType.PING, 0);
    EngineObserver.PluginTimer zFrames = observer.pluginTimer("z-plugin", Phase.CLIENT_FRAME);
    zFrames.record(1_000);
    zFrames.record(2_000);
    observer.pluginTime("a-plugin", Phase.HANDSHAKE, 1_500_000_000L);
    observer.pluginTimer("a-plugin", Phase.CLOSE); // asked for, never used: no series

    assertThat(observer.prometheus()).contains("""
        # TYPE framegate_frames_total counter
        framegate_frames_total{direction="client_to_upstream",type="ping"} 1
        framegate_frames_total{direction="client_to_upstream",type="text"} 2
        framegate_frames_total{direction="upstream_to_client",type="binary"} 1
        # HELP framegate_bytes_total Payload bytes forwarded, by direction.
        # TYPE framegate_bytes_total counter
        framegate_bytes_total{direction="client_to_upstream"} 11
        framegate_bytes_total{direction="upstream_to_client"} 7
        """).endsWith("""
        # TYPE framegate_plugin_seconds summary
        framegate_plugin_seconds_sum{plugin="a-plugin",phase="handshake"} 1.500000000
        framegate_plugin_seconds_count{plugin="a-plugin",phase="handshake"} 1
        framegate_plugin_seconds_sum{plugin="z-plugin",phase="client_frame"} 0.000003000
        framegate_plugin_seconds_count{plugin="z-plugin",phase="client_frame"} 2
        """);
  }

  @Test
  @DisplayName("a direction whose only frames were empty still has a byte series, at zero")
  void emptyFramesStillNameTheirDirection() {
    observer.messageForwarded("c1", Side.UPSTREAM, FrameType.PONG, 0);

    assertThat(observer.prometheus())
        .contains("framegate_bytes_total{direction=\"upstream_to_client\"} 0\n")
        .doesNotContain("framegate_bytes_total{direction=\"client_to_upstream\"}");
  }
}
