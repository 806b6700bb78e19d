package dev.framegate.engine.internal;

import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.Headers;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The client's request as plugins see it: the transport's, plus the subprotocol the upstream chose. */
final class EngineRequest implements HandshakeRequest {

  private final HandshakeRequest request;
  private volatile String selected;

  EngineRequest(HandshakeRequest request) {
    this.request = request;
  }

  void select(String subprotocol) {
    this.selected = subprotocol;
  }

  @Override
  public String path() {
    return request.path();
  }

  @Override
  public String rawQuery() {
    return request.rawQuery();
  }

  @Override
  public Map<String, List<String>> queryParameters() {
    return request.queryParameters();
  }

  @Override
  public Optional<String> queryParameter(String name) {
    return request.queryParameter(name);
  }

  @Override
  public Headers headers() {
    return request.headers();
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return request.remoteAddress();
  }

  @Override
  public List<String> offeredSubprotocols() {
    return request.offeredSubprotocols();
  }

  @Override
  public Optional<String> selectedSubprotocol() {
    return Optional.ofNullable(selected);
  }

  @Override
  public String toString() {
    return request.toString();
  }
}
