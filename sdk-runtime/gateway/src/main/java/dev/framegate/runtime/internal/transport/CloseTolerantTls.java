package dev.framegate.runtime.internal.transport;

import java.nio.ByteBuffer;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * TLS contexts for Grizzly that do not lose the last bytes a peer sends before it closes.
 *
 * <p>Grizzly 4's SSL filter (in Tyrus 2.2.2's bundle) unwraps one read record by record; when a
 * record is the peer's {@code close_notify}, it stops the filter chain and drops the application
 * data it unwrapped from the same read. A peer that writes its last bytes and closes at once (an
 * upstream answering 403 with {@code Connection: close}, a client sending a close frame and
 * closing) then looks as if it had sent nothing: the gateway would answer 504 instead of 403, or
 * 1001 instead of the peer's close code. The engines made here report the {@code close_notify}
 * record to Grizzly as an ordinary, empty record, so the data goes on; the TCP close that follows
 * ends the connection as usual.
 */
final class CloseTolerantTls {

  private CloseTolerantTls() {}

  /** A context that makes close-tolerant engines from the given, initialised one. */
  static SSLContext wrap(SSLContext context) {
    return new SSLContext(new Spi(context), context.getProvider(), context.getProtocol()) {};
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext context;

    Spi(SSLContext context) {
      this.context = context;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
      context.init(km, tm, sr);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return context.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return context.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return new Engine(context.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return new Engine(context.createSSLEngine(host, port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return context.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return context.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return context.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return context.getSupportedSSLParameters();
    }
  }

  /** Delegates everything; only the peer's {@code close_notify} is reported differently. */
  private static final class Engine extends SSLEngine {
    private final SSLEngine delegate;
    private volatile boolean peerClosed;

    Engine(SSLEngine delegate) {
      super(delegate.getPeerHost(), delegate.getPeerPort());
      this.delegate = delegate;
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
      SSLEngineResult result = delegate.unwrap(src, dsts, offset, length);
      boolean peerCloseNotify = result.getStatus() == SSLEngineResult.Status.CLOSED
          && result.bytesConsumed() > 0 && delegate.isInboundDone();
      if (peerCloseNotify) {
        peerClosed = true;
        return new SSLEngineResult(SSLEngineResult.Status.OK, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING,
            result.bytesConsumed(), result.bytesProduced());
      }
      return result;
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
      // After the peer's close_notify the engine asks to wrap its own: not a handshake for Grizzly's read path.
      return peerClosed ? SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING : delegate.getHandshakeStatus();
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
      return delegate.wrap(srcs, offset, length, dst);
    }

    @Override
    public Runnable getDelegatedTask() {
      return delegate.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
      delegate.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
      return delegate.isInboundDone();
    }

    @Override
    public void closeOutbound() {
      delegate.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
      return delegate.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
      return delegate.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
      delegate.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
      return delegate.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
      return delegate.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
      delegate.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
      return delegate.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
      return delegate.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
      delegate.beginHandshake();
    }

    @Override
    public void setUseClientMode(boolean mode) {
      delegate.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
      return delegate.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
      delegate.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
      return delegate.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
      delegate.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
      return delegate.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
      delegate.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
      return delegate.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
      return delegate.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
      delegate.setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol() {
      return delegate.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
      return delegate.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
      delegate.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
      return delegate.getHandshakeApplicationProtocolSelector();
    }
  }
}
