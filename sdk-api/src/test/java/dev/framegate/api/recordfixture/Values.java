package dev.framegate.api.recordfixture;

import dev.framegate.api.Experimental;

/** Constants and an experimental member. */
public final class Values {

  /** A constant. */
  public static final int LIMIT = 3;

  private Values() {}

  /**
   * Experimental: not recorded.
   *
   * @return 0
   */
  @Experimental
  public static int trial() {
    return 0;
  }

  /** Experimental as a whole: not recorded. */
  @Experimental("a trial")
  public static final class Lab {
    /** Creates it. */
    public Lab() {}
  }
}
