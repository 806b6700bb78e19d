package dev.framegate.engine.internal;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseCodes;
import dev.framegate.api.CloseStatus;
import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.PdkMisuseException;
import dev.framegate.engine.Side;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;

/**
 * One direction's plugin chain on its current message (rule P3, F1–F5, C3): runs the plugins in
 * order, carries out what they ask of the message (rewrite, drop, close), applies the error
 * policies, and forwards what is left. Only the direction's own thread touches it, except {@link
 * #closing()}.
 */
final class MessageChain {

  private static final int NONE = FrameView.NO_STATUS;

  final FrameView view = new FrameView();
  private final ProxyConnection connection;
  private final Direction direction;
  private final Side from;
  private final Side to;
  private final boolean fromClient;
  private final PluginContext[] contexts;
  private final PluginWatchdog.CallWatch watch;
  private final Reports reports;
  private final boolean timing;

  // what the plugins asked for the current message
  private boolean dropRequested;
  private PluginSlot dropper;
  private boolean closeRequested;
  private boolean closeAfterForward;
  private PluginSlot closer;
  /** The last plugin that changed the current message's payload or close status (for recordings). */
  private PluginSlot rewriter;
  private int closeStatus;
  private String closeReason;
  private int peerCloseStatus;
  private String peerCloseReason;

  MessageChain(ProxyConnection connection, Direction direction) {
    this.connection = connection;
    this.direction = direction;
    this.from = direction.from;
    this.to = direction.to;
    this.fromClient = direction.fromClient;
    this.watch = connection.watchdog.watch(from);
    this.reports = connection.reports;
    this.timing = reports.timing;
    PluginSlot[] slots = connection.slots;
    this.contexts = new PluginContext[slots.length];
    for (int i = 0; i < slots.length; i++) {
      contexts[i] = fromClient ? slots[i].clientFrame : slots[i].upstreamFrame;
    }
  }

  /** Whether a plugin asked, for the current message, to close the connection before forwarding. */
  boolean closing() {
    return closeRequested && !closeAfterForward;
  }

  /** Runs the chain on a whole text, binary, ping or pong message. */
  void run(FrameType type, ByteBuffer payload) {
    view.reset(type, payload);
    runAndRelease();
  }

  /** Runs the chain on a close frame (its wire payload and its code, or none). */
  void runClose(ByteBuffer wirePayload, int status) {
    view.resetClose(wirePayload, status);
    runAndRelease();
  }

  private void runAndRelease() {
    try {
      runOnce();
    } finally {
      view.release();
    }
  }

  private void runOnce() {
    dropRequested = false;
    closeRequested = false;
    closeAfterForward = false;
    rewriter = null;
    PluginContext[] ctxs = contexts;
    if (ctxs.length > 0) {
      boolean completed;
      watch.enterChain(ctxs[0].phase);
      try {
        completed = runPlugins(ctxs);
      } finally {
        if (watch.leave()) {
          completed = false; // the watchdog closed the connection (1011) meanwhile
        }
      }
      if (!completed) {
        dropRequested = true;
        return;
      }
    }
    if (!dropRequested && !closing()) {
      forward();
    } else if (dropRequested) {
      frameDroppedBy(dropper);
    }
    if (closeRequested) {
      reports.tapPluginClosed(from, closer.name);
      connection.setCause(CloseCause.PLUGIN_CLOSE, "plugin '" + closer.name + "' closed the connection");
      connection.outbound.writeClose(from, closeStatus, closeReason);
      connection.outbound.writeClose(to, peerCloseStatus, peerCloseReason);
    }
  }

  /**
   * Runs the plugins on the current message.
   *
   * @return {@code false} when the message ended the connection (a plugin failure that closes, or
   *     the plugin timeout), {@code true} when it goes on to be forwarded, dropped or closed on
   */
  private boolean runPlugins(PluginContext[] ctxs) {
    // One clock read per plugin call: each call's end is the next call's start.
    long t0 = timing ? System.nanoTime() : 0;
    for (int i = 0; i < ctxs.length; i++) {
      PluginContext ctx = ctxs[i];
      PluginSlot slot = ctx.slot;
      ctx.active = true;
      watch.watchCall(slot);
      try {
        if (timing) {
          try {
            callPlugin(slot.plugin, ctx, slot.config);
          } finally {
            long t1 = System.nanoTime();
            reports.pluginTime(slot, ctx.phase, t1 - t0);
            t0 = t1;
          }
        } else {
          callPlugin(slot.plugin, ctx, slot.config);
        }
        if (watch.timedOutAlready()) {
          return false;
        }
      } catch (Throwable t) {
        ctx.active = false;
        if (watch.timedOutAlready()) {
          return false;
        }
        reports.pluginFailed(slot, ctx.phase, t);
        ErrorPolicy policy = slot.entry.errorPolicy();
        if (policy == ErrorPolicy.SKIP) {
          if (timing) {
            t0 = System.nanoTime(); // the failure's logging is no plugin's time
          }
          continue;
        }
        if (policy == ErrorPolicy.DROP && view.type != FrameType.CLOSE) {
          dropRequested = true;
          dropper = slot;
          break;
        }
        closeRequested = false;
        dropRequested = true;
        connection.endBoth(
            CloseCause.PLUGIN_ERROR,
            "plugin '" + slot.name + "' failed in " + ctx.phase.methodName() + ": " + t,
            CloseCodes.INTERNAL_ERROR,
            "Internal Error");
        return false;
      } finally {
        ctx.active = false;
      }
      if (dropRequested || closing()) {
        break;
      }
    }
    return true;
  }

  private void callPlugin(FramePlugin<Object> plugin, PluginContext ctx, Object config)
      throws Exception {
    if (fromClient) {
      plugin.onClientFrame(ctx, config);
    } else {
      plugin.onUpstreamFrame(ctx, config);
    }
  }

  private void forward() {
    FrameView v = view;
    ByteBuffer payload = v.outgoing();
    int bytes = payload.remaining();
    if (v.rewritten) {
      reports.tapMessageRewritten(from, v.type, rewriter == null ? "" : rewriter.name);
    }
    boolean written;
    if (v.type == FrameType.CLOSE) {
      connection.setCause(
          fromClient ? CloseCause.CLIENT_CLOSE : CloseCause.UPSTREAM_CLOSE,
          Texts.sideName(from) + " closed"
              + (v.status == NONE ? " without a code" : " with " + v.status)
              + (v.length() == 0 ? "" : " '" + v.reasonText() + "'"));
      written = connection.outbound.writeClose(to, v.status, payload);
    } else {
      written = connection.outbound.write(to, v.type, payload);
    }
    if (written) {
      reports.forwarded(from, v.type, bytes);
    }
  }

  private void frameDroppedBy(PluginSlot slot) {
    reports.dropped(from, view.type, slot);
  }

  // ---------------------------------------------------------------- PDK operations on the message

  void setFrameData(PluginSlot slot, byte[] data) {
    FrameType type = view.type;
    if (type == FrameType.CLOSE) {
      if (data.length > 123) {
        throw new IllegalArgumentException(
            "a close reason is at most 123 bytes, got " + data.length);
      }
      if (data.length > 0 && view.status == NONE) {
        throw new IllegalArgumentException(
            "this close frame has no status code, and a close reason needs one: call"
                + " setStatus(...) before setFrameData(...)");
      }
    } else if (type.isControl()) {
      if (data.length > 125) {
        throw new IllegalArgumentException(
            "a " + type.kongName() + " payload is at most 125 bytes, got " + data.length);
      }
    } else if (data.length > direction.limit) {
      throw new IllegalArgumentException(
          "the new payload of " + data.length + " bytes exceeds the limit of " + direction.limit
              + " bytes for messages from " + Texts.sideName(from)
              + " (raise it with setMaxPayloadSize in onHandshake)");
    }
    if ((type == FrameType.TEXT || type == FrameType.CLOSE) && !Utf8.isValid(data)) {
      throw new IllegalArgumentException(
          "the new payload of a " + type.kongName() + " frame must be valid UTF-8");
    }
    view.replacePayload(ByteBuffer.wrap(data));
    rewriter = slot;
  }

  void setStatus(PluginSlot slot, int status) {
    if (view.type != FrameType.CLOSE) {
      throw new PdkMisuseException(
          "setStatus() is only allowed on a close frame, and this is a " + view.type.kongName()
              + " frame: use close(status, reason) to end the connection with a code");
    }
    checkCode(status, "status");
    view.replaceStatus(status);
    rewriter = slot;
  }

  void drop(PluginSlot slot) {
    if (view.type == FrameType.CLOSE) {
      throw new PdkMisuseException(
          "a close frame cannot be dropped: use " + (fromClient ? "ws.client()" : "ws.upstream()")
              + ".close(...) to end the connection, or setStatus/setFrameData to rewrite it");
    }
    if (!dropRequested) {
      dropRequested = true;
      dropper = slot;
    }
  }

  /**
   * A plugin closes the connection with the PDK 1.0 arguments: a {@code null} status echoes the
   * current close frame to its sender (not with {@code forwardAndClose}), a {@code null} peer status
   * sends no code.
   */
  void close(
      PluginSlot slot,
      Integer status,
      String reason,
      Integer peerStatus,
      String peerReason,
      boolean afterForward) {
    checkCloseAllowed(afterForward);
    int code = status == null ? NONE : checkCode(status, "status");
    String text = reason;
    if (!afterForward && status == null && view.type == FrameType.CLOSE) {
      code = view.status;
      if (text == null && code != NONE) {
        text = view.reasonText();
      }
    }
    checkReason(text, code, "reason", "status");
    int peerCode = peerStatus == null ? NONE : checkCode(peerStatus, "peerStatus");
    checkReason(peerReason, peerCode, "peerReason", "peerStatus");
    request(slot, code, text, peerCode, peerReason, afterForward);
  }

  /** A plugin closes the connection naming what each side gets. */
  void close(PluginSlot slot, CloseStatus toSender, CloseStatus toOther, boolean afterForward) {
    checkCloseAllowed(afterForward);
    request(slot, code(toSender), reason(toSender), code(toOther), reason(toOther), afterForward);
  }

  private int code(CloseStatus status) {
    if (status.isAsReceived()) {
      return view.type == FrameType.CLOSE ? view.status : NONE;
    }
    return status.code().orElse(NONE);
  }

  private String reason(CloseStatus status) {
    if (status.isAsReceived()) {
      return view.type == FrameType.CLOSE && view.status != NONE ? view.reasonText() : null;
    }
    return status.reason();
  }

  private void checkCloseAllowed(boolean afterForward) {
    if (afterForward && view.type == FrameType.CLOSE) {
      throw new PdkMisuseException(
          "forwardAndClose() is not allowed on a close frame, which ends the connection once"
              + " forwarded: let it pass, or use close(...) to answer it yourself");
    }
  }

  private void request(
      PluginSlot slot, int code, String text, int peerCode, String peerText, boolean afterForward) {
    if (closing()) {
      return; // the first close of this message stands
    }
    closeRequested = true;
    closeAfterForward = afterForward;
    closer = slot;
    closeStatus = code;
    closeReason = text;
    peerCloseStatus = peerCode;
    peerCloseReason = peerText;
    if (Reports.LOG.isLoggable(Level.FINE)) {
      Reports.LOG.fine("[" + connection.id() + "] plugin '" + slot.name + "' called "
          + (afterForward ? "forwardAndClose" : "close"));
    }
  }

  static int checkCode(int code, String what) {
    if (!CloseCodes.isSendable(code)) {
      throw new IllegalArgumentException(
          what + " " + code + " may not be sent in a close frame (RFC 6455 section 7.4): use"
              + " 1000-1003, 1007-1014 or 3000-4999");
    }
    return code;
  }

  static void checkReason(String reason, int code, String what, String codeName) {
    if (reason == null || reason.isEmpty()) {
      return;
    }
    if (code == NONE) {
      throw new IllegalArgumentException(
          "a close " + what + " needs a status code: pass " + codeName + " as well (e.g. 1000)");
    }
    int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > 123) {
      throw new IllegalArgumentException(
          "a close " + what + " is at most 123 bytes of UTF-8, got " + bytes);
    }
  }
}
