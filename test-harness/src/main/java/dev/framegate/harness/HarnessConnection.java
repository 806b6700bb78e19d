package dev.framegate.harness;

import dev.framegate.api.FrameType;
import dev.framegate.engine.Connection;
import dev.framegate.engine.Side;
import dev.framegate.engine.Transport;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.engine.HandshakeRequests;
import dev.framegate.engine.UpgradeValidator;
import dev.framegate.harness.internal.Transcript;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated connection through the engine: a client, an upstream, and the engine's {@link
 * Connection} between them, with no sockets. The harness is only the transport: it hands the
 * engine each frame a side sends and records what the engine sends, accepts, rejects or
 * disconnects; every frame rule is the engine's.
 */
public final class HarnessConnection {

  enum Answer { ACCEPT, ACCEPT_DEFAULT, FAIL, SILENT }

  private final FrameHarness harness;
  private final HandshakeSpec spec;
  private final HandshakeRequest request;
  private final Transcript transcript;
  private final HarnessPeer client;
  private final HarnessUpstream upstream;
  private Connection connection;
  private UpstreamHandshake upstreamRequest;
  private boolean upstreamAnswered;
  private boolean upstreamOpen;
  private HandshakeResult handshake;

  HarnessConnection(FrameHarness harness, HandshakeSpec spec, String name) {
    this.harness = harness;
    this.spec = spec;
    this.request = HandshakeRequests.create(spec.path(), spec.rawQuery(), headerMap(spec), spec.remoteAddress());
    this.transcript = new Transcript(name + " (" + spec + ")", harness.clock()::nanoTime);
    this.client = new HarnessPeer(this, Side.CLIENT);
    this.upstream = new HarnessUpstream(this);
  }

  private static Map<String, List<String>> headerMap(HandshakeSpec spec) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : spec.allHeaders()) {
      headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue());
    }
    return headers;
  }

  void start() {
    transcript.add("client → gateway", "upgrade request " + spec + " headers " + request.headers());
    Optional<String> malformed = UpgradeValidator.check(spec.method(), request.headers());
    if (malformed.isPresent()) {
      // The transport's duty (SPEC H1): the engine never sees a malformed upgrade.
      handshake = new HandshakeResult(400, Map.of(), malformed.get(), Optional.empty());
      transcript.add("gateway → client", "400 body \"" + malformed.get() + "\"");
      return;
    }
    engineCall("open", () -> connection = harness.engine().open(harness.chain(), harness.settings(), new HarnessTransport()));
    engineCall("start", () -> connection.start(request));
    harness.clock().runDueTasksWithoutHooks();
  }

  /**
   * The engine's id of this connection.
   *
   * @return the id
   */
  public String id() {
    return connection == null ? "(not opened)" : connection.id();
  }

  /**
   * The upgrade request the client sent.
   *
   * @return the spec
   */
  public HandshakeSpec spec() {
    return spec;
  }

  /**
   * The simulated client.
   *
   * @return the client side
   */
  public HarnessPeer client() {
    return client;
  }

  /**
   * The simulated upstream.
   *
   * @return the upstream side
   */
  public HarnessUpstream upstream() {
    return upstream;
  }

  /**
   * The answer the client got to its upgrade request.
   *
   * @return the result
   * @throws AssertionError if the client has no answer yet (for example, the upstream stays quiet)
   */
  public HandshakeResult handshake() {
    settle();
    if (handshake == null) {
      throw new AssertionError("the client has no answer to its upgrade request yet\n" + transcript());
    }
    return handshake;
  }

  /**
   * The answer the client got, if any yet.
   *
   * @return the result, or empty
   */
  public Optional<HandshakeResult> handshakeResult() {
    settle();
    return Optional.ofNullable(handshake);
  }

  /**
   * Whether the engine considers the connection ended, its close phase run.
   *
   * @return {@code true} once finished
   */
  public boolean isFinished() {
    return connection == null ? handshake != null : connection.isFinished();
  }

  /** Shuts this connection down as a stopping runtime would (SPEC C6). */
  public void shutdown() {
    settle();
    if (connection == null) {
      return;
    }
    transcript.add("runtime", "shutdown");
    engineCall("shutdown", connection::shutdown);
    harness.clock().runDueTasks();
  }

  /**
   * Everything that crossed this connection so far, both directions in order.
   *
   * @return a multi-line text
   */
  public String transcript() {
    return transcript.render();
  }

  @Override
  public String toString() {
    return "HarnessConnection " + id() + " " + spec;
  }

  Optional<UpstreamHandshake> upstreamRequest() {
    settle();
    return Optional.ofNullable(upstreamRequest);
  }

  UpstreamHandshake upstreamRequestRaw() {
    return upstreamRequest;
  }

  /** Applies the default upstream answer if the test gave none before doing something else. */
  void settle() {
    if (upstreamRequest != null && !upstreamAnswered) {
      answerUpstream(Answer.ACCEPT_DEFAULT, null, 0, null);
    }
  }

  void answerUpstream(Answer answer, String subprotocol, int status, String detail) {
    if (upstreamRequest == null) {
      throw new IllegalStateException("the gateway has not contacted the upstream (yet): nothing to answer\n" + transcript());
    }
    if (upstreamAnswered) {
      throw new IllegalStateException("the upstream already answered the upgrade request\n" + transcript());
    }
    upstreamAnswered = true;
    switch (answer) {
      case ACCEPT, ACCEPT_DEFAULT -> {
        String chosen = answer == Answer.ACCEPT ? subprotocol
            : upstreamRequest.subprotocols().isEmpty() ? null : upstreamRequest.subprotocols().get(0);
        upstreamOpen = true;
        transcript.add("upstream → gateway", "101" + (chosen == null ? "" : " subprotocol " + chosen)
            + (answer == Answer.ACCEPT_DEFAULT ? " (accepted by default)" : ""));
        engineCall("upstreamConnected", () -> connection.upstreamConnected(chosen));
      }
      case FAIL -> {
        transcript.add("upstream → gateway", "failed: " + status + " " + detail);
        engineCall("upstreamFailed", () -> connection.upstreamFailed(status, detail));
      }
      case SILENT -> transcript.add("upstream", "stays quiet: never answers the upgrade");
    }
    harness.clock().runDueTasks();
  }

  boolean canSend(Side side) {
    return side == Side.CLIENT ? handshake != null && handshake.upgraded() : upstreamOpen;
  }

  void fromPeer(Side side, WireFrame frame, boolean masked) {
    boolean wrongMasking = masked != (side == Side.CLIENT);
    transcript.add(arrowFrom(side), frame.describe() + (wrongMasking ? (masked ? " (masked)" : " (unmasked)") : ""));
    // As a socket transport does: the header first, the payload only if the engine admits it.
    if (header(side, frame.fin(), frame.rsv(), frame.opcode(), masked, frame.length())) {
      engineCall("frame", () -> connection.frame(side, frame.fin(), frame.rsv(), frame.opcode(), masked,
          ByteBuffer.wrap(frame.payload())));
    }
    harness.clock().runDueTasks();
  }

  /**
   * A frame header without its payload.
   *
   * @return whether the engine admitted it (and now waits for its payload)
   */
  boolean headerFromPeer(Side side, boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
    transcript.add(arrowFrom(side), "header of " + WireFrame.describeHeader(fin, rsv, opcode, payloadLength)
        + (masked != (side == Side.CLIENT) ? (masked ? " (masked)" : " (unmasked)") : "") + ", no payload");
    boolean admitted = header(side, fin, rsv, opcode, masked, payloadLength);
    if (admitted) {
      transcript.add("gateway", "admitted the header: waits for " + Long.toUnsignedString(payloadLength) + " bytes of payload");
    }
    harness.clock().runDueTasks();
    return admitted;
  }

  private boolean header(Side side, boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
    boolean[] admitted = new boolean[1];
    engineCall("frameHeader", () -> admitted[0] = connection.frameHeader(side, fin, rsv, opcode, masked, payloadLength));
    if (!admitted[0]) {
      transcript.add("gateway", "refused the frame at its header: read none of its payload");
    }
    return admitted[0];
  }

  void vanished(Side side) {
    transcript.add(side == Side.CLIENT ? "client ✕" : "upstream ✕", "vanished without a close frame");
    engineCall("gone", () -> connection.gone(side));
    harness.clock().runDueTasks();
  }

  private static String arrowFrom(Side side) {
    return side == Side.CLIENT ? "client → gateway" : "upstream → gateway";
  }

  private static String arrowTo(Side side) {
    return side == Side.CLIENT ? "gateway → client" : "gateway → upstream";
  }

  private HarnessPeer peer(Side side) {
    return side == Side.CLIENT ? client : upstream;
  }

  private void engineCall(String what, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      transcript.add("gateway", "threw from " + what + ": " + e);
      throw new AssertionError("the engine threw from Connection." + what + ": " + e + "\n" + transcript(), e);
    }
  }

  /** The engine's output, recorded and handed to the simulated sides. */
  private final class HarnessTransport implements Transport {

    @Override
    public void connectUpstream(Map<String, List<String>> headers, List<String> subprotocols) {
      upstreamRequest = new UpstreamHandshake(headers, subprotocols);
      transcript.add("gateway → upstream", "upgrade request headers " + upstreamRequest.headers()
          + (subprotocols.isEmpty() ? "" : " subprotocols " + subprotocols));
    }

    @Override
    public void acceptClient(String subprotocol, Map<String, List<String>> headers) {
      handshake = new HandshakeResult(101, headers, "", Optional.ofNullable(subprotocol));
      transcript.add("gateway → client", "101" + (subprotocol == null ? "" : " subprotocol " + subprotocol)
          + (headers.isEmpty() ? "" : " headers " + handshake.headers()));
    }

    @Override
    public void rejectClient(int status, Map<String, List<String>> headers, String body) {
      handshake = new HandshakeResult(status, headers, body, Optional.empty());
      transcript.add("gateway → client", status + (headers.isEmpty() ? "" : " headers " + handshake.headers())
          + (body == null || body.isEmpty() ? "" : " body \"" + body + "\""));
    }

    @Override
    public void send(Side to, FrameType type, ByteBuffer payload) {
      byte[] bytes = new byte[payload.remaining()];
      payload.get(bytes);
      WireFrame frame = WireFrame.of(type, bytes);
      boolean delivered = peer(to).deliver(frame);
      transcript.add(arrowTo(to), frame.describe() + (delivered ? "" : "  (lost: " + peer(to).name() + " is gone)"));
    }

    @Override
    public void disconnect(Side side) {
      if (peer(side).disconnect()) {
        transcript.add(side == Side.CLIENT ? "gateway ✕ client" : "gateway ✕ upstream", "disconnected");
      }
    }
  }
}
