package dev.framegate.runtime.internal.admin;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.management.AttributeNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The metrics plugins publish, added to {@code /metrics}. A plugin needs nothing but the JDK to
 * publish one (so no PDK change and no runtime class in its class loader): it registers an MBean in
 * the platform MBean server named {@code dev.framegate.metrics:name=<metric>[,<label>=<value>...]}
 * with a numeric {@code Value} attribute, and optionally {@code Help} (a line of text) and {@code
 * Type} ({@code counter} or {@code gauge}; without it, a name ending in {@code _total} is a counter).
 * See docs/runtime-config.md, "Plugin metrics".
 */
public final class PluginMetrics {

  /** The JMX domain plugins register their metrics in. */
  public static final String DOMAIN = "dev.framegate.metrics";

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final Supplier<MBeanServer> servers;
  private final ObjectName pattern;

  /**
   * Reads the platform MBean server, from the first scrape on: creating it registers the JVM's own
   * MBeans, about 100 ms that a start must not wait for.
   */
  public PluginMetrics() {
    this(ManagementFactory::getPlatformMBeanServer);
  }

  PluginMetrics(MBeanServer server) {
    this(() -> server);
  }

  private PluginMetrics(Supplier<MBeanServer> servers) {
    this.servers = servers;
    try {
      this.pattern = new ObjectName(DOMAIN + ":*");
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Family(String type, String help, Map<String, String> series) {}

  /**
   * Appends every published metric in the Prometheus text format, grouped by name. A malformed name,
   * label or value is skipped rather than breaking the page.
   *
   * @param out where to append
   */
  public void appendTo(StringBuilder out) {
    MBeanServer server = servers.get();
    Set<ObjectName> names = server.queryNames(pattern, null);
    Map<String, Family> families = new TreeMap<>();
    for (ObjectName name : names) {
      String metric = name.getKeyProperty("name");
      if (metric == null || !METRIC_NAME.matcher(metric).matches()) {
        continue;
      }
      Object value;
      try {
        value = server.getAttribute(name, "Value");
      } catch (JMException | RuntimeException e) {
        continue;
      }
      if (!(value instanceof Number number)) {
        continue;
      }
      StringBuilder labels = new StringBuilder();
      boolean wellFormed = true;
      for (Map.Entry<String, String> label : new TreeMap<>(name.getKeyPropertyList()).entrySet()) {
        if (label.getKey().equals("name")) {
          continue;
        }
        if (!LABEL_NAME.matcher(label.getKey()).matches()) {
          wellFormed = false;
          break;
        }
        labels.append(labels.length() == 0 ? "" : ",").append(label.getKey()).append("=\"")
            .append(escape(unquote(label.getValue()))).append('"');
      }
      if (!wellFormed) {
        continue;
      }
      Family family = families.computeIfAbsent(metric, m -> new Family(type(name, m), help(name), new TreeMap<>()));
      family.series().put(labels.toString(), format(number));
    }
    for (Map.Entry<String, Family> entry : families.entrySet()) {
      Family family = entry.getValue();
      if (family.help() != null) {
        out.append("# HELP ").append(entry.getKey()).append(' ').append(family.help().replace("\n", " ")).append('\n');
      }
      out.append("# TYPE ").append(entry.getKey()).append(' ').append(family.type()).append('\n');
      for (Map.Entry<String, String> series : family.series().entrySet()) {
        out.append(entry.getKey());
        if (!series.getKey().isEmpty()) {
          out.append('{').append(series.getKey()).append('}');
        }
        out.append(' ').append(series.getValue()).append('\n');
      }
    }
  }

  private String type(ObjectName name, String metric) {
    Object type = optional(name, "Type");
    if (type instanceof String text) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.equals("counter") || lower.equals("gauge")) {
        return lower;
      }
    }
    return metric.endsWith("_total") ? "counter" : "gauge";
  }

  private String help(ObjectName name) {
    Object help = optional(name, "Help");
    return help instanceof String text && !text.isBlank() ? text : null;
  }

  private Object optional(ObjectName name, String attribute) {
    try {
      return servers.get().getAttribute(name, attribute);
    } catch (AttributeNotFoundException e) {
      return null;
    } catch (JMException | RuntimeException e) {
      return null;
    }
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      try {
        return ObjectName.unquote(value);
      } catch (IllegalArgumentException e) {
        return value;
      }
    }
    return value;
  }

  private static String format(Number number) {
    if (number instanceof Double || number instanceof Float) {
      double value = number.doubleValue();
      return Double.isNaN(value) ? "NaN" : Double.isInfinite(value) ? (value > 0 ? "+Inf" : "-Inf") : Double.toString(value);
    }
    return Long.toString(number.longValue());
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
