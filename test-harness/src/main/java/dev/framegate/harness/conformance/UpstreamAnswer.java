package dev.framegate.harness.conformance;

import java.util.Objects;
import java.util.Optional;

/**
 * How the simulated upstream answers the gateway's upgrade request, scripted before the client
 * connects (a socket upstream must know it before the request arrives).
 */
public final class UpstreamAnswer {

  /** The kinds of answer. */
  public enum Kind {
    /** 101, optionally with a subprotocol. */
    ACCEPT,
    /** A non-101 HTTP status. */
    REJECT,
    /** Nothing listens: connection refused. */
    UNREACHABLE,
    /** The connection opens but the upgrade is never answered. */
    SILENT
  }

  private final Kind kind;
  private final String subprotocol;
  private final int status;

  private UpstreamAnswer(Kind kind, String subprotocol, int status) {
    this.kind = kind;
    this.subprotocol = subprotocol;
    this.status = status;
  }

  /**
   * Accept without choosing a subprotocol.
   *
   * @return the answer
   */
  public static UpstreamAnswer accept() {
    return new UpstreamAnswer(Kind.ACCEPT, null, 101);
  }

  /**
   * Accept, choosing a subprotocol.
   *
   * @param subprotocol the subprotocol
   * @return the answer
   */
  public static UpstreamAnswer accept(String subprotocol) {
    return new UpstreamAnswer(Kind.ACCEPT, Objects.requireNonNull(subprotocol, "subprotocol"), 101);
  }

  /**
   * Answer the upgrade with a non-101 status.
   *
   * @param status the HTTP status, for example 403
   * @return the answer
   */
  public static UpstreamAnswer reject(int status) {
    if (status == 101 || status < 200 || status > 599) {
      throw new IllegalArgumentException("a rejection needs a status from 200 to 599 other than 101, was " + status);
    }
    return new UpstreamAnswer(Kind.REJECT, null, status);
  }

  /**
   * Nobody listens at the upstream's address.
   *
   * @return the answer
   */
  public static UpstreamAnswer unreachable() {
    return new UpstreamAnswer(Kind.UNREACHABLE, null, 0);
  }

  /**
   * The upstream accepts the TCP connection but never answers the upgrade.
   *
   * @return the answer
   */
  public static UpstreamAnswer silent() {
    return new UpstreamAnswer(Kind.SILENT, null, 0);
  }

  /**
   * The kind of answer.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The chosen subprotocol of an {@link Kind#ACCEPT}.
   *
   * @return the subprotocol, or empty
   */
  public Optional<String> subprotocol() {
    return Optional.ofNullable(subprotocol);
  }

  /**
   * The HTTP status of a {@link Kind#REJECT}.
   *
   * @return the status; 101 for an accept, 0 otherwise
   */
  public int status() {
    return status;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ACCEPT -> "accept" + (subprotocol == null ? "" : " " + subprotocol);
      case REJECT -> "reject " + status;
      case UNREACHABLE -> "unreachable";
      case SILENT -> "silent";
    };
  }
}
