package dev.framegate.harness.conformance;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;

/**
 * Uses per-connection state (rule P5): counts the messages of its connection in its private state,
 * puts a note in the shared store at handshake, and records, in each phase, its count, the shared
 * note and the handshake request: {@code "state-using <phase> count=<n> path=<path> q=<query a>
 * auth=<Authorization> sub=<subprotocol>"}.
 */
@FramegatePlugin(name = "state-using", priority = 50)
public final class StateUsingPlugin implements FramePlugin<NoConfig> {

  private final EventLog log;

  /**
   * Creates the plugin.
   *
   * @param log where to record
   */
  public StateUsingPlugin(EventLog log) {
    this.log = log;
  }

  @Override
  public void onHandshake(WsContext ws, NoConfig config) {
    ws.pluginState().put("count", 0);
    ws.sharedState().put("note", "from-" + ws.request().queryParameter("a").orElse("none"));
    record(ws, "handshake");
  }

  @Override
  public void onClientFrame(WsContext ws, NoConfig config) {
    ws.pluginState().merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
    record(ws, "client");
  }

  @Override
  public void onUpstreamFrame(WsContext ws, NoConfig config) {
    ws.pluginState().merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
    record(ws, "upstream");
  }

  @Override
  public void onClose(WsContext ws, NoConfig config) {
    record(ws, "close");
  }

  private void record(WsContext ws, String phase) {
    log.add("state-using " + phase + " count=" + ws.pluginState().get("count")
        + " path=" + ws.request().path()
        + " q=" + ws.request().queryParameter("a").orElse("-")
        + " auth=" + ws.request().headers().first("authorization").orElse("-")
        + " sub=" + ws.request().selectedSubprotocol().orElse("-"));
  }

  /** Reads the shared store and its own private state, for the privacy check (rule P5). */
  @FramegatePlugin(name = "state-reading", priority = 10)
  public static final class Reader implements FramePlugin<NoConfig> {
    private final EventLog log;

    /**
     * Creates the plugin.
     *
     * @param log where to record
     */
    public Reader(EventLog log) {
      this.log = log;
    }

    @Override
    public void onClientFrame(WsContext ws, NoConfig config) {
      log.add("state-reading client note=" + ws.sharedState().get("note") + " own-count=" + ws.pluginState().get("count"));
    }
  }
}
