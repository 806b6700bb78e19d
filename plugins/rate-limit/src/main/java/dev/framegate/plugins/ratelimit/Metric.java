package dev.framegate.plugins.ratelimit;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A counter published on the runtime's {@code /metrics}: a standard MBean in the platform MBean
 * server's {@code dev.framegate.metrics} domain (docs/runtime-config.md, "Plugin metrics").
 */
public final class Metric implements MetricMBean {

  private final LongAdder value = new LongAdder();
  private final String help;

  private Metric(String help) {
    this.help = help;
  }

  /**
   * Registers a counter; one registered under the same name before (by an earlier class loader of
   * this plugin) is replaced.
   *
   * @param name the metric name
   * @param help its description
   * @param labels label names and values, alternating
   * @return the counter
   */
  static Metric counter(String name, String help, String... labels) {
    Metric metric = new Metric(help);
    StringBuilder objectName = new StringBuilder("dev.framegate.metrics:name=").append(name);
    for (int i = 0; i + 1 < labels.length; i += 2) {
      objectName.append(',').append(labels[i]).append('=').append(ObjectName.quote(labels[i + 1]));
    }
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      ObjectName registered = new ObjectName(objectName.toString());
      try {
        server.registerMBean(metric, registered);
      } catch (InstanceAlreadyExistsException e) {
        try {
          server.unregisterMBean(registered);
        } catch (InstanceNotFoundException gone) {
          // unregistered meanwhile
        }
        server.registerMBean(metric, registered);
      }
    } catch (JMException e) {
      // the metric is then counted but not published; the limit itself still works
      System.getLogger(Metric.class.getName()).log(System.Logger.Level.WARNING, "cannot publish " + name + ": " + e);
    }
    return metric;
  }

  void increment() {
    value.increment();
  }

  long sum() {
    return value.sum();
  }

  @Override
  public long getValue() {
    return value.sum();
  }

  @Override
  public String getHelp() {
    return help;
  }
}
