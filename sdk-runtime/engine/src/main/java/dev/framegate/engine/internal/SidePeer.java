package dev.framegate.engine.internal;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseStatus;
import dev.framegate.api.FrameType;
import dev.framegate.api.Frame;
import dev.framegate.api.PdkMisuseException;
import dev.framegate.api.Peer;
import dev.framegate.api.Phase;
import dev.framegate.engine.Side;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** {@code ws.client()} or {@code ws.upstream()} of one context: checks the phase, then acts. */
final class SidePeer implements Peer {

  private static final int NO_CODE = FrameView.NO_STATUS;

  private final PluginContext context;
  private final Side side;
  private final String name;
  private final String otherName;
  private final Phase framePhase;

  SidePeer(PluginContext context, Side side) {
    this.context = context;
    this.side = side;
    this.name = side == Side.CLIENT ? "ws.client()" : "ws.upstream()";
    this.otherName = side == Side.CLIENT ? "ws.upstream()" : "ws.client()";
    this.framePhase = side == Side.CLIENT ? Phase.CLIENT_FRAME : Phase.UPSTREAM_FRAME;
  }

  private MessageChain frameDirection(String op) {
    context.checkActive(name, op);
    if (context.phase == framePhase) {
      return context.connection.direction(side).chain;
    }
    String hint =
        switch (context.phase) {
          case CLIENT_FRAME, UPSTREAM_FRAME ->
              "in " + context.phase.methodName() + " use " + otherName + "." + op + "()";
          case HANDSHAKE -> "onHandshake has no frame: frames flow once the handshake is done";
          case CLOSE -> "in onClose the connection has ended and there is no frame";
          case TIMER -> "a timer task has no frame: it may send messages and close the connection";
        };
    throw new PdkMisuseException(
        name + "." + op + "() is only allowed in " + framePhase.methodName() + "; " + hint);
  }

  private void checkSendPhase(String op) {
    context.checkActive(name, op);
    if (context.phase == Phase.HANDSHAKE || context.phase == Phase.CLOSE) {
      throw new PdkMisuseException(
          name + "." + op + "() is only allowed in onClientFrame, onUpstreamFrame and timer tasks; "
              + (context.phase == Phase.HANDSHAKE
                  ? "in onHandshake the connection is not open yet (schedule a task with ws.schedule(Duration.ZERO, ...)"
                      + " to send once it is)"
                  : "in onClose the connection has ended"));
    }
  }

  /** In a timer task, a close acts at once: there is no message whose handling it waits for. */
  private boolean inTimerTask(String op) {
    context.checkActive(name, op);
    return context.phase == Phase.TIMER;
  }

  @Override
  public Frame getFrame() {
    return frameDirection("getFrame").view;
  }

  @Override
  public void setFrameData(byte[] data) {
    Objects.requireNonNull(data, "data");
    frameDirection("setFrameData").setFrameData(context.slot, data.clone());
  }

  @Override
  public void setFrameData(String text) {
    Objects.requireNonNull(text, "text");
    frameDirection("setFrameData").setFrameData(context.slot, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void setStatus(int status) {
    frameDirection("setStatus").setStatus(context.slot, status);
  }

  @Override
  public void dropFrame() {
    frameDirection("dropFrame").drop(context.slot);
  }

  @Override
  public void close() {
    close(null, null, null, null);
  }

  @Override
  public void close(Integer status, String reason) {
    close(status, reason, null, null);
  }

  @Override
  public void close(Integer status, String reason, Integer peerStatus, String peerReason) {
    if (inTimerTask("close")) {
      int code = status == null ? NO_CODE : MessageChain.checkCode(status, "status");
      MessageChain.checkReason(reason, code, "reason", "status");
      int peerCode = peerStatus == null ? NO_CODE : MessageChain.checkCode(peerStatus, "peerStatus");
      MessageChain.checkReason(peerReason, peerCode, "peerReason", "peerStatus");
      closeNow(code, reason, peerCode, peerReason);
      return;
    }
    frameDirection("close").close(context.slot, status, reason, peerStatus, peerReason, false);
  }

  @Override
  public void close(CloseStatus toThisSide, CloseStatus toOtherSide) {
    Objects.requireNonNull(toThisSide, "toThisSide");
    Objects.requireNonNull(toOtherSide, "toOtherSide");
    if (inTimerTask("close")) {
      closeNow(toThisSide.code().orElse(NO_CODE), toThisSide.reason(),
          toOtherSide.code().orElse(NO_CODE), toOtherSide.reason());
      return;
    }
    frameDirection("close").close(context.slot, toThisSide, toOtherSide, false);
  }

  @Override
  public void forwardAndClose(Integer status, String reason, Integer peerStatus, String peerReason) {
    frameDirection("forwardAndClose")
        .close(context.slot, status, reason, peerStatus, peerReason, true);
  }

  @Override
  public void forwardAndClose(CloseStatus toThisSide, CloseStatus toOtherSide) {
    Objects.requireNonNull(toThisSide, "toThisSide");
    Objects.requireNonNull(toOtherSide, "toOtherSide");
    frameDirection("forwardAndClose").close(context.slot, toThisSide, toOtherSide, true);
  }

  private void closeNow(int code, String reason, int peerCode, String peerReason) {
    ProxyConnection connection = context.connection;
    connection.setCause(
        CloseCause.PLUGIN_CLOSE, "plugin '" + context.slot.name + "' closed the connection from a timer task");
    connection.outbound.writeClose(side, code, reason);
    connection.outbound.writeClose(side.other(), peerCode, peerReason);
  }

  @Override
  public int maxPayloadSize() {
    context.checkActive(name, "maxPayloadSize");
    return context.connection.direction(side).limit;
  }

  @Override
  public void setMaxPayloadSize(int bytes) {
    context.checkActive(name + ".setMaxPayloadSize()");
    if (context.phase != Phase.HANDSHAKE) {
      throw new PdkMisuseException(
          name + ".setMaxPayloadSize() is only allowed in onHandshake: message limits are fixed"
              + " before the first frame");
    }
    context.connection.direction(side).setLimit(bytes);
  }

  @Override
  public void sendText(String text) {
    Objects.requireNonNull(text, "text");
    checkSendPhase("sendText");
    send(FrameType.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), name + ".sendText()");
  }

  @Override
  public void sendBinary(byte[] data) {
    Objects.requireNonNull(data, "data");
    checkSendPhase("sendBinary");
    send(FrameType.BINARY, ByteBuffer.wrap(data.clone()), name + ".sendBinary()");
  }

  @Override
  public void sendPing(byte[] data) {
    Objects.requireNonNull(data, "data");
    checkSendPhase("sendPing");
    if (data.length > 125) {
      throw new IllegalArgumentException(
          "a ping payload is at most 125 bytes, got " + data.length);
    }
    send(FrameType.PING, ByteBuffer.wrap(data.clone()), name + ".sendPing()");
  }

  @Override
  public void sendPong(byte[] data) {
    Objects.requireNonNull(data, "data");
    checkSendPhase("sendPong");
    if (data.length > 125) {
      throw new IllegalArgumentException(
          "a pong payload is at most 125 bytes, got " + data.length);
    }
    send(FrameType.PONG, ByteBuffer.wrap(data.clone()), name + ".sendPong()");
  }

  private void send(FrameType type, ByteBuffer payload, String operation) {
    ProxyConnection connection = context.connection;
    boolean messageClosing =
        context.phase != Phase.TIMER && connection.direction(context.direction).chain.closing();
    if (connection.outbound.closed(side) || messageClosing) {
      throw new PdkMisuseException(
          operation + " cannot send: " + Texts.sideName(side)
              + " is closing and takes no more messages (onClose runs once the connection has ended)");
    }
    connection.reports.tapPluginSent(context.slot.name, side, type);
    connection.outbound.write(side, type, payload);
  }

  @Override
  public String toString() {
    return name;
  }
}
