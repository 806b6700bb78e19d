/**
 * The plugin contract and the per-connection operations a plugin calls.
 *
 * <p>A plugin implements {@link dev.framegate.api.FramePlugin} and carries a
 * {@link dev.framegate.api.FramegatePlugin} annotation with its name and priority. Every phase method
 * receives a {@link dev.framegate.api.WsContext} — the Java counterpart of Kong's {@code kong.websocket}
 * namespace — so that {@code kong.websocket.client.get_frame()} reads as {@code ws.client().getFrame()}.
 *
 * @since 1.0
 */
package dev.framegate.api;
