package dev.framegate.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wss listener configured from a key store file, as an operator would (keytool). */
class WssListenerTest {

  @TempDir Path dir;

  @Test
  void aWssListenerServesClientsWithTheConfiguredKeyStore() throws Exception {
    Path keystore = dir.resolve("gateway.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    Path config = Files.writeString(dir.resolve("gateway.yaml"), """
        listeners:
          - {protocol: wss, port: 0, tls: {keystore: gateway.p12, password: changeit}}
        routes:
          - {name: echo, path: /echo, upstream: "builtin:echo"}
        """);

    try (Launcher launcher = Launcher.start(config, new GatewayListeners())) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        trust.load(in, "changeit".toCharArray());
      }
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trustManagers.getTrustManagers(), null);
      BlockingQueue<String> replies = new LinkedBlockingQueue<>();
      WebSocket socket = HttpClient.newBuilder().sslContext(tls).build().newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .buildAsync(URI.create("wss://127.0.0.1:" + launcher.port() + "/echo"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
              replies.add(data.toString());
              webSocket.request(1);
              return null;
            }
          }).join();

      socket.sendText("over tls", true).join();

      assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("over tls");
      socket.abort();
    }
  }
}
