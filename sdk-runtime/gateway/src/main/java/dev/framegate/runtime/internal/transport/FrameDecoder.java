package dev.framegate.runtime.internal.transport;

import dev.framegate.engine.EngineSettings;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads RFC 6455 frames from the bytes of one side of one connection, as they arrive in pieces.
 * Byte conversion only: every frame is handed over exactly as it came (FIN, RSV bits, opcode, mask
 * bit, unmasked payload), because which frames are allowed is the engine's business.
 *
 * <p>Every frame is admitted at its header, before one payload byte is kept: {@link
 * Sink#header} (the engine's {@code Connection.frameHeader}) sees the header as soon as it is
 * complete, with the raw 64-bit length. A refused frame's payload is never buffered, and from then
 * on the decoder only looks for the sender's close frame, so that the close handshake can complete
 * (docs/engine-behaviour.md, "Frame headers"):
 *
 * <ul>
 *   <li>when the refused frame announced a length of at most {@link #SKIP_LIMIT}, its payload is
 *       skipped byte for byte, and the frames after it are read by their headers: the header of a
 *       close frame with the sender's mask bit goes to the engine, which admits it (then it is read
 *       and handed over) when it announces at most 125 bytes; every other frame is skipped by its
 *       length;
 *   <li>when it announced more (2^63 - 1, or a length with its top bit set), the bytes are
 *       scanned for a well-formed close frame of the sender's kind whose payload is empty or a valid
 *       close code with a UTF-8 reason; everything before it is discarded.
 * </ul>
 *
 * <p>Memory: a header needs 14 bytes; a payload buffer grows with the bytes that actually arrived
 * (never from the length a frame announces), up to the admitted length; the scanner needs one close
 * frame (131 bytes). Nothing is held between frames.
 */
final class FrameDecoder {

  /**
   * The longest refused payload that is skipped by its length rather than scanned (1 GiB). A sender
   * that announces no more than this is taken to send what it announced, as a client library whose
   * message is too large does, and its frames stay in step: its close reply is found exactly, and
   * no byte of its payload can be mistaken for one. A longer length (2^63 - 1, a top-bit length)
   * announces a payload no one sends; its bytes are scanned instead.
   */
  static final long SKIP_LIMIT = 1L << 30;

  /** A payload buffer starts at most this large and doubles as bytes arrive. */
  private static final int INITIAL_CAPACITY = 16 * 1024;

  private static final int CLOSE = 8;
  private static final int MAX_CONTROL_PAYLOAD = 125;

  /** Where decoded frames go. */
  interface Sink {
    /**
     * A frame header is complete.
     *
     * @return {@code true} to read the payload; {@code false} when the frame is refused
     */
    boolean header(boolean fin, int rsv, int opcode, boolean masked, long payloadLength);

    /** An admitted frame is complete; the payload is unmasked and the receiver's to keep. */
    void frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload);
  }

  private enum State { HEADER, PAYLOAD, SKIP, SCAN }

  private final Sink sink;
  /** Whether this side masks its frames (a client): the kind of close frame a resync looks for. */
  private final boolean senderMasks;
  private final byte[] header = new byte[14];
  private State state = State.HEADER;
  private int headerFill;
  /** After a refusal: only the sender's close frame is handed over. */
  private boolean refused;

  // the frame being read
  private boolean fin;
  private int rsv;
  private int opcode;
  private boolean masked;
  private int maskKey;
  private byte[] payload;
  private int payloadLength;
  private int payloadFill;
  private long skip;

  // the close frame a scan is matching
  private byte[] window;
  private int windowFill;

  FrameDecoder(Sink sink, boolean senderMasks) {
    this.sink = sink;
    this.senderMasks = senderMasks;
  }

  /** The bytes this decoder holds for a frame not yet complete (its payload buffer). */
  int bufferedBytes() {
    byte[] held = payload;
    return held == null ? 0 : held.length;
  }

  /** Whether a frame was refused: from then on only the sender's close frame is handed over. */
  boolean refused() {
    return refused;
  }

  /** Decodes what arrived; frames completed by it are handed over before this returns. */
  void decode(ByteBuffer data) {
    while (data.hasRemaining()) {
      switch (state) {
        case HEADER -> readHeader(data);
        case PAYLOAD -> readPayload(data);
        case SKIP -> {
          int n = (int) Math.min(data.remaining(), skip);
          data.position(data.position() + n);
          skip -= n;
          if (skip == 0) {
            state = State.HEADER;
          }
        }
        case SCAN -> scan(data);
      }
    }
  }

  private void readHeader(ByteBuffer data) {
    header[headerFill++] = data.get();
    while (headerFill < 2 && data.hasRemaining()) {
      header[headerFill++] = data.get();
    }
    if (headerFill < 2) {
      return;
    }
    int needed = headerLength();
    int n = Math.min(needed - headerFill, data.remaining());
    data.get(header, headerFill, n);
    headerFill += n;
    if (headerFill == needed) {
      headerComplete();
    }
  }

  private int headerLength() {
    int lengthCode = header[1] & 0x7F;
    int extended = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
    return 2 + extended + ((header[1] & 0x80) != 0 ? 4 : 0);
  }

  private void headerComplete() {
    headerFill = 0;
    int b0 = header[0] & 0xFF;
    fin = (b0 & 0x80) != 0;
    rsv = (b0 >> 4) & 7;
    opcode = b0 & 0x0F;
    masked = (header[1] & 0x80) != 0;
    int lengthCode = header[1] & 0x7F;
    int at = 2;
    long length;
    if (lengthCode == 126) {
      length = ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
      at = 4;
    } else if (lengthCode == 127) {
      length = 0;
      for (int i = 2; i < 10; i++) {
        length = (length << 8) | (header[i] & 0xFFL);
      }
      at = 10;
    } else {
      length = lengthCode;
    }
    if (masked) {
      maskKey = ((header[at] & 0xFF) << 24) | ((header[at + 1] & 0xFF) << 16)
          | ((header[at + 2] & 0xFF) << 8) | (header[at + 3] & 0xFF);
    }
    // After a refusal only the sender's close frame goes to the engine (which admits it when it
    // announces at most 125 bytes, and counts a longer one as the sender's close answer).
    if (refused && !(opcode == CLOSE && masked == senderMasks)) {
      discard(length);
      return;
    }
    // The engine decides; a length no limit can admit is refused here too should it ever say yes.
    if (!sink.header(fin, rsv, opcode, masked, length) || length < 0 || length > EngineSettings.MAX_PAYLOAD_CEILING) {
      refused = true;
      discard(length);
      return;
    }
    startPayload((int) length);
  }

  /** Leaves a refused or ignored frame's payload unread: skipped by its length, or scanned past. */
  private void discard(long length) {
    if (length >= 0 && length <= SKIP_LIMIT) {
      skip = length;
      state = length == 0 ? State.HEADER : State.SKIP;
    } else {
      state = State.SCAN;
      windowFill = 0;
    }
  }

  private void startPayload(int length) {
    payloadLength = length;
    payloadFill = 0;
    if (length == 0) {
      payload = new byte[0];
      finishPayload();
      return;
    }
    payload = null; // allocated when the first payload bytes arrive
    state = State.PAYLOAD;
  }

  private void readPayload(ByteBuffer data) {
    int n = Math.min(data.remaining(), payloadLength - payloadFill);
    if (payload == null) {
      payload = new byte[Math.min(payloadLength, Math.max(n, INITIAL_CAPACITY))];
    }
    if (payloadFill + n > payload.length) {
      // Grows with the bytes that actually arrived, never with the length the frame announces.
      long grown = Math.max(payloadFill + n, 2L * payload.length);
      payload = Arrays.copyOf(payload, (int) Math.min(payloadLength, grown));
    }
    data.get(payload, payloadFill, n);
    payloadFill += n;
    if (payloadFill == payloadLength) {
      finishPayload();
    }
  }

  private void finishPayload() {
    byte[] complete = payload;
    payload = null;
    state = State.HEADER;
    if (masked) {
      FrameCodec.mask(complete, 0, complete.length, maskKey);
    }
    sink.frame(fin, rsv, opcode, masked, complete);
  }

  // ------------------------------------------------------------------------------------ resync

  /**
   * Looks for the sender's close frame in bytes that cannot be read by their headers. A candidate
   * starts with {@code 0x88} (FIN, no RSV bit, close) followed by the sender's mask bit and a length
   * of at most 125; candidates may overlap (one may start inside another's bytes), so every
   * candidate that ends at the latest byte is tried. One whose payload is not a valid close payload
   * is passed over.
   */
  private void scan(ByteBuffer data) {
    if (window == null) {
      window = new byte[2 + 4 + MAX_CONTROL_PAYLOAD];
    }
    while (data.hasRemaining()) {
      if (windowFill == 0) {
        // the common case: skip ahead to the next possible first byte
        int at = data.position();
        int end = data.limit();
        if (data.hasArray()) {
          byte[] bytes = data.array();
          int offset = data.arrayOffset();
          while (at < end && bytes[offset + at] != (byte) 0x88) {
            at++;
          }
        } else {
          while (at < end && data.get(at) != (byte) 0x88) {
            at++;
          }
        }
        data.position(at);
        if (at == end) {
          return;
        }
      }
      window[windowFill++] = data.get();
      for (int start = 0; start + 2 <= windowFill; start++) {
        if (startsCandidate(start) && start + candidateLength(start) == windowFill && acceptCandidate(start)) {
          return;
        }
      }
      while (windowFill > 0 && !viablePrefix()) {
        System.arraycopy(window, 1, window, 0, --windowFill);
      }
    }
  }

  private boolean startsCandidate(int start) {
    if (window[start] != (byte) 0x88) {
      return false;
    }
    if (start + 1 >= windowFill) {
      return true;
    }
    int b1 = window[start + 1] & 0xFF;
    return ((b1 & 0x80) != 0) == senderMasks && (b1 & 0x7F) <= MAX_CONTROL_PAYLOAD;
  }

  private int candidateLength(int start) {
    return 2 + (senderMasks ? 4 : 0) + (window[start + 1] & 0x7F);
  }

  /** Whether the window's first byte may still start a close frame that has not ended yet. */
  private boolean viablePrefix() {
    return startsCandidate(0) && (windowFill < 2 || windowFill < candidateLength(0));
  }

  /** Hands over the candidate at {@code start} when its payload is valid; then reads by headers again. */
  private boolean acceptCandidate(int start) {
    int length = window[start + 1] & 0x7F;
    int at = start + 2;
    int key = 0;
    if (senderMasks) {
      key = ((window[at] & 0xFF) << 24) | ((window[at + 1] & 0xFF) << 16) | ((window[at + 2] & 0xFF) << 8)
          | (window[at + 3] & 0xFF);
      at += 4;
    }
    byte[] closePayload = Arrays.copyOfRange(window, at, at + length);
    if (senderMasks) {
      FrameCodec.mask(closePayload, 0, length, key);
    }
    if (!isValidClosePayload(closePayload)) {
      return false;
    }
    windowFill = 0;
    window = null;
    state = State.HEADER;
    if (sink.header(true, 0, CLOSE, senderMasks, length)) {
      sink.frame(true, 0, CLOSE, senderMasks, closePayload);
    }
    return true;
  }

  /** An empty close payload, or a code a peer may send (RFC 6455 7.4) and a UTF-8 reason. */
  static boolean isValidClosePayload(byte[] closePayload) {
    if (closePayload.length == 0) {
      return true;
    }
    if (closePayload.length == 1) {
      return false;
    }
    int code = ((closePayload[0] & 0xFF) << 8) | (closePayload[1] & 0xFF);
    boolean allowed = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
    if (!allowed) {
      return false;
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(closePayload, 2, closePayload.length - 2));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
