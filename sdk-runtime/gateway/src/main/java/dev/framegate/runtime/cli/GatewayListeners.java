package dev.framegate.runtime.cli;

import dev.framegate.engine.Engine;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.config.GatewayConfig;
import java.io.IOException;

/** The client-facing listeners over the Tyrus transport ({@code dev.framegate.runtime.Gateway}). */
final class GatewayListeners implements ClientListeners {

  @Override
  public Running start(GatewayConfig.Listener listener, RouteTable routes, Engine engine) throws IOException {
    throw new IOException("this build has no client transport yet: dev.framegate.runtime.Gateway is not part of it");
  }
}
