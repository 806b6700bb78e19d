package dev.framegate.api.internal;

import dev.framegate.api.FramePlugin;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.NoConfig;
import dev.framegate.api.config.DefaultValue;
import dev.framegate.api.config.Required;
import java.net.URI;

/** Plugin classes, good and bad, for {@link PluginInspectionTest}. */
public final class InspectionFixtures {

  private InspectionFixtures() {}

  /** A loadable plugin with a required field. */
  @FramegatePlugin(name = "greeter", priority = 7, config = Greeter.Config.class)
  public static final class Greeter implements FramePlugin<Greeter.Config> {
    /** Its configuration. */
    public record Config(@DefaultValue("hello") String greeting, @Required String target) {}
  }

  /** Not annotated. */
  public static final class Unannotated implements FramePlugin<NoConfig> {}

  /** A malformed name. */
  @FramegatePlugin(name = "Bad_Name")
  public static final class BadName implements FramePlugin<NoConfig> {}

  /** Annotated but not a plugin. */
  @FramegatePlugin(name = "not-a-plugin")
  public static final class NotAPlugin {}

  /** Declares NoConfig but implements FramePlugin of a record. */
  @FramegatePlugin(name = "mismatch")
  public static final class Mismatch implements FramePlugin<Mismatch.Config> {
    /** Its configuration. */
    public record Config(String greeting) {}
  }

  /** A configuration field binding cannot support. */
  @FramegatePlugin(name = "unsupported", config = Unsupported.Config.class)
  public static final class Unsupported implements FramePlugin<Unsupported.Config> {
    /** Its configuration. */
    public record Config(URI target, float ratio) {}
  }

  /** A default that does not bind. */
  @FramegatePlugin(name = "bad-default", config = BadDefault.Config.class)
  public static final class BadDefault implements FramePlugin<BadDefault.Config> {
    /** Its configuration. */
    public record Config(@Required String name, @DefaultValue("lots") int limit) {}
  }

  /** No public no-argument constructor. */
  @FramegatePlugin(name = "needs-argument")
  public static final class NeedsArgument implements FramePlugin<NoConfig> {
    /**
     * Creates it.
     *
     * @param argument anything
     */
    public NeedsArgument(String argument) {}
  }

  /** A private constructor: the harness used to reach it; nothing may now. */
  @FramegatePlugin(name = "private-constructor")
  public static final class PrivateConstructor implements FramePlugin<NoConfig> {
    private PrivateConstructor() {}
  }

  /** Not public. */
  @FramegatePlugin(name = "hidden")
  static final class Hidden implements FramePlugin<NoConfig> {}

  /** An inner (non-static) class. */
  @FramegatePlugin(name = "inner")
  public final class Inner implements FramePlugin<NoConfig> {}

  /** Abstract. */
  @FramegatePlugin(name = "abstract")
  public abstract static class Abstract implements FramePlugin<NoConfig> {}

  /** A constructor that throws. */
  @FramegatePlugin(name = "exploding")
  public static final class Exploding implements FramePlugin<NoConfig> {
    /** Throws. */
    public Exploding() {
      throw new IllegalStateException("boom");
    }
  }
}
