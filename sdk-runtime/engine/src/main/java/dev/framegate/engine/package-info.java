/**
 * The engine's transport interface. A transport creates one {@link dev.framegate.engine.Connection}
 * per client connection with {@link dev.framegate.engine.Engine#open}, passes it every raw frame of
 * both sides, and carries out what the engine asks of its {@link dev.framegate.engine.Transport}.
 * No frame rule lives in a transport.
 */
package dev.framegate.engine;
