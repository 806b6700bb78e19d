package dev.framegate.runtime.internal.tyrus;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * The Tyrus endpoint on both sides of every connection. It handles nothing: every frame goes
 * through {@link FrameHook} to the engine. Public only because Tyrus instantiates endpoint types.
 */
public final class PassiveEndpoint extends Endpoint {

  /** Creates the endpoint. */
  public PassiveEndpoint() {}

  @Override
  public void onOpen(Session session, EndpointConfig config) {}
}
