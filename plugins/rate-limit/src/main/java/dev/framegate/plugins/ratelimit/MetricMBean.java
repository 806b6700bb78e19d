package dev.framegate.plugins.ratelimit;

/** What JMX reads of a {@link Metric}: the runtime reads {@code Value} and {@code Help}. */
public interface MetricMBean {

  /**
   * The counter's value.
   *
   * @return the count
   */
  long getValue();

  /**
   * The counter's description.
   *
   * @return one line of text
   */
  String getHelp();
}
