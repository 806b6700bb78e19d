package dev.framegate.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the load benchmark's raw result lines (one {@code key=value} line per cell, as printed by
 * {@link LoadDriver} and completed by benchmarks/load/run.sh) into the summary tables: first the key
 * figures side by side for every proxy (the build under test, the baseline build when one was
 * measured, nginx and HAProxy), then one table per scenario — throughput as a ratio to the direct
 * target, added latency, proxy CPU per round trip and resident set under load; connection set-up
 * rate; memory per idle connection — and start-up time.
 */
public final class LoadReport {

  /** The target every ratio and added latency is relative to. */
  static final String DIRECT = "direct";
  /** Labels of the build under test and of the baseline build whose ratio the key figures show. */
  static final String CURRENT = "framegate-5";
  static final String BASELINE = "baseline-5";

  private LoadReport() {}

  /**
   * Prints the summary as Markdown.
   *
   * @param args the raw results file
   * @throws IOException when it cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: LoadReport RESULTS_FILE");
    }
    System.out.print(render(Files.readAllLines(Path.of(args[0]))));
  }

  static String render(List<String> lines) {
    List<Map<String, String>> cells = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank() && !line.startsWith("#")) {
        cells.add(parse(line));
      }
    }
    List<String> scenarios = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    for (Map<String, String> cell : cells) {
      addOnce(scenarios, cell.get("cell"));
      addOnce(targets, cell.get("label"));
    }
    targets.sort(Comparator.comparingInt(LoadReport::rank));
    StringBuilder out = new StringBuilder();
    keyFigures(cells, targets, out);
    for (String scenario : scenarios) {
      List<Map<String, String>> rows = cells.stream().filter(c -> scenario.equals(c.get("cell"))).toList();
      out.append("\n### ").append(scenario).append(describe(rows.get(0))).append("\n\n");
      switch (rows.get(0).getOrDefault("scenario", "")) {
        case "idle" -> idleTable(rows, targets, out);
        case "connect" -> connectTable(rows, targets, out);
        default -> messageTable(rows, targets, out);
      }
    }
    out.append("\n### start-up (launch to listening)\n\n| target | launches | min ms | median ms | max ms"
        + " | median CPU ms |\n|---|---|---|---|---|---|\n");
    for (String target : targets) {
      List<Double> startups = values(cells, target, "startupMs");
      if (!startups.isEmpty()) {
        List<Double> cpu = values(cells, target, "startupCpuMs");
        out.append("| ").append(target).append(" | ").append(startups.size())
            .append(" | ").append(format(startups.get(0)))
            .append(" | ").append(format(median(startups)))
            .append(" | ").append(format(startups.get(startups.size() - 1)))
            .append(" | ").append(cpu.isEmpty() ? "–" : format(median(cpu))).append(" |\n");
      }
    }
    return out.toString();
  }

  /** One figure of the key-figures table: how to read it from a target's cell of one scenario. */
  private record Figure(String caption, String cell, Function<Context, String> value) {}

  /** A target's cell of one scenario, the direct target's cell of the same scenario, all cells. */
  private record Context(Map<String, String> cell, Optional<Map<String, String>> direct,
      List<Map<String, String>> all, String target) {}

  private static final List<Figure> FIGURES = List.of(
      new Figure("proxy CPU µs per round trip, 64 B × 1 connection", "text-64B-1conn", c -> get(c.cell, "proxyCpuUsPerMsg")),
      new Figure("proxy CPU µs per round trip, 64 B × 50 connections", "text-64B-50conn", c -> get(c.cell, "proxyCpuUsPerMsg")),
      new Figure("proxy CPU µs per round trip, 64 B pipelined 16 × 50", "text-64B-pipelined-16x50", c -> get(c.cell, "proxyCpuUsPerMsg")),
      new Figure("proxy CPU µs per round trip, 1 MiB × 1 connection", "binary-1MiB-1conn", c -> get(c.cell, "proxyCpuUsPerMsg")),
      new Figure("throughput ratio to direct, 64 B × 1", "text-64B-1conn", c -> ratio(c.cell, c.direct, "msgPerSec")),
      new Figure("throughput ratio to direct, 64 B × 50", "text-64B-50conn", c -> ratio(c.cell, c.direct, "msgPerSec")),
      new Figure("throughput ratio to direct, pipelined 16 × 50", "text-64B-pipelined-16x50", c -> ratio(c.cell, c.direct, "msgPerSec")),
      new Figure("throughput ratio to direct, 1 MiB × 1", "binary-1MiB-1conn", c -> ratio(c.cell, c.direct, "msgPerSec")),
      new Figure("added p50 µs at one connection (64 B)", "text-64B-1conn", c -> added(c.cell, c.direct, "p50us")),
      new Figure("added p99 µs at one connection (64 B)", "text-64B-1conn", c -> added(c.cell, c.direct, "p99us")),
      new Figure("live heap KiB per idle connection", "idle", c -> get(c.cell, "heapPerConnKiB")),
      new Figure("RSS KiB per idle connection", "idle", c -> get(c.cell, "rssPerConnKiB")),
      new Figure("idle connections held", "idle", c -> get(c.cell, "opened")),
      new Figure("connections set up per second", "connect", c -> get(c.cell, "connPerSec")),
      new Figure("handshake p50 / p99 ms while setting up", "connect",
          c -> get(c.cell, "handshakeP50ms") + " / " + get(c.cell, "handshakeP99ms")),
      new Figure("start-up ms, median of the launches", null, c -> median(c.all, c.target, "startupMs")),
      new Figure("start-up CPU ms, median of the launches", null, c -> median(c.all, c.target, "startupCpuMs")),
      new Figure("RSS MiB under load, 64 B × 50 connections", "text-64B-50conn", c -> get(c.cell, "rssMiB")),
      new Figure("RSS MiB under load, pipelined 16 × 50", "text-64B-pipelined-16x50", c -> get(c.cell, "rssMiB")),
      new Figure("RSS MiB under load, 1 MiB × 1", "binary-1MiB-1conn", c -> get(c.cell, "rssMiB")));

  private static void keyFigures(List<Map<String, String>> cells, List<String> targets, StringBuilder out) {
    List<String> proxies = targets.stream().filter(t -> !DIRECT.equals(t)).toList();
    if (proxies.isEmpty()) {
      return;
    }
    boolean change = proxies.contains(CURRENT) && proxies.contains(BASELINE);
    out.append("\n### key figures\n\n| figure |");
    proxies.forEach(p -> out.append(' ').append(p).append(" |"));
    if (change) {
      out.append(' ').append(CURRENT).append(" ÷ ").append(BASELINE).append(" |");
    }
    out.append("\n|---|").append("---|".repeat(proxies.size() + (change ? 1 : 0))).append('\n');
    for (Figure figure : FIGURES) {
      List<Map<String, String>> rows = figure.cell == null ? cells
          : cells.stream().filter(c -> figure.cell.equals(c.get("cell"))).toList();
      if (rows.isEmpty()) {
        continue;
      }
      Optional<Map<String, String>> direct = find(rows, DIRECT);
      List<String> values = new ArrayList<>();
      for (String proxy : proxies) {
        Optional<Map<String, String>> cell = figure.cell == null ? Optional.of(Map.of()) : find(rows, proxy);
        values.add(cell.map(c -> figure.value.apply(new Context(c, direct, cells, proxy))).orElse("–"));
      }
      if (values.stream().allMatch("–"::equals)) {
        continue;
      }
      out.append("| ").append(figure.caption).append(" |");
      values.forEach(v -> out.append(' ').append(v).append(" |"));
      if (change) {
        out.append(' ').append(quotient(values.get(proxies.indexOf(CURRENT)), values.get(proxies.indexOf(BASELINE))))
            .append(" |");
      }
      out.append('\n');
    }
  }

  private static void messageTable(List<Map<String, String>> rows, List<String> targets, StringBuilder out) {
    Optional<Map<String, String>> direct = find(rows, DIRECT);
    out.append("| target | order | msg/s | ratio to direct | p50 µs | p99 µs | added p50 µs | added p99 µs"
            + " | proxy CPU µs/round trip | RSS MiB under load |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (String target : targets) {
      find(rows, target).ifPresent(c -> out.append("| ").append(target).append(" | ").append(get(c, "order"))
          .append(" | ").append(get(c, "msgPerSec"))
          .append(" | ").append(ratio(c, direct, "msgPerSec"))
          .append(" | ").append(get(c, "p50us")).append(" | ").append(get(c, "p99us"))
          .append(" | ").append(added(c, direct, "p50us")).append(" | ").append(added(c, direct, "p99us"))
          .append(" | ").append(get(c, "proxyCpuUsPerMsg"))
          .append(" | ").append(DIRECT.equals(target) ? "–" : get(c, "rssMiB")).append(" |\n"));
    }
  }

  private static void connectTable(List<Map<String, String>> rows, List<String> targets, StringBuilder out) {
    Optional<Map<String, String>> direct = find(rows, DIRECT);
    out.append("| target | order | opened | failed | connections/s | ratio to direct | handshake p50 ms"
            + " | handshake p99 ms | proxy CPU µs/connection | RSS MiB after |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (String target : targets) {
      find(rows, target).ifPresent(c -> out.append("| ").append(target).append(" | ").append(get(c, "order"))
          .append(" | ").append(get(c, "opened")).append(" | ").append(get(c, "failed"))
          .append(" | ").append(get(c, "connPerSec")).append(" | ").append(ratio(c, direct, "connPerSec"))
          .append(" | ").append(get(c, "handshakeP50ms")).append(" | ").append(get(c, "handshakeP99ms"))
          .append(" | ").append(get(c, "proxyCpuUsPerConn"))
          .append(" | ").append(DIRECT.equals(target) ? "–" : get(c, "rssMiB")).append(" |\n"));
    }
  }

  private static void idleTable(List<Map<String, String>> rows, List<String> targets, StringBuilder out) {
    out.append("| target | order | connections opened | failed | RSS delta KiB/conn | live heap delta KiB/conn"
            + " | RSS MiB held |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (String target : targets) {
      find(rows, target).ifPresent(c -> out.append("| ").append(target).append(" | ").append(get(c, "order"))
          .append(" | ").append(get(c, "opened")).append(" | ").append(get(c, "failed"))
          .append(" | ").append(get(c, "rssPerConnKiB")).append(" | ").append(get(c, "heapPerConnKiB"))
          .append(" | ").append(get(c, "rssMiB")).append(" |\n"));
    }
  }

  /** Tables list the direct target, then the baseline build, the build under test and the peers. */
  private static int rank(String target) {
    if (DIRECT.equals(target)) {
      return 0;
    } else if (target.startsWith("baseline")) {
      return 1;
    } else if (target.startsWith("framegate")) {
      return 2;
    } else if (target.equals("nginx")) {
      return 3;
    } else if (target.equals("haproxy")) {
      return 4;
    }
    return 5;
  }

  /** The values of KEY in every cell of TARGET, sorted. */
  private static List<Double> values(List<Map<String, String>> cells, String target, String key) {
    List<Double> values = new ArrayList<>();
    for (Map<String, String> cell : cells) {
      Double value = target.equals(cell.get("label")) ? number(cell, key) : null;
      if (value != null) {
        values.add(value);
      }
    }
    values.sort(null);
    return values;
  }

  private static String median(List<Map<String, String>> cells, String target, String key) {
    List<Double> values = values(cells, target, key);
    return values.isEmpty() ? "–" : format(median(values));
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String describe(Map<String, String> cell) {
    String scenario = cell.getOrDefault("scenario", "");
    return switch (scenario) {
      case "idle" -> " — idle connections";
      case "connect" -> " — " + cell.get("connections") + " connections set up, "
          + cell.getOrDefault("parallel", "?") + " in parallel";
      case "pipelined" -> " — " + cell.get("connections") + " connections, pipelined";
      default -> " — " + cell.get("connections") + " connection(s), request/response";
    };
  }

  private static void addOnce(List<String> list, String value) {
    if (value != null && !list.contains(value)) {
      list.add(value);
    }
  }

  private static Optional<Map<String, String>> find(List<Map<String, String>> rows, String target) {
    return rows.stream().filter(c -> target.equals(c.get("label"))).findFirst();
  }

  private static String get(Map<String, String> cell, String key) {
    return cell.getOrDefault(key, "–");
  }

  private static String ratio(Map<String, String> cell, Optional<Map<String, String>> direct, String key) {
    Double value = number(cell, key);
    Double base = direct.map(d -> number(d, key)).orElse(null);
    return value == null || base == null || base == 0 ? "–" : String.format(Locale.ROOT, "%.2f", value / base);
  }

  private static String added(Map<String, String> cell, Optional<Map<String, String>> direct, String key) {
    Double value = number(cell, key);
    Double base = direct.map(d -> number(d, key)).orElse(null);
    return value == null || base == null ? "–" : String.format(Locale.ROOT, "%+.1f", value - base);
  }

  /** after ÷ before of two figures, when both are plain numbers. */
  private static String quotient(String after, String before) {
    try {
      double a = Double.parseDouble(after);
      double b = Double.parseDouble(before);
      return b == 0 ? "–" : String.format(Locale.ROOT, "%.2f", a / b);
    } catch (NumberFormatException e) {
      return "–";
    }
  }

  private static Double number(Map<String, String> cell, String key) {
    try {
      return cell.containsKey(key) ? Double.valueOf(cell.get(key)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  static Map<String, String> parse(String line) {
    Map<String, String> cell = new LinkedHashMap<>();
    for (String pair : line.trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cell.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return cell;
  }
}
