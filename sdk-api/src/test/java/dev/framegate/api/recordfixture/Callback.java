package dev.framegate.api.recordfixture;

/** An interface code outside Framegate might implement. */
public interface Callback {

  /** Called. */
  void call();

  /**
   * Has a default.
   *
   * @return 1
   */
  default int optional() {
    return 1;
  }
}
