package dev.framegate.runtime.cli;

import dev.framegate.engine.Engine;
import dev.framegate.runtime.Gateway;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.config.GatewayConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The client-facing listeners over the runtime's own WebSocket transport on Grizzly ({@link Gateway}). */
final class GatewayListeners implements ClientListeners {

  @Override
  public Running start(GatewayConfig.Listener listener, RouteTable routes, Engine engine) throws IOException {
    Gateway.Builder builder = Gateway.builder(routes).host(listener.host()).port(listener.port()).engine(engine);
    if (listener.tls().isPresent()) {
      builder.tls(serverContext(listener.tls().get()));
    }
    Gateway gateway = builder.start();
    return new Running() {
      @Override
      public int port() {
        return gateway.port();
      }

      @Override
      public long inFlightBytes() {
        return gateway.inFlightBytes();
      }

      @Override
      public int stalledWorkerThreads() {
        return gateway.stalledWorkerThreads();
      }

      @Override
      public void close() {
        gateway.close();
      }
    };
  }

  private static SSLContext serverContext(GatewayConfig.Tls tls) throws IOException {
    char[] password = tls.password().toCharArray();
    try (InputStream in = Files.newInputStream(tls.keystore())) {
      KeyStore store = KeyStore.getInstance(tls.type());
      store.load(in, password);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("key store " + tls.keystore() + " (" + tls.type() + ") cannot be used: " + e.getMessage(), e);
    }
  }
}
