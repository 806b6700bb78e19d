package dev.framegate.runtime.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.NoConfig;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.harness.conformance.EventLog;
import dev.framegate.harness.conformance.RecordingPlugin;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * H5: a route's plugins cannot be bypassed by spelling its path another way. The plugin route
 * {@code /tplug} and the plain route {@code /tplain} proxy to different upstream paths, so the
 * upstream's request line shows which route served a request.
 */
class RequestPathRoutingTest {

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final EventLog events = new EventLog();
  private RawUpstream upstream;
  private Gateway gateway;

  @BeforeEach
  void start() throws Exception {
    upstream = keep(new RawUpstream());
    PluginChain recorded = PluginChain.builder().add(new RecordingPlugin(events), NoConfig.INSTANCE).build();
    gateway = keep(Gateway.builder(GatewayTransportTest.routes(
            new Route("tplug", "/tplug", upstream.uri("/plug"), recorded, EngineSettings.DEFAULTS),
            new Route("tplain", "/tplain", upstream.uri("/plain"), PluginChain.empty(), EngineSettings.DEFAULTS)))
        .shutdownGrace(Duration.ofSeconds(2))
        .start());
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("H5 dot segments, their percent-encodings and doubled slashes are resolved before routing")
  @ValueSource(strings = {
    "/tplain/../tplug/rec/T",
    "/tplain/%2e%2e/tplug/rec/T",
    "/tplain/.%2E/tplug/rec/T",
    "/tplain/./../tplug/rec/T",
    "//tplug//rec/T",
    "/%74plug/rec/T",
  })
  void normalisedPathPicksThePluginRoute(String path) throws Exception {
    RawClient client = keep(RawClient.connect(gateway.port())).upgrade(path);

    assertThat(client.response.status()).isEqualTo(101);
    assertThat(upstream.nextRequest().startLine()).startsWith("GET /plug/rec/T ");
    assertThat(events.events()).contains("recording handshake /tplug/rec/T");
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("H5 paths that climb above the root or hide a separator get 400 and never reach an upstream")
  @ValueSource(strings = {
    "/tplain/../../etc/passwd",
    "/tplain/..%2Ftplug/rec/T",
    "/tplain%2F..%2Ftplug",
    "/tplain/..%5Ctplug",
    "/tplain/..\\tplug",
    "/tplain;/../tplug/rec/T",
    "/tplug%00/rec",
  })
  void refusedPaths(String path) throws Exception {
    RawClient client = keep(RawClient.connect(gateway.port())).upgrade(path);

    assertThat(client.response.status()).isEqualTo(400);
    assertThat(client.response.body()).startsWith("Bad request path: ");
    assertThat(upstream.requests).isEmpty();
    assertThat(events.events()).isEmpty();
  }
}
