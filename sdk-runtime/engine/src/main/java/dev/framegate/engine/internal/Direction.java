package dev.framegate.engine.internal;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseCodes;
import dev.framegate.api.FrameType;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.Side;
import java.nio.ByteBuffer;

/**
 * The frames from one side (rule A1–A4, C5): headers and frames checked against RFC 6455 and the
 * limits, fragments reassembled and UTF-8 checked as they come, each whole message handed to the
 * direction's {@link MessageChain}. Only the thread inside its {@link EventOrder} touches its
 * fields.
 */
final class Direction {

  private static final int NONE = FrameView.NO_STATUS;
  private static final long SECOND = 1_000_000_000L;

  /** A frame posted while the direction was busy; without a payload: a header refused as it came. */
  private record PendingFrame(
      boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload, long length) {}

  final Side from;
  final Side to;
  final boolean fromClient;
  final MessageChain chain;
  /** Who is inside this direction: its frames, its timer tasks (and, for the client, the handshake). */
  final EventOrder order;
  /** The sender's current max payload. */
  int limit;
  private final ProxyConnection connection;
  private final EngineSettings settings;
  private final Outbound outbound;

  private final PartialMessage partial = new PartialMessage();

  // rate limit
  private long rateWindowStart;
  private int rateCount;

  Direction(ProxyConnection connection, Side from, int limit) {
    this.connection = connection;
    this.settings = connection.settings;
    this.outbound = connection.outbound;
    this.from = from;
    this.to = from.other();
    this.fromClient = from == Side.CLIENT;
    this.limit = limit;
    this.chain = new MessageChain(connection, this);
    this.order = new EventOrder(this::handlePosted, connection::leftEngine);
  }

  /**
   * Sets the sender's max payload ({@code setMaxPayloadSize} in the handshake phase).
   *
   * @param bytes the limit, or 0 for the route's default
   */
  void setLimit(int bytes) {
    if (bytes < 0 || bytes > EngineSettings.MAX_PAYLOAD_CEILING) {
      throw new IllegalArgumentException(
          "the payload limit must be between 0 (the default) and "
              + EngineSettings.MAX_PAYLOAD_CEILING
              + " bytes (32 MiB), got "
              + bytes);
    }
    limit = bytes != 0 ? bytes : fromClient ? settings.clientMaxPayload() : settings.upstreamMaxPayload();
  }

  /** The connection is open: the rate window starts now. */
  void opened(long now) {
    rateWindowStart = now;
  }

  /** {@link dev.framegate.engine.Connection#frame}: one frame, or posted after the current event. */
  void frame(boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload) {
    if (!order.enter()) {
      // A timer task of this direction is running, or a synchronous transport calls from inside
      // this direction's own processing: the frame is handled right after, in order.
      order.post(new PendingFrame(fin, rsv, opcode, masked, payload, payload.remaining()));
      return;
    }
    try {
      order.drain();
      receive(fin, rsv, opcode, masked, payload);
      order.drain();
    } finally {
      order.leave();
    }
  }

  /** {@link dev.framegate.engine.Connection#frameHeader}. */
  boolean header(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
    if (order.idle() && plainlyAdmitted(fin, rsv, opcode, masked, payloadLength)) {
      // The common case costs reads only: nothing is queued before this header, and it breaks no
      // rule, so admitting it changes nothing (frame(...) judges the whole frame again anyway).
      return true;
    }
    if (!order.enter()) {
      // Events posted before this header are not handled yet, so only what the header decides
      // whatever the state is judged now: such a header is refused, and answered in order.
      if (refusedInAnyState(fin, rsv, opcode, masked, payloadLength)) {
        order.post(new PendingFrame(fin, rsv, opcode, masked, null, payloadLength));
        return false;
      }
      return true;
    }
    try {
      order.drain();
      boolean admitted = admitHeader(fin, rsv, opcode, masked, payloadLength);
      order.drain();
      return admitted;
    } finally {
      order.leave();
    }
  }

  /** An event posted to this direction's order: a frame, a refused header, or a timer task. */
  private void handlePosted(Object event) {
    if (event instanceof PendingFrame p) {
      if (p.payload == null) {
        admitHeader(p.fin, p.rsv, p.opcode, p.masked, p.length);
      } else {
        receive(p.fin, p.rsv, p.opcode, p.masked, p.payload);
      }
    } else {
      ((PluginTasks.Task) event).run();
    }
  }

  /** Hands a plugin's timer task to this direction's order of events. */
  void post(PluginTasks.Task task) {
    order.post(task);
  }

  /** Whether {@link #admitHeader} admits this header without acting: the read-only fast path. */
  private boolean plainlyAdmitted(boolean fin, int rsv, int opcode, boolean masked, long length) {
    if (rsv != 0 || masked != fromClient || length < 0 || !connection.isOpen()
        || outbound.doneSending(from) || outbound.closed(to)) {
      return false;
    }
    int maxFragments = settings.maxFragments();
    return switch (opcode) {
      case 0x1, 0x2 -> !partial.open() && length <= limit;
      case 0x0 -> partial.open() && length <= limit - partial.bytes()
          && (maxFragments == 0 || partial.count() < maxFragments);
      case 0x8 -> fin && length <= 125 && length != 1;
      case 0x9, 0xA -> fin && length <= 125;
      default -> false;
    };
  }

  /** Whether {@link #admitHeader} refuses this header whatever the direction's state. */
  private boolean refusedInAnyState(boolean fin, int rsv, int opcode, boolean masked, long length) {
    return length < 0
        || rsv != 0
        || masked != fromClient
        || (opcode >= 0x8 && (!fin || length > 125 || opcode > 0xA))
        || (opcode >= 0x3 && opcode <= 0x7)
        || (opcode <= 0x2 && length > limit);
  }

  /**
   * Judges a frame by its header alone, with the answers {@link #receive} gives to the whole frame,
   * in the same order; see {@link dev.framegate.engine.Connection#frameHeader}.
   */
  private boolean admitHeader(boolean fin, int rsv, int opcode, boolean masked, long length) {
    if (!connection.isOpen() || outbound.doneSending(from)) {
      return false;
    }
    if (outbound.closed(to)) {
      if (opcode != 0x8) {
        return false;
      }
      if (length >= 0 && length <= 125) {
        return true; // the sender's close answer: read it, so the close handshake completes
      }
      outbound.closeReceived(from);
      return false;
    }
    if (length < 0) {
      protocolError(
          "a frame header whose 64-bit payload length has its most significant bit set"
              + " (RFC 6455 5.2: it must be 0)",
          opcode);
      return false;
    }
    if (!checkFlags(rsv, masked, opcode)) {
      return false;
    }
    switch (opcode) {
      case 0x0 -> {
        if (!partial.open()) {
          protocolError("a continuation frame without a message to continue", 0);
          return false;
        }
        // the bytes held never exceed the limit, so this cannot overflow
        if (length > limit - partial.bytes()) {
          return checkSize(Long.MAX_VALUE);
        }
        return checkFragments(partial.count() + 1);
      }
      case 0x1, 0x2 -> {
        if (partial.open()) {
          protocolError("a new message started before the fragmented message was finished", 1);
          return false;
        }
        return length <= limit || checkSize(length);
      }
      case 0x8, 0x9, 0xA -> {
        if (!fin) {
          protocolError("a fragmented control frame", opcode);
          return false;
        }
        if (length > 125) {
          protocolError("a control frame with more than 125 bytes of payload", opcode);
          return false;
        }
        if (opcode == 0x8 && length == 1) {
          protocolError("a close frame with a 1-byte payload", 0x8);
          return false;
        }
        return true;
      }
      default -> {
        protocolError("a frame with reserved opcode 0x" + Integer.toHexString(opcode), opcode);
        return false;
      }
    }
  }

  private void receive(boolean fin, int rsv, int opcode, boolean masked, ByteBuffer payload) {
    if (!connection.isOpen() || outbound.doneSending(from)) {
      return; // RFC 6455 5.5.1: nothing follows a close frame
    }
    if (outbound.closed(to)) {
      // Nothing can reach the other side any more: only the sender's close answer matters.
      if (opcode == 0x8) {
        outbound.closeReceived(from);
      }
      return;
    }
    connection.timers.activity();
    if (!checkFlags(rsv, masked, opcode)) {
      return;
    }
    switch (opcode) {
      case 0x0 -> continuation(fin, payload);
      case 0x1 -> dataFrame(FrameType.TEXT, fin, payload);
      case 0x2 -> dataFrame(FrameType.BINARY, fin, payload);
      case 0x8 -> closeFrame(fin, payload);
      case 0x9 -> ping(fin, payload);
      case 0xA -> pong(fin, payload);
      default -> protocolError("a frame with reserved opcode 0x" + Integer.toHexString(opcode), opcode);
    }
  }

  private boolean checkFlags(int rsv, boolean masked, int opcode) {
    if (rsv != 0) {
      protocolError("a frame with RSV bits " + rsv + " set, but no extension was negotiated", opcode);
      return false;
    }
    if (masked != fromClient) {
      protocolError(fromClient
          ? "an unmasked frame from the client (RFC 6455 5.1: a client masks every frame)"
          : "a masked frame from the upstream (RFC 6455 5.1: a server masks no frame)", opcode);
      return false;
    }
    return true;
  }

  private void protocolError(String text, int opcode) {
    protocolError(CloseCodes.PROTOCOL_ERROR, "Protocol Error", text, opcode);
  }

  private void protocolError(int code, String reason, String text, int opcode) {
    partial.reset();
    connection.endBecauseOf(from, CloseCause.PROTOCOL_ERROR, code, reason, text);
    if (opcode == 0x8) {
      outbound.closeReceived(from);
    }
  }

  private void overLimit(int code, String reason, String text) {
    partial.reset();
    connection.endBecauseOf(from, CloseCause.LIMIT_EXCEEDED, code, reason, text);
  }

  private boolean checkSize(long size) {
    if (size > limit) {
      overLimit(
          CloseCodes.MESSAGE_TOO_BIG,
          "Payload Too Large",
          "a message of more than " + limit + " bytes (the limit is " + limit + ")");
      return false;
    }
    return true;
  }

  private boolean checkFragments(int fragments) {
    int max = settings.maxFragments();
    if (max > 0 && fragments > max) {
      overLimit(
          CloseCodes.MESSAGE_TOO_BIG,
          "Too Many Fragments",
          "a message of more than " + max + " fragments");
      return false;
    }
    return true;
  }

  private boolean checkRate() {
    int max = settings.maxMessagesPerSecond();
    if (max == 0) {
      return true;
    }
    long now = connection.scheduler.nanoTime();
    if (now - rateWindowStart >= SECOND) {
      rateWindowStart = now;
      rateCount = 0;
    }
    if (++rateCount > max) {
      overLimit(
          CloseCodes.POLICY_VIOLATION,
          "Rate Limit Exceeded",
          "more than " + max + " messages in one second");
      return false;
    }
    return true;
  }

  private void dataFrame(FrameType type, boolean fin, ByteBuffer payload) {
    if (partial.open()) {
      protocolError("a new message started before the fragmented message was finished", 1);
      return;
    }
    int length = payload.remaining();
    if (!checkSize(length)) {
      return;
    }
    if (fin) {
      if (type == FrameType.TEXT && !Utf8.isValid(payload)) {
        protocolError(
            CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8", "a text message that is not valid UTF-8", 1);
        return;
      }
      if (checkRate()) {
        chain.run(type, payload);
      }
      return;
    }
    partial.start(type, payload);
    if (type == FrameType.TEXT && !partial.validUtf8(payload, false)) {
      protocolError(
          CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8", "a text message that is not valid UTF-8", 1);
    }
  }

  private void continuation(boolean fin, ByteBuffer payload) {
    if (!partial.open()) {
      protocolError("a continuation frame without a message to continue", 0);
      return;
    }
    partial.count(payload);
    if (!checkSize(partial.bytes()) || !checkFragments(partial.count())) {
      return;
    }
    if (partial.type() == FrameType.TEXT && !partial.validUtf8(payload, fin)) {
      protocolError(
          CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8", "a text message that is not valid UTF-8", 0);
      return;
    }
    partial.keep(payload);
    if (!fin) {
      return;
    }
    FrameType type = partial.type();
    ByteBuffer whole = partial.assemble();
    if (checkRate()) {
      chain.run(type, whole);
    }
  }

  private boolean checkControl(boolean fin, ByteBuffer payload, int opcode) {
    if (!fin) {
      protocolError("a fragmented control frame", opcode);
      return false;
    }
    if (payload.remaining() > 125) {
      protocolError("a control frame with more than 125 bytes of payload", opcode);
      return false;
    }
    return true;
  }

  private void ping(boolean fin, ByteBuffer payload) {
    if (!checkControl(fin, payload, 0x9)) {
      return;
    }
    if (settings.autoPong()) {
      outbound.write(from, FrameType.PONG, payload);
      return;
    }
    chain.run(FrameType.PING, payload);
  }

  private void pong(boolean fin, ByteBuffer payload) {
    if (!checkControl(fin, payload, 0xA)) {
      return;
    }
    if (!settings.keepaliveInterval().isZero() && isKeepalive(payload)) {
      return; // the answer to the engine's own keepalive ping
    }
    chain.run(FrameType.PONG, payload);
  }

  private static boolean isKeepalive(ByteBuffer payload) {
    return payload.remaining() == ConnectionTimers.KEEPALIVE.length
        && payload.equals(ByteBuffer.wrap(ConnectionTimers.KEEPALIVE));
  }

  private void closeFrame(boolean fin, ByteBuffer payload) {
    if (!checkControl(fin, payload, 0x8)) {
      return;
    }
    int length = payload.remaining();
    if (length == 1) {
      protocolError("a close frame with a 1-byte payload", 0x8);
      return;
    }
    int status = NONE;
    if (length >= 2) {
      status = payload.getShort(payload.position()) & 0xFFFF;
      if (!CloseCodes.isSendable(status)) {
        protocolError("a close frame with the invalid close code " + status, 0x8);
        return;
      }
      ByteBuffer reason = payload.duplicate();
      reason.position(reason.position() + 2);
      if (!Utf8.isValid(reason)) {
        protocolError(
            CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8", "a close reason that is not valid UTF-8", 0x8);
        return;
      }
    }
    // A message cut short by a close is never completed.
    partial.reset();
    chain.runClose(payload, status);
    outbound.closeReceived(from);
  }
}
