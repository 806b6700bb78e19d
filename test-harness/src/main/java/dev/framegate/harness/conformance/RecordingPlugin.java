package dev.framegate.harness.conformance;

import dev.framegate.api.Frame;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.WsContext;
import dev.framegate.engine.PluginChain;

/**
 * Records every phase call into an {@link EventLog}: {@code "<name> handshake <path>"}, {@code
 * "<name> client <frame>"}, {@code "<name> upstream <frame>"}, {@code "<name> close <cause>"}, where
 * a frame reads {@code TEXT hello}, {@code CLOSE 1000 bye} or {@code CLOSE none}. Its subclasses
 * differ only in name and priority, for the ordering scenarios (rule P2).
 */
@FramegatePlugin(name = "recording", priority = 0)
public class RecordingPlugin implements FramePlugin<NoConfig> {

  private final EventLog log;
  private final String name;

  /**
   * Creates the plugin.
   *
   * @param log where to record
   */
  public RecordingPlugin(EventLog log) {
    this.log = log;
    this.name = PluginChain.describe(getClass()).name();
  }

  /**
   * How an event describes a frame.
   *
   * @param frame the frame
   * @return for example {@code "TEXT hello"} or {@code "CLOSE 1000 bye"}
   */
  public static String describe(Frame frame) {
    return switch (frame.type()) {
      case CLOSE -> "CLOSE " + (frame.status().isPresent() ? String.valueOf(frame.status().getAsInt()) : "none")
          + (frame.length() == 0 ? "" : " " + frame.text());
      case BINARY -> "BINARY " + frame.length() + " bytes";
      default -> frame.type() + (frame.length() == 0 ? "" : " " + frame.text());
    };
  }

  @Override
  public void onHandshake(WsContext ws, NoConfig config) {
    log.add(name + " handshake " + ws.request().path());
  }

  @Override
  public void onClientFrame(WsContext ws, NoConfig config) {
    log.add(name + " client " + describe(ws.client().getFrame()));
  }

  @Override
  public void onUpstreamFrame(WsContext ws, NoConfig config) {
    log.add(name + " upstream " + describe(ws.upstream().getFrame()));
  }

  @Override
  public void onClose(WsContext ws, NoConfig config) {
    log.add(name + " close " + ws.closeInfo().cause());
  }

  /** A recorder that runs first (priority 100). */
  @FramegatePlugin(name = "recording-high", priority = 100)
  public static final class High extends RecordingPlugin {
    /**
     * Creates the plugin.
     *
     * @param log where to record
     */
    public High(EventLog log) {
      super(log);
    }
  }

  /** A recorder of priority 10, ordered before {@link Beta} by name. */
  @FramegatePlugin(name = "recording-alpha", priority = 10)
  public static final class Alpha extends RecordingPlugin {
    /**
     * Creates the plugin.
     *
     * @param log where to record
     */
    public Alpha(EventLog log) {
      super(log);
    }
  }

  /** A recorder of priority 10, ordered after {@link Alpha} by name. */
  @FramegatePlugin(name = "recording-beta", priority = 10)
  public static final class Beta extends RecordingPlugin {
    /**
     * Creates the plugin.
     *
     * @param log where to record
     */
    public Beta(EventLog log) {
      super(log);
    }
  }

  /** A recorder that runs last (priority -1000): it sees what earlier plugins left. */
  @FramegatePlugin(name = "recording-last", priority = -1000)
  public static final class Last extends RecordingPlugin {
    /**
     * Creates the plugin.
     *
     * @param log where to record
     */
    public Last(EventLog log) {
      super(log);
    }
  }
}
