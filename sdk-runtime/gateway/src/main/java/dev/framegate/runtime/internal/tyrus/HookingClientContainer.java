package dev.framegate.runtime.internal.tyrus;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.util.Map;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientContainer;
import org.glassfish.tyrus.spi.ClientContainer;
import org.glassfish.tyrus.spi.ClientEngine;

/**
 * The Tyrus client container of the upstream side: Tyrus's Grizzly container (shared transport,
 * bounded pool) with each connection's engine wrapped by {@link HookingClientEngine}. Tyrus loads it
 * by class name, hence the public no-argument constructor.
 */
public final class HookingClientContainer implements ClientContainer {

  /** The user property of a {@link ClientEndpointConfig} that carries the connection's attempt. */
  static final String ATTEMPT_PROPERTY = HookingClientContainer.class.getName() + ".attempt";

  private final ClientContainer delegate = new GrizzlyClientContainer();

  /** Creates the container; Tyrus calls this. */
  public HookingClientContainer() {}

  @Override
  public void openClientSocket(
      ClientEndpointConfig config, Map<String, Object> properties, ClientEngine clientEngine)
      throws DeploymentException, IOException {
    Object attempt = config.getUserProperties().get(ATTEMPT_PROPERTY);
    ClientEngine engine =
        attempt instanceof UpstreamAttempt
            ? new HookingClientEngine(clientEngine, (UpstreamAttempt) attempt)
            : clientEngine;
    delegate.openClientSocket(config, properties, engine);
  }
}
