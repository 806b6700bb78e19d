package dev.framegate.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the load benchmark's raw result lines (one {@code key=value} line per cell, as printed by
 * {@link LoadDriver} and completed by benchmarks/load/run.sh) into the summary tables: throughput as
 * a ratio to the direct target, added latency, proxy CPU per round trip, memory per idle connection
 * and start-up time.
 */
public final class LoadReport {

  /** The target every ratio and added latency is relative to. */
  static final String DIRECT = "direct";

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
    StringBuilder out = new StringBuilder();
    List<String> scenarios = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    for (Map<String, String> cell : cells) {
      addOnce(scenarios, cell.get("cell"));
      addOnce(targets, cell.get("label"));
    }
    for (String scenario : scenarios) {
      List<Map<String, String>> rows = cells.stream().filter(c -> scenario.equals(c.get("cell"))).toList();
      if (rows.isEmpty()) {
        continue;
      }
      out.append("\n### ").append(scenario).append(describe(rows.get(0))).append("\n\n");
      if ("idle".equals(rows.get(0).get("scenario"))) {
        out.append("| target | order | connections opened | failed | RSS delta KiB/conn | live heap delta KiB/conn |\n")
            .append("|---|---|---|---|---|---|\n");
        for (String target : targets) {
          find(rows, target).ifPresent(c -> out.append("| ").append(target).append(" | ").append(get(c, "order"))
              .append(" | ").append(get(c, "opened")).append(" | ").append(get(c, "failed"))
              .append(" | ").append(get(c, "rssPerConnKiB")).append(" | ").append(get(c, "heapPerConnKiB"))
              .append(" |\n"));
        }
        continue;
      }
      Optional<Map<String, String>> direct = find(rows, DIRECT);
      out.append("| target | order | msg/s | ratio to direct | p50 µs | p99 µs | added p50 µs | added p99 µs | proxy CPU µs/round trip |\n")
          .append("|---|---|---|---|---|---|---|---|---|\n");
      for (String target : targets) {
        Optional<Map<String, String>> row = find(rows, target);
        if (row.isEmpty()) {
          continue;
        }
        Map<String, String> c = row.get();
        out.append("| ").append(target).append(" | ").append(get(c, "order"))
            .append(" | ").append(get(c, "msgPerSec"))
            .append(" | ").append(ratio(c, direct, "msgPerSec"))
            .append(" | ").append(get(c, "p50us")).append(" | ").append(get(c, "p99us"))
            .append(" | ").append(added(c, direct, "p50us")).append(" | ").append(added(c, direct, "p99us"))
            .append(" | ").append(get(c, "proxyCpuUsPerMsg")).append(" |\n");
      }
    }
    out.append("\n### start-up (launch to listening, ms)\n\n| target | launches | min | median | max |\n|---|---|---|---|---|\n");
    for (String target : targets) {
      List<Double> startups = new ArrayList<>();
      for (Map<String, String> cell : cells) {
        if (target.equals(cell.get("label")) && cell.containsKey("startupMs")) {
          startups.add(Double.parseDouble(cell.get("startupMs")));
        }
      }
      if (!startups.isEmpty()) {
        startups.sort(null);
        out.append("| ").append(target).append(" | ").append(startups.size())
            .append(" | ").append(format(startups.get(0)))
            .append(" | ").append(format(startups.get(startups.size() / 2)))
            .append(" | ").append(format(startups.get(startups.size() - 1))).append(" |\n");
      }
    }
    return out.toString();
  }

  private static String describe(Map<String, String> cell) {
    String scenario = cell.get("scenario");
    return switch (scenario) {
      case "idle" -> " — idle connections";
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
