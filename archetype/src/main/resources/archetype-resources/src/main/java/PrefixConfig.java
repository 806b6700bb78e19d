package ${package};

import dev.framegate.api.config.DefaultValue;

/**
 * The configuration of the {@code prefix} plugin. Each component is a configuration key; the
 * runtime binds a route's configuration to it once, when the route is configured.
 *
 * @param prefix the text put in front of every text message from the client
 * @param skipEmpty whether empty messages are left as they are
 */
public record PrefixConfig(@DefaultValue("> ") String prefix, @DefaultValue("true") boolean skipEmpty) {

  /** Rejects an empty prefix, so that a configuration mistake is reported when the route loads. */
  public PrefixConfig {
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("prefix must not be empty");
    }
  }
}
