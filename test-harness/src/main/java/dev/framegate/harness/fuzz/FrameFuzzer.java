package dev.framegate.harness.fuzz;

import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.FramePlugin;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.Side;
import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.HandshakeResult;
import dev.framegate.harness.HandshakeSpec;
import dev.framegate.harness.HarnessConnection;
import dev.framegate.harness.HarnessPeer;
import dev.framegate.harness.recording.RecordedEvent;
import dev.framegate.harness.recording.Recording;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import net.jqwik.api.Arbitrary;

/**
 * Runs generated frame sequences through plugins in the harness and checks the {@link FuzzInvariant}s
 * on every run, plus the author's own.
 *
 * <pre>{@code
 * class MyPluginFuzzTest {
 *   final FrameFuzzer fuzzer = FrameFuzzer.builder().plugin(new MyPlugin(), new MyPlugin.Config("x")).build();
 *
 *   @Property(tries = 200)
 *   void invariantsHold(@ForAll("sequences") FrameSequence sequence) {
 *     fuzzer.run(sequence);
 *   }
 *
 *   @Provide
 *   Arbitrary<FrameSequence> sequences() {
 *     return fuzzer.sequences();
 *   }
 * }
 * }</pre>
 *
 * <p>Each run gets a new harness and connection, so runs are independent and a failing one
 * reproduces from its sequence alone: jqwik shrinks it and prints it with the seed that regenerates
 * it ({@code @Property(seed = "...")}).
 *
 * <p>Unless set otherwise, the fuzzer runs with {@link #DEFAULT_SETTINGS}: the engine's defaults with
 * 64 KiB message limits, so that messages around the limits cost little; give the route's own
 * settings with {@link Builder#settings} to fuzz those.
 */
public final class FrameFuzzer {

  /** The settings the fuzzer uses unless told otherwise: the defaults, with 64 KiB message limits. */
  public static final EngineSettings DEFAULT_SETTINGS = EngineSettings.DEFAULTS.withMaxPayload(64 << 10, 64 << 10);

  private final List<Consumer<FrameHarness.Builder>> plugins;
  private final EngineSettings settings;
  private final HandshakeSpec handshake;
  private final Set<FuzzInvariant> invariants;
  private final Map<String, Consumer<FuzzRun>> properties;
  private final int maxSteps;

  private FrameFuzzer(Builder builder) {
    this.plugins = List.copyOf(builder.plugins);
    this.settings = builder.settings;
    this.handshake = builder.handshake;
    this.invariants = EnumSet.copyOf(builder.invariants);
    this.properties = new LinkedHashMap<>(builder.properties);
    this.maxSteps = builder.maxSteps;
  }

  /**
   * Starts building a fuzzer.
   *
   * @return a builder with no plugins, {@link #DEFAULT_SETTINGS} and every invariant
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sequences shaped by this fuzzer's settings, of up to its step count.
   *
   * @return the arbitrary
   */
  public Arbitrary<FrameSequence> sequences() {
    return arbitraries().sequences(maxSteps);
  }

  /**
   * The arbitraries shaped by this fuzzer's settings, to build sequences of one's own.
   *
   * @return the arbitraries
   */
  public FrameArbitraries arbitraries() {
    return FrameArbitraries.forSettings(settings);
  }

  /**
   * The settings every run uses.
   *
   * @return the settings
   */
  public EngineSettings settings() {
    return settings;
  }

  /**
   * Runs a sequence and checks every invariant and property.
   *
   * @param sequence the sequence
   * @return the run, for further checks
   * @throws AssertionError naming each broken invariant, with the sequence and the transcript
   */
  public FuzzRun run(FrameSequence sequence) {
    FuzzRun run = runUnchecked(sequence);
    run.assertNoViolations();
    return run;
  }

  /**
   * Runs a sequence and checks every invariant and property, without throwing.
   *
   * @param sequence the sequence
   * @return the run, with its violations
   */
  public FuzzRun runUnchecked(FrameSequence sequence) {
    FrameHarness.Builder builder = FrameHarness.builder().settings(settings);
    plugins.forEach(plugin -> plugin.accept(builder));
    List<String> violations = new ArrayList<>();
    List<Integer> boundaries = new ArrayList<>();
    try (FrameHarness harness = builder.build()) {
      HarnessConnection ws = harness.connect(handshake);
      HandshakeResult answer;
      try {
        answer = ws.handshake();
      } catch (AssertionError e) {
        violations.add(violation(FuzzInvariant.ENGINE_DID_NOT_THROW, e.getMessage().lines().findFirst().orElse("")));
        return new FuzzRun(sequence, null, ws.recording(), ws.transcript(), violations);
      }
      boolean engineThrew = false;
      boolean[] vanished = new boolean[2];
      if (answer.upgraded()) {
        for (FuzzStep step : sequence.steps()) {
          boundaries.add(ws.recording().events().size());
          try {
            runStep(harness, ws, step, vanished);
          } catch (AssertionError e) {
            if (invariants.contains(FuzzInvariant.ENGINE_DID_NOT_THROW)) {
              violations.add(violation(FuzzInvariant.ENGINE_DID_NOT_THROW, e.getMessage().lines().findFirst().orElse("")));
            }
            engineThrew = true;
            break;
          }
        }
      }
      boundaries.add(ws.recording().events().size());
      if (!engineThrew) {
        end(harness, ws, violations);
      }
      Recording recording = ws.recording();
      violations.addAll(new InvariantChecker(settings, invariants, recording.events(), boundaries).check());
      FuzzRun run = new FuzzRun(sequence, answer, recording, ws.transcript(), violations);
      for (Map.Entry<String, Consumer<FuzzRun>> property : properties.entrySet()) {
        try {
          property.getValue().accept(run);
        } catch (AssertionError | RuntimeException e) {
          violations.add("property '" + property.getKey() + "' broken: " + e.getMessage());
        }
      }
      return new FuzzRun(sequence, answer, recording, ws.transcript(), violations);
    }
  }

  private static void runStep(FrameHarness harness, HarnessConnection ws, FuzzStep step, boolean[] vanished) {
    if (step instanceof FuzzStep.Send send) {
      for (FuzzStep.Frame frame : send.frames()) {
        HarnessPeer peer = peer(ws, frame.from());
        if (ws.isFinished() || vanished[frame.from().ordinal()] || peer.isDisconnected()) {
          continue; // the side can no longer send: this frame cannot happen
        }
        if (frame.wrongMasking()) {
          peer.sendRawWithWrongMasking(frame.frame().fin(), frame.frame().rsv(), frame.frame().opcode(), frame.frame().payload());
        } else {
          peer.sendRaw(frame.frame().fin(), frame.frame().rsv(), frame.frame().opcode(), frame.frame().payload());
        }
      }
    } else if (step instanceof FuzzStep.Advance advance) {
      harness.advance(advance.duration());
    } else if (step instanceof FuzzStep.Vanish vanish) {
      HarnessPeer peer = peer(ws, vanish.side());
      if (!ws.isFinished() && !vanished[vanish.side().ordinal()] && !peer.isDisconnected()) {
        vanished[vanish.side().ordinal()] = true;
        peer.vanish();
      }
    }
  }

  private static HarnessPeer peer(HarnessConnection ws, Side side) {
    return side == Side.CLIENT ? ws.client() : ws.upstream();
  }

  /**
   * After the sequence, no side sends anything more: a connection that is closing must end within the
   * close linger; one nobody closes ends at the idle time-out, or when the runtime shuts down.
   */
  private void end(FrameHarness harness, HarnessConnection ws, List<String> violations) {
    if (ws.isFinished()) {
      return;
    }
    Duration linger = settings.closeLinger();
    boolean closing = !ws.recording().events().stream()
        .filter(e -> e instanceof RecordedEvent.Sent sent && sent.frame().type() == dev.framegate.api.FrameType.CLOSE)
        .toList().isEmpty();
    String how;
    if (closing) {
      harness.advance(linger);
      how = "within the close linger (" + linger.toMillis() + " ms) after its first close frame";
    } else if (!settings.idleTimeout().isZero()) {
      harness.advance(settings.idleTimeout().plus(linger));
      how = "within the idle time-out and the close linger with no frame";
    } else {
      ws.shutdown();
      harness.advance(linger);
      how = "within the close linger after the runtime shut it down";
    }
    if (!ws.isFinished() && invariants.contains(FuzzInvariant.ENDS_WITHIN_TIMEOUTS)) {
      violations.add(violation(FuzzInvariant.ENDS_WITHIN_TIMEOUTS, "the connection did not end " + how));
    }
  }

  static String violation(FuzzInvariant invariant, String detail) {
    return "invariant '" + invariant.description() + "' broken: " + detail;
  }

  /** Builds a {@link FrameFuzzer}. */
  public static final class Builder {
    private final List<Consumer<FrameHarness.Builder>> plugins = new ArrayList<>();
    private EngineSettings settings = DEFAULT_SETTINGS;
    private HandshakeSpec handshake = HandshakeSpec.path("/");
    private final Set<FuzzInvariant> invariants = EnumSet.allOf(FuzzInvariant.class);
    private final Map<String, Consumer<FuzzRun>> properties = new LinkedHashMap<>();
    private int maxSteps = FrameArbitraries.DEFAULT_MAX_STEPS;

    private Builder() {}

    /**
     * Adds a plugin with its configuration; the instance is shared by every run, as the runtime shares
     * it by every connection of a route.
     *
     * @param plugin the plugin
     * @param config its configuration
     * @param <C> the configuration type
     * @return this builder
     */
    public <C> Builder plugin(FramePlugin<C> plugin, C config) {
      plugins.add(harness -> harness.plugin(plugin, config));
      return this;
    }

    /**
     * Adds a plugin with its configuration and error policy.
     *
     * @param plugin the plugin
     * @param config its configuration
     * @param errorPolicy what happens when it throws
     * @param <C> the configuration type
     * @return this builder
     */
    public <C> Builder plugin(FramePlugin<C> plugin, C config, ErrorPolicy errorPolicy) {
      plugins.add(harness -> harness.plugin(plugin, config, errorPolicy));
      return this;
    }

    /**
     * Adds a plugin bound from a configuration tree, as the runtime binds a route's YAML.
     *
     * @param plugin the plugin
     * @param config the configuration tree
     * @return this builder
     */
    public Builder plugin(FramePlugin<?> plugin, Map<String, ?> config) {
      plugins.add(harness -> harness.plugin(plugin, config));
      return this;
    }

    /**
     * Adds a plugin created with its no-argument constructor (once per run) and bound from a
     * configuration tree.
     *
     * @param pluginClass the plugin class
     * @param config the configuration tree
     * @return this builder
     */
    public Builder plugin(Class<? extends FramePlugin<?>> pluginClass, Map<String, ?> config) {
      plugins.add(harness -> harness.plugin(pluginClass, config));
      return this;
    }

    /**
     * Sets up each run's harness some other way (an observer, a redaction, plugins with error
     * policies); called for every run, in order with the plugins, after the fuzzer's settings are
     * applied (settings changed here are not the ones the generated sizes and time steps follow).
     *
     * @param setup receives each run's harness builder
     * @return this builder
     */
    public Builder harness(Consumer<FrameHarness.Builder> setup) {
      plugins.add(Objects.requireNonNull(setup, "setup"));
      return this;
    }

    /**
     * Sets the limits and timeouts every run uses, and that shape the generated sizes and time steps.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(EngineSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets the client's upgrade request (default: {@code GET /}).
     *
     * @param handshake the request
     * @return this builder
     */
    public Builder handshake(HandshakeSpec handshake) {
      this.handshake = Objects.requireNonNull(handshake, "handshake");
      return this;
    }

    /**
     * Sets the most steps {@link FrameFuzzer#sequences()} generates (default {@value
     * FrameArbitraries#DEFAULT_MAX_STEPS}).
     *
     * @param maxSteps the most steps, at least 1
     * @return this builder
     */
    public Builder maxSteps(int maxSteps) {
      if (maxSteps < 1) {
        throw new IllegalArgumentException("maxSteps must be at least 1, was " + maxSteps);
      }
      this.maxSteps = maxSteps;
      return this;
    }

    /**
     * Leaves invariants unchecked, for a plugin that breaks one on purpose.
     *
     * @param skipped the invariants not to check
     * @return this builder
     */
    public Builder without(FuzzInvariant... skipped) {
      for (FuzzInvariant invariant : skipped) {
        invariants.remove(invariant);
      }
      return this;
    }

    /**
     * Adds a property of the author's own, checked on every run after the invariants: it fails by
     * throwing (an AssertJ or JUnit assertion, for example).
     *
     * @param name the property's name, for failure reports
     * @param property the check
     * @return this builder
     */
    public Builder property(String name, Consumer<FuzzRun> property) {
      properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(property, "property"));
      return this;
    }

    /**
     * Builds the fuzzer.
     *
     * @return the fuzzer
     */
    public FrameFuzzer build() {
      return new FrameFuzzer(this);
    }
  }
}
