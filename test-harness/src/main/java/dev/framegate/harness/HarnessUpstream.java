package dev.framegate.harness;

import dev.framegate.engine.Side;

/**
 * The simulated upstream of a {@link HarnessConnection}: a {@link HarnessPeer} that also answers the
 * gateway's upgrade request. Unless the test answers first, the upstream accepts automatically,
 * choosing the first subprotocol offered to it, as soon as the test does anything else with the
 * connection (sends, expects, advances the clock).
 */
public final class HarnessUpstream extends HarnessPeer {

  HarnessUpstream(HarnessConnection connection) {
    super(connection, Side.UPSTREAM);
  }

  /**
   * Accepts the upgrade, choosing the first subprotocol offered to the upstream (or none).
   *
   * @return this upstream
   */
  public HarnessUpstream accept() {
    connection.answerUpstream(HarnessConnection.Answer.ACCEPT_DEFAULT, null, 0, null);
    return this;
  }

  /**
   * Accepts the upgrade with a subprotocol.
   *
   * @param subprotocol the chosen subprotocol, or {@code null} for none
   * @return this upstream
   */
  public HarnessUpstream accept(String subprotocol) {
    connection.answerUpstream(HarnessConnection.Answer.ACCEPT, subprotocol, 0, null);
    return this;
  }

  /**
   * Answers the upgrade with a non-101 HTTP status; the gateway passes it to the client (rule H2).
   *
   * @param status the HTTP status
   * @return this upstream
   */
  public HarnessUpstream reject(int status) {
    connection.answerUpstream(HarnessConnection.Answer.FAIL, null, status, "upstream answered " + status);
    return this;
  }

  /**
   * The upstream cannot be reached: the transport reports 502 (rule H2).
   *
   * @return this upstream
   */
  public HarnessUpstream unreachable() {
    connection.answerUpstream(HarnessConnection.Answer.FAIL, null, 502, "connection refused");
    return this;
  }

  /**
   * The upstream connection failed with a status and detail, as a transport would report it.
   *
   * @param status 502 when unreachable, 504 on time-out, or the upstream's own status
   * @param detail what went wrong
   * @return this upstream
   */
  public HarnessUpstream fail(int status, String detail) {
    connection.answerUpstream(HarnessConnection.Answer.FAIL, null, status, detail);
    return this;
  }

  /**
   * The upstream never answers the upgrade; only the gateway's connect timeout ends the wait.
   *
   * @return this upstream
   */
  public HarnessUpstream stayQuiet() {
    connection.answerUpstream(HarnessConnection.Answer.SILENT, null, 0, null);
    return this;
  }

  /**
   * Whether the gateway tried to connect the upstream. Reading the request does not answer it.
   *
   * @return {@code true} once contacted
   */
  public boolean wasContacted() {
    return connection.upstreamRequestRaw() != null;
  }

  /**
   * Whether the gateway has asked to connect the upstream so far, without applying the default
   * answer (unlike the other methods, this one does not accept on the test's behalf).
   *
   * @return {@code true} once contacted
   */
  public boolean wasContactedYet() {
    return connection.upstreamRequestRaw() != null;
  }

  /**
   * The upgrade request the upstream received.
   *
   * @return the request
   * @throws AssertionError if the gateway never contacted the upstream
   */
  public UpstreamHandshake handshakeRequest() {
    UpstreamHandshake request = connection.upstreamRequestRaw();
    if (request == null) {
      throw failure("upstream was never contacted by the gateway");
    }
    return request;
  }
}
