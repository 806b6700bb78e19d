package dev.framegate.runtime.internal.transport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.nio.transport.TCPNIOConnectorHandler;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.ssl.SSLFilter;

/**
 * Opens upstream WebSockets on the gateway's own Grizzly transport: a TCP connect (name resolution
 * off the I/O threads), TLS for {@code wss://} with the host name checked against the certificate,
 * then the upgrade request, which {@link UpstreamFilter} sees answered.
 *
 * <p>Outcomes (rule H2): refused or unreachable, a TLS failure, a connection closed before the
 * answer, or an answer that is not a valid 101: 502; an HTTP status other than 101: that status; no
 * answer: the engine's connect timeout (504), which cancels the attempt.
 */
final class UpstreamConnector {

  private static final Logger LOG = Logger.getLogger(UpstreamConnector.class.getName());

  private final GatewayRuntime runtime;
  private final TCPNIOTransport transport;
  private final FilterChain plain;
  private final SSLContext configuredTls;
  private final UpstreamFilter filter;
  private volatile FilterChain secure;

  UpstreamConnector(GatewayRuntime runtime, TCPNIOTransport transport, SSLContext tls) {
    this.runtime = runtime;
    this.transport = transport;
    UpstreamFilter filter = new UpstreamFilter();
    this.plain = FilterChainBuilder.stateless().add(new TransportFilter()).add(filter).build();
    this.configuredTls = tls;
    this.filter = filter;
  }

  /**
   * The filter chain for {@code wss://} upstreams, made at the first one: the JDK's default TLS
   * context reads the trust store, over 100 ms that a gateway without such upstreams never pays.
   */
  private FilterChain secure() {
    FilterChain chain = secure;
    if (chain == null) {
      synchronized (this) {
        chain = secure;
        if (chain == null) {
          SSLEngineConfigurator client =
              new VerifyingClientTls(CloseTolerantTls.wrap(configuredTls != null ? configuredTls : defaultTls()));
          chain = FilterChainBuilder.stateless().add(new TransportFilter()).add(new SSLFilter(null, client)).add(filter).build();
          secure = chain;
        }
      }
    }
    return chain;
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }

  /** Starts connecting; the outcome reaches the attempt's connection from some thread. */
  void connect(Attempt attempt) {
    runtime.events().execute(() -> open(attempt));
  }

  private void open(Attempt attempt) {
    if (attempt.cancelled.get()) {
      return;
    }
    URI uri = attempt.uri;
    boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    InetSocketAddress address = new InetSocketAddress(uri.getHost(), port);
    if (address.isUnresolved()) {
      attempt.failed(502, "upstream unreachable: unknown host " + uri.getHost());
      return;
    }
    TCPNIOConnectorHandler connector = TCPNIOConnectorHandler.builder(transport).processor(tls ? secure() : plain).build();
    connector.connect(address, new CompletionHandler<Connection>() {
      @Override
      public void cancelled() {
        attempt.failed(502, "upstream unreachable: the connect was cancelled");
      }

      @Override
      public void failed(Throwable throwable) {
        LOG.log(Level.FINE, "upstream connect to " + uri + " failed", throwable);
        attempt.failed(502, "upstream unreachable: " + rootMessage(throwable));
      }

      @Override
      public void completed(Connection connection) {
        attempt.connected(connection);
      }

      @Override
      public void updated(Connection connection) {}
    });
  }

  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  /** TLS to upstreams: the certificate must name the host the URL names (RFC 2818 / 6125). */
  private static final class VerifyingClientTls extends SSLEngineConfigurator {
    VerifyingClientTls(SSLContext context) {
      super(context, true, false, false);
    }

    @Override
    public SSLEngine createSSLEngine(String peerHost, int peerPort) {
      SSLEngine engine = super.createSSLEngine(peerHost, peerPort);
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
      return engine;
    }
  }

  /** One attempt to open the upstream WebSocket of a connection. */
  static final class Attempt {
    final ProxiedConnection proxied;
    final URI uri;
    // The attempt itself is dropped once the 101 is accepted (ProxiedConnection and UpstreamFilter
    // release it), with the URI, the key and the response reader.
    /** What the upgrade request is built from; released once it is written. */
    private Map<String, List<String>> headers;
    private List<String> subprotocols;
    final String key;
    final HttpHead.Reader response = new HttpHead.Reader(16 * 1024);
    final AtomicBoolean settled = new AtomicBoolean();
    final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Connection<?> connection;

    Attempt(ProxiedConnection proxied, URI uri, Map<String, List<String>> headers, List<String> subprotocols) {
      this.proxied = proxied;
      this.uri = uri;
      this.headers = headers;
      this.subprotocols = subprotocols;
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      this.key = Base64.getEncoder().encodeToString(nonce);
    }

    void connected(Connection<?> opened) {
      connection = opened;
      if (cancelled.get()) {
        opened.closeSilently();
        return;
      }
      UpstreamFilter.ATTEMPT.set(opened, this);
      proxied.upstreamConnection(opened);
      String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      boolean defaultPort = uri.getPort() < 0;
      String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
      byte[] request = HttpResponses.upgradeRequest(target, defaultPort ? host : host + ":" + uri.getPort(), key,
          subprotocols, headers);
      headers = null;
      proxied.peer(dev.framegate.engine.Side.UPSTREAM).writeRaw(request);
      if (!opened.isOpen()) {
        failed(502, "upstream unreachable: the connection closed before the upgrade request");
      }
    }

    /** The upstream answered 101 and the answer is valid. */
    boolean upgraded() {
      if (!settled.compareAndSet(false, true)) {
        return false;
      }
      subprotocols = null;
      return true;
    }

    void failed(int status, String detail) {
      if (settled.compareAndSet(false, true)) {
        Connection<?> opened = connection;
        if (opened != null) {
          opened.closeSilently();
        }
        proxied.upstreamFailed(status, detail);
      }
    }

    /** The engine gave up on the upstream (connect timeout, shutdown): abandon the attempt. */
    void cancel() {
      if (cancelled.compareAndSet(false, true)) {
        settled.set(true);
        Connection<?> opened = connection;
        if (opened != null) {
          opened.closeSilently();
        }
      }
    }
  }
}
