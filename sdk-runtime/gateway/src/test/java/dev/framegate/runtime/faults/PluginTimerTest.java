package dev.framegate.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.RawUpstream;
import dev.framegate.runtime.internal.tyrus.Wire;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Time in the PDK on the runtime: the same plugin code the harness runs on virtual time, on real time. */
class PluginTimerTest {

  /** Answers the client's first message with a delayed echo, stamped with the plugin clock's interval. */
  @FramegatePlugin(name = "delayed-echo")
  public static final class DelayedEcho implements FramePlugin<NoConfig> {
    @Override
    public void onClientFrame(WsContext ws, NoConfig config) {
      String text = ws.client().getFrame().text();
      long asked = ws.clock().nanoTime();
      ws.schedule(Duration.ofMillis(300), task -> task.client().sendText(
          text + " after " + TimeUnit.NANOSECONDS.toMillis(task.clock().nanoTime() - asked) + " ms"));
    }
  }

  private final FaultRig rig = new FaultRig();

  @AfterEach
  void stop() throws Exception {
    rig.close();
  }

  @Test
  @DisplayName("a plugin's timer task fires on real time in the runtime and writes to the client")
  void timerFiresOnRealTime() throws Exception {
    RawUpstream upstream = rig.upstream(RawUpstream.Mode.RECORD);
    PluginChain chain = PluginChain.builder().add(new DelayedEcho(), NoConfig.INSTANCE).build();
    Gateway gateway = rig.gateway(FaultRig.route("/timer", upstream.uri("/"), chain, EngineSettings.DEFAULTS));
    RawClient client = rig.client(gateway, "/timer");
    long sent = System.nanoTime();
    client.sendText("ping");
    assertThat(upstream.nextFrame().text()).isEqualTo("ping");
    Wire.RawFrame answer = client.read();
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
    assertThat(answer.opcode()).isEqualTo(1);
    assertThat(answer.text()).startsWith("ping after ");
    long measuredByPlugin = Long.parseLong(answer.text().replaceAll("\\D+", ""));
    // Real time: neither the plugin's clock nor the client saw less than the delay.
    assertThat(measuredByPlugin).isGreaterThanOrEqualTo(300);
    assertThat(waitedMillis).isGreaterThanOrEqualTo(300);
  }
}
