package dev.framegate.api;

/**
 * The operations on one side of the connection: {@link WsContext#client()} is Kong's
 * {@code kong.websocket.client}, {@link WsContext#upstream()} is {@code kong.websocket.upstream}.
 *
 * <p>Frame operations ({@link #getFrame()}, {@link #setFrameData(byte[])}, {@link #setStatus(int)},
 * {@link #dropFrame()}, {@link #close()}) are allowed only in this side's frame phase; {@link
 * #setMaxPayloadSize(int)} only in the handshake phase (rule P4). A call elsewhere throws a {@link
 * PdkMisuseException} that names the phase it is allowed in. The {@code send…} operations are allowed
 * in both frame phases, so that a plugin can answer the sender or notify the other side (rule F7),
 * and in timer tasks. In a timer task {@link #close(CloseStatus, CloseStatus)} (and the other {@code
 * close} forms) closes the connection at once, this side getting the first status; there is no frame
 * to read or change.
 *
 * @since 1.0
 */
public interface Peer {

  /**
   * The current message from this side. Kong: {@code get_frame()}.
   *
   * @return the frame, reflecting rewrites by earlier plugins
   * @throws PdkMisuseException outside this side's frame phase
   * @since 1.0
   */
  Frame getFrame();

  /**
   * Replaces the payload of the current frame; later plugins see the new payload (rule F2). For a
   * close frame this replaces the close reason. Kong: {@code set_frame_data(data)}.
   *
   * @param data the new payload; not retained by reference (it is copied)
   * @throws PdkMisuseException outside this side's frame phase
   * @throws IllegalArgumentException if the payload exceeds the limit of the frame's sender (this
   *     side's {@link #maxPayloadSize()}: the limit the message was received under), or a control
   *     frame's payload would exceed 125 bytes (123 bytes of reason for a close frame)
   * @since 1.0
   */
  void setFrameData(byte[] data);

  /**
   * Replaces the payload of the current frame with UTF-8 text. See {@link #setFrameData(byte[])}.
   *
   * @param text the new payload
   * @throws PdkMisuseException outside this side's frame phase
   * @throws IllegalArgumentException under the same conditions as {@link #setFrameData(byte[])}
   * @since 1.0
   */
  void setFrameData(String text);

  /**
   * Rewrites the status code of the current close frame (rule F3). Kong: {@code set_status(code)}.
   *
   * @param status the new close code
   * @throws PdkMisuseException outside this side's frame phase, or if the current frame is not a
   *     close frame
   * @throws IllegalArgumentException if RFC 6455 section 7.4 forbids the code on the wire (for
   *     example 1005, 1006, 1015 or anything below 1000)
   * @since 1.0
   */
  void setStatus(int status);

  /**
   * Drops the current frame: it is not forwarded and later plugins do not run (rule F4). Kong:
   * {@code drop_frame()}.
   *
   * @throws PdkMisuseException outside this side's frame phase, or for a close frame (use {@link
   *     #close(Integer, String, Integer, String)} to end the connection instead)
   * @since 1.0
   */
  void dropFrame();

  /**
   * Closes the connection: this side (the sender of the current frame) gets a close frame that reuses
   * the current close frame's code and reason if it is one, else carries no code; the other side gets
   * a close frame without a code. Kong: {@code close()}.
   *
   * @throws PdkMisuseException outside this side's frame phase
   * @since 1.0
   */
  void close();

  /**
   * Closes the connection with a status and reason for this side; the other side gets a close frame
   * without a code. Kong: {@code close(status, message)}.
   *
   * @param status the close code for this side, or {@code null} to reuse the current close frame's
   * @param reason the close reason for this side, or {@code null}
   * @throws PdkMisuseException outside this side's frame phase
   * @throws IllegalArgumentException for a code not allowed on the wire or a reason over 123 bytes
   * @since 1.0
   */
  void close(Integer status, String reason);

  /**
   * Closes the connection: a close frame to this side (the sender of the current frame) and one to
   * the other side, then the connection ends; the current frame is not forwarded and later plugins
   * do not run (rule F5). Kong: {@code close(status, message, peer_status, peer_message)}. Since
   * 1.1, {@link #close(CloseStatus, CloseStatus)} says the same without positional {@code null}s.
   *
   * @param status the code for this side; {@code null} reuses the current close frame's code, or
   *     sends none
   * @param reason the reason for this side; {@code null} reuses the current close frame's reason, or
   *     sends none
   * @param peerStatus the code for the other side; {@code null} sends a close frame without a code
   * @param peerReason the reason for the other side, or {@code null}
   * @throws PdkMisuseException outside this side's frame phase
   * @throws IllegalArgumentException for a code not allowed on the wire or a reason over 123 bytes
   * @since 1.0
   */
  void close(Integer status, String reason, Integer peerStatus, String peerReason);

  /**
   * Sets the limit for messages from this side, in payload bytes of the whole (reassembled)
   * message (rule F6, A2). Kong: {@code set_max_payload_size(n)}.
   *
   * @param bytes the limit, at most 32 MiB; 0 restores the default (1 MiB for the client, 16 MiB
   *     for the upstream)
   * @throws PdkMisuseException outside the handshake phase
   * @throws IllegalArgumentException for a negative value or more than 32 MiB
   * @since 1.0
   */
  void setMaxPayloadSize(int bytes);

  /**
   * The current limit for messages from this side, in payload bytes of the whole message: the
   * route's default, or what a plugin set with {@link #setMaxPayloadSize(int)}. Kong has no getter;
   * without one a plugin had to provoke an {@code IllegalArgumentException} to learn it. Allowed in
   * every phase.
   *
   * @return the limit in bytes
   * @since 1.1
   */
  default int maxPayloadSize() {
    throw new UnsupportedOperationException("maxPayloadSize() needs a Framegate runtime with PDK 1.1 or later");
  }

  /**
   * Closes the connection, naming what each side gets: this side (the sender of the current frame
   * in a frame phase) gets {@code toThisSide}, the other side {@code toOtherSide}; the current frame
   * is not forwarded and later plugins do not run (rule F5). The same as {@link #close(Integer,
   * String, Integer, String)}, without positional {@code null}s:
   *
   * <pre>{@code
   * ws.client().close(CloseStatus.of(1008, "rate limited"), CloseStatus.of(1001));
   * }</pre>
   *
   * @param toThisSide the close frame for this side; {@link CloseStatus#asReceived()} echoes the
   *     current close frame
   * @param toOtherSide the close frame for the other side
   * @throws PdkMisuseException outside this side's frame phase and timer tasks
   * @since 1.1
   */
  default void close(CloseStatus toThisSide, CloseStatus toOtherSide) {
    throw new UnsupportedOperationException(
        "close(CloseStatus, CloseStatus) needs a Framegate runtime with PDK 1.1 or later");
  }

  /**
   * Sends a text message of the plugin's own to this side (rule F7), after any message already on
   * its way to it.
   *
   * @param text the message
   * @throws PdkMisuseException outside the two frame phases, or once this side is closing
   * @since 1.0
   */
  void sendText(String text);

  /**
   * Sends a binary message of the plugin's own to this side (rule F7).
   *
   * @param data the message; copied
   * @throws PdkMisuseException outside the two frame phases, or once this side is closing
   * @since 1.0
   */
  void sendBinary(byte[] data);

  /**
   * Sends a ping of the plugin's own to this side (rule F7). Its pong comes back through the frame
   * phase of this side like any other.
   *
   * @param data the ping payload, at most 125 bytes; copied
   * @throws PdkMisuseException outside the two frame phases, or once this side is closing
   * @throws IllegalArgumentException for a payload over 125 bytes
   * @since 1.0
   */
  void sendPing(byte[] data);

  /**
   * Sends a pong of the plugin's own to this side: a plugin that drops a ping can answer it itself,
   * or send an unsolicited pong as a heartbeat (RFC 6455 section 5.5.3).
   *
   * @param data the pong payload, at most 125 bytes; copied
   * @throws PdkMisuseException outside the two frame phases and timer tasks, or once this side is
   *     closing
   * @throws IllegalArgumentException for a payload over 125 bytes
   * @since 1.1
   */
  default void sendPong(byte[] data) {
    throw new UnsupportedOperationException("sendPong needs a Framegate runtime with PDK 1.1 or later");
  }

  /**
   * Lets the current frame continue (later plugins run, then it is forwarded unless one of them drops
   * it) and then closes the connection as {@link #close(Integer, String, Integer, String)} would
   * (rule F7).
   *
   * @param status the code for this side, or {@code null} for none
   * @param reason the reason for this side, or {@code null}
   * @param peerStatus the code for the other side, or {@code null} for none
   * @param peerReason the reason for the other side, or {@code null}
   * @throws PdkMisuseException outside this side's frame phase, or on a close frame (which closes
   *     anyway once forwarded)
   * @throws IllegalArgumentException for a code not allowed on the wire or a reason over 123 bytes
   * @since 1.0
   */
  void forwardAndClose(Integer status, String reason, Integer peerStatus, String peerReason);

  /**
   * Lets the current frame continue and then closes the connection as {@link #close(CloseStatus,
   * CloseStatus)} would; the same as {@link #forwardAndClose(Integer, String, Integer, String)}
   * without positional {@code null}s.
   *
   * @param toThisSide the close frame for this side
   * @param toOtherSide the close frame for the other side
   * @throws PdkMisuseException outside this side's frame phase, or on a close frame
   * @since 1.1
   */
  default void forwardAndClose(CloseStatus toThisSide, CloseStatus toOtherSide) {
    throw new UnsupportedOperationException(
        "forwardAndClose(CloseStatus, CloseStatus) needs a Framegate runtime with PDK 1.1 or later");
  }
}
