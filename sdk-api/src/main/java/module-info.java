/**
 * The Framegate plugin development kit (PDK): everything a WebSocket frame plugin is written against.
 *
 * <p>This module has no dependency beyond the JDK and is semver-stable: a plugin compiled against
 * {@code 1.x} loads in every runtime of major version 1.
 *
 * @since 1.0
 */
module dev.framegate.api {
  exports dev.framegate.api;
  exports dev.framegate.api.config;
}
