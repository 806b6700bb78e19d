/**
 * Rules shared by the runtime, the engine, the test harness and the build tooling: the plugin-name
 * rule, the duration grammar, PDK versions and the inspection that decides whether a class is a
 * loadable plugin. Not part of the PDK: this package is exported only to Framegate's own modules and
 * may change in any release.
 */
package dev.framegate.api.internal;
