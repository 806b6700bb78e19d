package dev.framegate.api;

/**
 * What happens when a plugin's frame phase throws (rule C3). Chosen per plugin entry in the runtime
 * configuration ({@code on-error}); the default is {@link #CLOSE}, Kong's behaviour.
 *
 * @since 1.0
 */
public enum ErrorPolicy {
  /** Close the connection with 1011 on both sides; the frame is dropped. */
  CLOSE,
  /** Log, ignore the failed plugin for this frame and go on with the next plugin. */
  SKIP,
  /** Log and drop the frame; the connection stays open. Close frames are never dropped: they close. */
  DROP
}
