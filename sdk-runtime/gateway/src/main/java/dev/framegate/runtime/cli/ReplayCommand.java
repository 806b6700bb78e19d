package dev.framegate.runtime.cli;

import dev.framegate.harness.FrameHarness;
import dev.framegate.harness.recording.Recording;
import dev.framegate.harness.recording.ReplayMismatch;
import dev.framegate.harness.recording.ReplayOptions;
import dev.framegate.harness.recording.ReplayResult;
import dev.framegate.runtime.Route;
import dev.framegate.runtime.RouteTable;
import dev.framegate.runtime.config.ConfigFiles;
import dev.framegate.runtime.config.GatewayConfig;
import dev.framegate.runtime.config.InvalidConfigException;
import dev.framegate.runtime.internal.routes.RouteTables;
import dev.framegate.runtime.internal.plugins.PluginLoader;
import dev.framegate.runtime.internal.plugins.Plugins;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code framegate replay}: replays a recorded connection through a route's plugins in the test
 * harness (the same engine, no sockets, a virtual clock) and says whether the gateway still does
 * what it did, with both transcripts side by side where it does not. See docs/cli.md.
 */
final class ReplayCommand {

  private final PrintStream out;
  private final PrintStream err;

  ReplayCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> args) {
    try {
      return replay(args);
    } catch (MissingValue e) {
      return usage("replay: " + e.getMessage());
    }
  }

  private int replay(List<String> args) {
    Path recordingFile = null;
    Path configFile = null;
    Path pluginDir = null;
    String routeName = null;
    ReplayOptions options = ReplayOptions.defaults();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--recording" -> recordingFile = Path.of(value(args, i++));
        case "--config", "-c" -> configFile = Path.of(value(args, i++));
        case "--plugins" -> pluginDir = Path.of(value(args, i++));
        case "--route" -> routeName = value(args, i++);
        case "--ignore-timing" -> options = options.ignoringTiming();
        case "--time-tolerance" -> {
          String text = value(args, i++);
          try {
            options = options.withTimeTolerance(java.time.Duration.ofMillis(Long.parseLong(text.replaceFirst("ms$", ""))));
          } catch (NumberFormatException e) {
            return usage("replay: --time-tolerance: expected milliseconds such as 500ms, got '" + text + "'");
          }
        }
        case "--ignore-json-field" -> options = options.ignoringJsonFields(value(args, i++));
        case "--accept" -> options = options.acceptingNewGolden();
        default -> {
          return usage("replay: unknown option '" + arg + "'");
        }
      }
    }
    if (recordingFile == null || configFile == null) {
      return usage("replay: --recording FILE and --config FILE are required");
    }
    if (!Files.isRegularFile(recordingFile)) {
      return usage("replay: recording " + recordingFile + " does not exist");
    }
    if (!Files.isRegularFile(configFile)) {
      return usage("replay: configuration file " + configFile + " does not exist");
    }
    Recording recording;
    GatewayConfig config;
    try {
      recording = Recording.read(recordingFile);
      config = ConfigFiles.read(configFile);
    } catch (IllegalArgumentException | UncheckedIOException | InvalidConfigException e) {
      err.println(e.getMessage());
      return Main.INVALID;
    }
    Optional<Path> directory = pluginDir != null ? Optional.of(pluginDir) : config.plugins().directory();
    try (Plugins plugins = directory.isPresent() ? new PluginLoader().loadDirectory(directory.get()) : new Plugins()) {
      plugins.refusals().forEach(r -> err.println("warning: " + r.getMessage()));
      RouteTable table = RouteTables.build(config, plugins, upstream -> upstream);
      Optional<Route> route = pick(table, routeName != null ? routeName : recording.header().route());
      if (route.isEmpty()) {
        err.println("replay: pick a route with --route NAME; " + configFile.getFileName() + " has "
            + names(table) + (recording.header().route().isEmpty() ? ""
                : " and none is named '" + recording.header().route() + "' as in the recording"));
        return Main.INVALID;
      }
      try (FrameHarness harness = FrameHarness.builder().chain(route.get().chain()).settings(route.get().settings()).build()) {
        ReplayResult result = harness.replay(recording, options);
        if (result.goldenRewritten()) {
          out.println(result.difference().orElse(""));
          out.println("replay: accepted: " + recordingFile + " now holds what route '" + route.get().name()
              + "' does (" + result.replayed().events().size() + " events)");
        } else {
          out.println("replay: " + recordingFile.getFileName() + " matches: route '" + route.get().name()
              + "' with plugins " + names(route.get()) + " does what the recording shows ("
              + recording.events().size() + " events)");
        }
        return 0;
      } catch (ReplayMismatch e) {
        out.println(e.getMessage());
        out.println("replay: route '" + route.get().name() + "' with plugins " + names(route.get())
            + " no longer does what " + recordingFile.getFileName() + " shows (--accept takes the new behaviour)");
        return Main.FAILED;
      }
    } catch (IOException e) {
      err.println("replay: cannot load plugins from " + directory.orElse(null) + ": " + e);
      return Main.INVALID;
    } catch (InvalidConfigException e) {
      err.println(e.getMessage());
      return Main.INVALID;
    }
  }

  private static Optional<Route> pick(RouteTable table, String name) {
    for (Route route : table.routes()) {
      if (route.name().equals(name)) {
        return Optional.of(route);
      }
    }
    return table.routes().size() == 1 ? Optional.of(table.routes().get(0)) : Optional.empty();
  }

  private static String names(RouteTable table) {
    List<String> names = new ArrayList<>();
    table.routes().forEach(r -> names.add(r.name()));
    return "routes " + names;
  }

  private static String names(Route route) {
    List<String> names = new ArrayList<>();
    route.chain().entries().forEach(e -> names.add(e.name()));
    return names.toString();
  }

  private int usage(String message) {
    err.println("framegate: " + message);
    err.println("Run 'framegate --help' for usage.");
    return Main.INVALID;
  }

  private static String value(List<String> args, int optionIndex) {
    if (optionIndex + 1 >= args.size()) {
      throw new MissingValue(args.get(optionIndex));
    }
    return args.get(optionIndex + 1);
  }

  /** An option given without its value. */
  private static final class MissingValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingValue(String option) {
      super(option + " needs a value");
    }
  }
}
