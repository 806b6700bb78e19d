package dev.framegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.CloseCause;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EngineDrainTest {

  /** Records its handshake calls. */
  @dev.framegate.api.FramegatePlugin(name = "handshakes")
  public static final class Handshakes implements FramePlugin<NoConfig> {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onHandshake(WsContext ws, NoConfig config) {
      seen.add(ws.request().path());
    }
  }

  @Test
  @DisplayName("C6 while draining, a new connection is refused with 503 before its handshake phase; an open one goes on")
  void drainingRefusesNewConnectionsOnly() {
    Rig.ManualScheduler scheduler = new Rig.ManualScheduler();
    Rig.RecordingObserver observer = new Rig.RecordingObserver();
    Engine engine = Engine.create(scheduler, observer);
    Handshakes plugin = new Handshakes();
    PluginChain chain = PluginChain.builder().add(plugin, NoConfig.INSTANCE).build();

    Rig.RecordingTransport openTransport = new Rig.RecordingTransport();
    Connection open = engine.open(chain, EngineSettings.DEFAULTS, openTransport);
    open.start(Rig.request());
    open.upstreamConnected(null);
    assertThat(engine.isDraining()).isFalse();

    engine.drain();

    assertThat(engine.isDraining()).isTrue();
    Rig.RecordingTransport refusedTransport = new Rig.RecordingTransport();
    Connection refused = engine.open(chain, EngineSettings.DEFAULTS, refusedTransport);
    refused.start(Rig.request());
    assertThat(refusedTransport.rejected()).isNotNull();
    assertThat(refusedTransport.rejected().status()).isEqualTo(503);
    assertThat(refusedTransport.rejected().body()).contains("shutting down");
    assertThat(refusedTransport.connectRequested()).as("the upstream is not contacted").isNull();
    assertThat(plugin.seen).as("only the first connection ran its handshake phase").hasSize(1);
    assertThat(refused.isFinished()).isTrue();
    assertThat(observer.finished).extracting(info -> info.cause()).containsExactly(CloseCause.SHUTDOWN);

    open.frame(Side.CLIENT, true, 0, 1, Rig.utf8("still open"));
    assertThat(openTransport.texts(Side.UPSTREAM)).containsExactly("still open");
    assertThat(open.isFinished()).isFalse();
  }
}
