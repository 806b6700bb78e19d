package dev.framegate.engine.internal;

import dev.framegate.api.CloseCause;
import dev.framegate.api.HandshakeResponse;
import dev.framegate.api.Phase;
import dev.framegate.api.UpstreamRequest;
import dev.framegate.engine.ListenerInfo;
import dev.framegate.engine.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The handshake phase of one connection (rule P6, H3): the client's request as plugins see it, the
 * plugins' {@code onHandshake} calls, and what they ask of the two handshakes: a rejection, headers
 * for the 101, changes to the upstream request. Everything here is written on the thread that
 * starts the connection, before the upstream is contacted.
 */
final class HandshakePhase {

  /** A plugin's (or the phase's own) refusal of the client. */
  record Rejection(
      int status, Map<String, List<String>> headers, String body, CloseCause cause, String detail) {}

  private final ProxyConnection connection;
  private final EngineRequest request;
  private final Map<String, List<String>> upstreamHeaders;
  private final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
  private final Responses responses = new Responses();
  private final UpstreamChanges upstreamChanges = new UpstreamChanges();
  private Rejection rejection;

  HandshakePhase(ProxyConnection connection, EngineRequest request, ListenerInfo listener) {
    this.connection = connection;
    this.request = request;
    this.upstreamHeaders = HeaderRules.upstreamHeaders(request, listener);
  }

  EngineRequest request() {
    return request;
  }

  /** The headers to send upstream, as the plugins left them. */
  Map<String, List<String>> upstreamHeaders() {
    return Texts.copy(upstreamHeaders);
  }

  /** The extra headers of the 101 reply. */
  Map<String, List<String>> responseHeaders() {
    return Texts.copy(responseHeaders);
  }

  /** The rejection a plugin (or a plugin failure) asked for, or {@code null}. */
  Rejection rejection() {
    return rejection;
  }

  /** The headers of the rejection: those added with {@code addHeader}, then the rejection's own. */
  Map<String, List<String>> rejectionHeaders() {
    Map<String, List<String>> headers = new LinkedHashMap<>(responseHeaders);
    rejection.headers().forEach((k, v) -> headers.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    return headers;
  }

  HandshakeResponse response() {
    return responses;
  }

  UpstreamRequest upstreamRequest() {
    return upstreamChanges;
  }

  /**
   * Runs the plugins' {@code onHandshake} in chain order until one rejects the client, fails, or
   * runs past the plugin timeout (which ends the connection meanwhile).
   */
  void run() {
    PluginWatchdog.CallWatch watch = connection.watchdog.watch(Side.CLIENT);
    Reports reports = connection.reports;
    boolean timing = reports.timing;
    for (PluginSlot slot : connection.slots) {
      PluginContext ctx = slot.handshakeAndClose;
      responses.current = slot;
      ctx.active = true;
      long t0 = timing ? System.nanoTime() : 0;
      watch.enterPlugin(slot, Phase.HANDSHAKE);
      try {
        slot.plugin.onHandshake(ctx, slot.config);
        if (watch.leave()) {
          return;
        }
      } catch (Throwable t) {
        ctx.active = false;
        if (watch.leave()) {
          return;
        }
        reports.pluginFailed(slot, Phase.HANDSHAKE, t);
        rejection =
            new Rejection(
                500,
                Map.of(),
                "Internal Server Error",
                CloseCause.PLUGIN_ERROR,
                "plugin '" + slot.name + "' failed in onHandshake: " + t);
        return;
      } finally {
        ctx.active = false;
        if (timing) {
          reports.pluginTime(slot, Phase.HANDSHAKE, System.nanoTime() - t0);
        }
      }
      if (rejection != null) {
        return;
      }
    }
  }

  /** {@code ws.response()}: the client's answer. */
  private final class Responses implements HandshakeResponse {
    PluginSlot current;

    @Override
    public void reject(int status, String body) {
      reject(status, body, Map.of());
    }

    @Override
    public void reject(int status, String body, Map<String, String> headers) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException(
            "a rejection status must be an HTTP error status from 400 to 599, got " + status);
      }
      Map<String, List<String>> extra = new LinkedHashMap<>();
      if (headers != null) {
        headers.forEach(
            (name, value) ->
                extra
                    .computeIfAbsent(HeaderRules.checkSettable(name, value), k -> new ArrayList<>())
                    .add(value));
      }
      String text = body == null ? "" : body;
      rejection =
          new Rejection(
              status,
              extra,
              text,
              CloseCause.REJECTED,
              "plugin '" + current.name + "' rejected the handshake with " + status
                  + (text.isEmpty() ? "" : ": " + text));
    }

    @Override
    public void addHeader(String name, String value) {
      responseHeaders
          .computeIfAbsent(HeaderRules.checkSettable(name, value), k -> new ArrayList<>())
          .add(value);
    }
  }

  /** {@code ws.upstreamRequest()}: the request sent upstream. */
  private final class UpstreamChanges implements UpstreamRequest {
    @Override
    public void setHeader(String name, String value) {
      upstreamHeaders.put(HeaderRules.checkSettable(name, value), new ArrayList<>(List.of(value)));
    }

    @Override
    public void removeHeader(String name) {
      if (name != null) {
        upstreamHeaders.remove(name.toLowerCase(Locale.ROOT));
      }
    }
  }
}
