package dev.framegate.harness.conformance;

import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.harness.FrameEndpoint;
import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HandshakeResult;
import dev.framegate.harness.HandshakeSpec;
import dev.framegate.harness.HarnessConnection;
import dev.framegate.harness.UpstreamHandshake;
import dev.framegate.harness.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conformance suite's view of the test harness: the engine with simulated sides and a virtual
 * clock. Each {@link #configure} builds a new {@link FrameHarness} on the same clock, so connections
 * opened before keep their chain.
 */
public final class HarnessGateway implements GatewayUnderTest {

  private final VirtualClock clock = new VirtualClock();
  private final List<FrameHarness> harnesses = new ArrayList<>();
  private FrameHarness current;

  /** Creates a gateway with no plugins and the default settings. */
  public HarnessGateway() {
    configure(PluginChain.empty(), EngineSettings.DEFAULTS);
  }

  @Override
  public void configure(PluginChain chain, EngineSettings settings) {
    current = FrameHarness.builder().clock(clock).chain(chain).settings(settings).build();
    harnesses.add(current);
  }

  @Override
  public GatewayConnection connect(HandshakeSpec spec, UpstreamAnswer answer) {
    HarnessConnection connection = current.connect(spec);
    if (connection.upstream().wasContactedYet()) {
      switch (answer.kind()) {
        case ACCEPT -> connection.upstream().accept(answer.subprotocol().orElse(null));
        case REJECT -> connection.upstream().reject(answer.status());
        case UNREACHABLE -> connection.upstream().unreachable();
        case SILENT -> connection.upstream().stayQuiet();
      }
    }
    return new Connection(connection);
  }

  @Override
  public void passTime(Duration duration) {
    clock.advance(duration);
  }

  @Override
  public void shutdown() {
    harnesses.forEach(FrameHarness::shutdown);
  }

  @Override
  public Duration patience() {
    return Duration.ZERO;
  }

  @Override
  public void close() {
    harnesses.forEach(FrameHarness::close);
  }

  private record Connection(HarnessConnection connection) implements GatewayConnection {
    @Override
    public HandshakeResult handshake() {
      return connection.handshake();
    }

    @Override
    public Optional<UpstreamHandshake> upstreamRequest() {
      return connection.upstream().wasContacted() ? Optional.of(connection.upstream().handshakeRequest()) : Optional.empty();
    }

    @Override
    public FrameEndpoint client() {
      return connection.client();
    }

    @Override
    public FrameEndpoint upstream() {
      return connection.upstream();
    }

    @Override
    public String transcript() {
      return connection.transcript();
    }
  }
}
