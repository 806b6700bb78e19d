/**
 * The Framegate plugin development kit (PDK): everything a WebSocket frame plugin is written against.
 *
 * <p>This module has no dependency beyond the JDK and is semver-stable: a plugin compiled against
 * {@code 1.x} loads in every runtime of major version 1. The package {@code dev.framegate.api.internal}
 * holds the rules Framegate's own modules share (plugin names, durations, PDK versions, plugin
 * inspection); it is not part of the PDK and is exported to those modules only.
 *
 * @since 1.0
 */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module dev.framegate.api {
  exports dev.framegate.api;
  exports dev.framegate.api.config;
  exports dev.framegate.api.internal to
      dev.framegate.engine,
      dev.framegate.runtime,
      dev.framegate.harness;
}
