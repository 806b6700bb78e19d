package dev.framegate.harness;

import dev.framegate.api.CloseInfo;
import dev.framegate.api.ErrorPolicy;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.HandshakeRequest;
import dev.framegate.api.Phase;
import dev.framegate.api.config.ConfigBinder;
import dev.framegate.api.internal.PluginInspection;
import dev.framegate.engine.ConnectionTap;
import dev.framegate.engine.Engine;
import dev.framegate.engine.EngineObserver;
import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import dev.framegate.engine.Side;
import dev.framegate.harness.internal.HarnessObserver;
import dev.framegate.harness.recording.Recorder;
import dev.framegate.harness.recording.Recording;
import dev.framegate.harness.recording.Redaction;
import dev.framegate.harness.recording.ReplayMismatch;
import dev.framegate.harness.recording.ReplayOptions;
import dev.framegate.harness.recording.ReplayResult;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs plugins in the real Framegate engine with simulated WebSocket clients and upstreams: no
 * sockets, no threads, a virtual clock. A test builds a harness with its plugins and settings,
 * {@linkplain #connect connects}, sends frames as either side and checks what each side received.
 *
 * <pre>{@code
 * try (FrameHarness harness = FrameHarness.builder().plugin(new Uppercase(), new Uppercase.Config("!")).build()) {
 *   HarnessConnection ws = harness.connect(HandshakeSpec.path("/chat"));
 *   ws.client().sendText("hello");
 *   ws.upstream().expectText("HELLO!");
 * }
 * }</pre>
 *
 * <p>Everything runs on the calling thread, in order, so a test is deterministic and costs
 * milliseconds. A harness is not thread-safe.
 */
public final class FrameHarness implements AutoCloseable {

  private final VirtualClock clock;
  private final Engine engine;
  private final PluginChain chain;
  private final EngineSettings settings;
  private final Redaction redaction;
  private final List<HarnessConnection> connections = new ArrayList<>();
  private HarnessConnection starting;
  private boolean closed;

  private FrameHarness(Builder builder) {
    this.clock = builder.clock;
    this.chain = builder.chain.build();
    this.settings = builder.settings;
    this.redaction = builder.redaction;
    this.engine = Engine.create(clock, new HarnessObserver(builder.observer, (id, request) -> {
      HarnessConnection connection = starting;
      return connection == null ? null
          : new Recorder(request, clock::nanoTime, redaction, connection::recorded);
    }, this::note));
    clock.beforeRunning(() -> List.copyOf(connections).forEach(HarnessConnection::settle));
  }

  /**
   * Starts building a harness.
   *
   * @return a builder with no plugins and the default settings
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects a simulated client: runs the handshake phase and asks the simulated upstream to
   * connect. The upstream accepts by default, unless the test answers first through {@link
   * HarnessConnection#upstream()}.
   *
   * @param spec the client's upgrade request
   * @return the connection
   */
  public HarnessConnection connect(HandshakeSpec spec) {
    return connect(spec, false);
  }

  HarnessConnection connect(HandshakeSpec spec, boolean scripted) {
    if (closed) {
      throw new IllegalStateException("this harness is closed: build a new one");
    }
    HarnessConnection connection = new HarnessConnection(this, spec, "connection #" + (connections.size() + 1));
    if (scripted) {
      connection.scripted();
    }
    connections.add(connection);
    starting = connection;
    try {
      connection.start();
    } finally {
      starting = null;
    }
    return connection;
  }

  /**
   * Connects a simulated client with a plain upgrade request for a path.
   *
   * @param path the request path
   * @return the connection
   */
  public HarnessConnection connect(String path) {
    return connect(HandshakeSpec.path(path));
  }

  /**
   * The virtual clock every connection of this harness uses.
   *
   * @return the clock
   */
  public VirtualClock clock() {
    return clock;
  }

  /**
   * Moves the virtual clock forward, firing the timeouts that fall due. Same as {@code
   * clock().advance(duration)}.
   *
   * @param duration how far
   */
  public void advance(Duration duration) {
    clock.advance(duration);
  }

  /**
   * Replays a recorded connection through this harness's plugins and checks that the gateway now
   * does what it did then: the client and the upstream act exactly as recorded, in order, at the
   * recorded times on the virtual clock, and every frame the gateway writes and every handshake
   * answer must match the recording.
   *
   * @param recording the recording, for example {@link Recording#read}
   * @return the result (matched)
   * @throws ReplayMismatch when the replay differs: both transcripts side by side at the first
   *     difference (unless {@link ReplayOptions#ACCEPT_PROPERTY} accepts a new golden)
   */
  public ReplayResult replay(Recording recording) {
    return replay(recording, ReplayOptions.defaults());
  }

  /**
   * Replays a recorded connection with options: timing ignored, JSON fields ignored, or a new golden
   * accepted (the recording's file rewritten with what the plugins do now).
   *
   * @param recording the recording
   * @param options how to compare
   * @return the result
   * @throws ReplayMismatch when the replay differs and no new golden is accepted
   */
  public ReplayResult replay(Recording recording, ReplayOptions options) {
    ReplayResult result = new Replayer(this, recording, options).run();
    result.assertMatched();
    return result;
  }

  /** Shuts down every open connection as a stopping runtime would (rule C6). */
  public void shutdown() {
    for (HarnessConnection connection : List.copyOf(connections)) {
      if (!connection.isFinished()) {
        connection.shutdown();
      }
    }
  }

  /**
   * The connections opened so far, in order.
   *
   * @return a snapshot
   */
  public List<HarnessConnection> connections() {
    return List.copyOf(connections);
  }

  /**
   * The plugin chain every connection starts with.
   *
   * @return the chain
   */
  public PluginChain chain() {
    return chain;
  }

  /**
   * The limits and timeouts of every connection.
   *
   * @return the settings
   */
  public EngineSettings settings() {
    return settings;
  }

  Engine engine() {
    return engine;
  }

  Redaction redaction() {
    return redaction;
  }

  /**
   * Closes the harness: every connection still open is shut down as a stopping runtime would (1001
   * to both sides), the simulated sides answer those close frames, and so the close handshakes
   * complete and the plugins' close phases run; then pending timers are dropped. A side that cannot
   * answer drops its connection, which ends it too. Closing twice does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (HarnessConnection connection : connections) {
      connection.closeForTeardown();
    }
    clock.cancelAll();
  }

  private HarnessConnection connection(String id) {
    for (HarnessConnection connection : connections) {
      if (connection.id().equals(id)) {
        return connection;
      }
    }
    return null;
  }

  /** A connection's transcript, by connection id, for the harness's observer. */
  private void note(String connectionId, String who, String what) {
    HarnessConnection connection = connection(connectionId);
    if (connection != null) {
      connection.note(who, what);
    }
  }

  /** Builds a {@link FrameHarness}. */
  public static final class Builder {
    private final PluginChain.Builder chain = PluginChain.builder();
    private EngineSettings settings = EngineSettings.DEFAULTS;
    private VirtualClock clock = new VirtualClock();
    private EngineObserver observer = EngineObserver.NONE;
    private Redaction redaction = Redaction.defaults();
    private final List<Consumer<FrameHarness>> onBuild = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a plugin with its configuration.
     *
     * @param plugin the plugin, annotated with {@link FramegatePlugin}
     * @param config its configuration
     * @param <C> the configuration type
     * @return this builder
     */
    public <C> Builder plugin(FramePlugin<C> plugin, C config) {
      chain.add(plugin, config);
      return this;
    }

    /**
     * Adds a plugin with its configuration and an error policy (rule C3).
     *
     * @param plugin the plugin
     * @param config its configuration
     * @param errorPolicy what happens when it throws in a frame phase
     * @param <C> the configuration type
     * @return this builder
     */
    public <C> Builder plugin(FramePlugin<C> plugin, C config, ErrorPolicy errorPolicy) {
      chain.add(plugin, config, errorPolicy);
      return this;
    }

    /**
     * Adds a plugin whose configuration is bound, with {@link ConfigBinder}, from an empty tree: its
     * defaults, or {@link dev.framegate.api.NoConfig}.
     *
     * @param plugin the plugin
     * @return this builder
     */
    public Builder plugin(FramePlugin<?> plugin) {
      return plugin(plugin, Map.of());
    }

    /**
     * Adds a plugin with a configuration tree, bound as the runtime binds a route's configuration.
     *
     * @param plugin the plugin
     * @param config the configuration tree (maps, lists, strings, numbers, booleans)
     * @return this builder
     * @throws dev.framegate.api.config.ConfigException naming the field that does not bind
     */
    public Builder plugin(FramePlugin<?> plugin, Map<String, ?> config) {
      chain.add(plugin, ConfigBinder.bind(config, PluginChain.describe(plugin.getClass()).config()));
      return this;
    }

    /**
     * Creates a plugin with its public no-argument constructor and binds its configuration tree, as
     * the runtime does. The class must be one the runtime could load from a plugin JAR: public,
     * concrete, top-level or static, with a public no-argument constructor, a well-formed name and a
     * configuration record whose defaults bind; the harness refuses what the runtime refuses, with
     * the same message.
     *
     * @param pluginClass the plugin class
     * @param config the configuration tree
     * @return this builder
     * @throws IllegalArgumentException listing what keeps the runtime from loading the class
     * @throws dev.framegate.api.config.ConfigException naming the field that does not bind
     */
    public Builder plugin(Class<? extends FramePlugin<?>> pluginClass, Map<String, ?> config) {
      return plugin(pluginClass, config, ErrorPolicy.CLOSE);
    }

    /**
     * Creates a plugin as {@link #plugin(Class, Map)} does, binds its configuration tree and sets its
     * error policy.
     *
     * @param pluginClass the plugin class
     * @param config the configuration tree
     * @param errorPolicy what happens when it throws in a frame phase
     * @return this builder
     * @throws IllegalArgumentException listing what keeps the runtime from loading the class
     * @throws dev.framegate.api.config.ConfigException naming the field that does not bind
     */
    public Builder plugin(Class<? extends FramePlugin<?>> pluginClass, Map<String, ?> config, ErrorPolicy errorPolicy) {
      PluginInspection.Declaration declaration = PluginInspection.loadable(pluginClass).orElseThrow();
      Object bound = ConfigBinder.bind(config, declaration.configType());
      chain.add(PluginInspection.newInstance(declaration, pluginClass.getName()), bound, errorPolicy);
      return this;
    }

    /**
     * Adds every entry of an existing chain, with its configuration and error policy.
     *
     * @param plugins the chain
     * @return this builder
     */
    public Builder chain(PluginChain plugins) {
      for (PluginChain.Entry entry : plugins.entries()) {
        chain.add(entry.plugin(), entry.config(), entry.errorPolicy());
      }
      return this;
    }

    /**
     * Sets the limits and timeouts (default {@link EngineSettings#DEFAULTS}).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(EngineSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Uses a given virtual clock, for example one shared by several harnesses.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(VirtualClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Reports the engine's connection, message and plugin events to an observer, as the runtime's
     * metrics do.
     *
     * @param observer the observer
     * @return this builder
     */
    public Builder observer(EngineObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Sets what {@link HarnessConnection#recording()} leaves out (default: the {@code Authorization}
     * and {@code Cookie} headers).
     *
     * @param redaction the redaction
     * @return this builder
     */
    public Builder redaction(Redaction redaction) {
      this.redaction = Objects.requireNonNull(redaction, "redaction");
      return this;
    }

    /**
     * Registers a callback that receives each harness this builder builds; the JUnit extension uses
     * it to close them after the test.
     *
     * @param callback the callback
     * @return this builder
     */
    public Builder onBuild(Consumer<FrameHarness> callback) {
      onBuild.add(Objects.requireNonNull(callback, "callback"));
      return this;
    }

    /**
     * Builds the harness.
     *
     * @return the harness
     */
    public FrameHarness build() {
      FrameHarness harness = new FrameHarness(this);
      onBuild.forEach(callback -> callback.accept(harness));
      return harness;
    }
  }
}
