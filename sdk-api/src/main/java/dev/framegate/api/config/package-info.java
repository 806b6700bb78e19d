/**
 * Binding a plugin's configuration tree (parsed from YAML or JSON) to its typed configuration record.
 *
 * @since 1.0
 */
package dev.framegate.api.config;
