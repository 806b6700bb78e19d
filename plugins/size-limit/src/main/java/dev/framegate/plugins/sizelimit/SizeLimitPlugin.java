package dev.framegate.plugins.sizelimit;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.WsContext;
import dev.framegate.api.config.ConfigName;
import java.util.Optional;

/**
 * Kong's {@code websocket-size-limit}: the largest message each side may send on a route, set in the
 * handshake phase. A message over the limit closes its sender with 1009 and the other side with
 * 1001; the engine enforces it at the frame header, so the oversized payload is never buffered.
 *
 * <pre>{@code
 * plugins:
 *   - name: size-limit
 *     config: {client-max-payload: 65536, upstream-max-payload: 1048576}
 * }</pre>
 */
@FramegatePlugin(name = "size-limit", priority = 1003, config = SizeLimitPlugin.Config.class)
public final class SizeLimitPlugin implements FramePlugin<SizeLimitPlugin.Config> {

  /** The largest limit the engine accepts: 32 MiB. */
  public static final int MAX_LIMIT = 32 * 1024 * 1024;

  /**
   * The plugin's configuration. Kong requires at least one of the two limits; here an entry without
   * either is accepted and changes nothing (Framegate's build tooling requires every plugin
   * configuration to bind with its defaults).
   *
   * @param clientMaxPayload the largest client message, in bytes of the whole message, 1 to 32 MiB;
   *     absent: the route's limit stays
   * @param upstreamMaxPayload the largest upstream message, in bytes, 1 to 32 MiB; absent: the route's
   *     limit stays
   */
  public record Config(
      @ConfigName("client-max-payload") Optional<Integer> clientMaxPayload,
      @ConfigName("upstream-max-payload") Optional<Integer> upstreamMaxPayload) {

    /** Checks the limits. */
    public Config {
      check("client-max-payload", clientMaxPayload);
      check("upstream-max-payload", upstreamMaxPayload);
    }

    private static void check(String name, Optional<Integer> limit) {
      if (limit.isPresent() && (limit.get() < 1 || limit.get() > MAX_LIMIT)) {
        throw new IllegalArgumentException(name + ": must be between 1 and " + MAX_LIMIT + " bytes (32 MiB), got " + limit.get());
      }
    }
  }

  /** Creates the plugin. */
  public SizeLimitPlugin() {}

  @Override
  public void onHandshake(WsContext ws, Config config) {
    config.clientMaxPayload().ifPresent(ws.client()::setMaxPayloadSize);
    config.upstreamMaxPayload().ifPresent(ws.upstream()::setMaxPayloadSize);
  }
}
