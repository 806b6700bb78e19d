package dev.framegate.runtime.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class PluginMetricsTest {

  /** A plugin's metric, as a plugin declares it: a standard MBean with JDK types only. */
  public interface CounterMBean {
    long getValue();

    String getHelp();
  }

  public static final class Counter implements CounterMBean {
    long value;

    @Override
    public long getValue() {
      return value;
    }

    @Override
    public String getHelp() {
      return "Redis checks that failed.";
    }
  }

  public interface LevelMBean {
    double getValue();

    String getType();
  }

  public static final class Level implements LevelMBean {
    @Override
    public double getValue() {
      return 0.5;
    }

    @Override
    public String getType() {
      return "gauge";
    }
  }

  @Test
  void publishedMBeansAppearInThePrometheusTextGroupedByName() throws Exception {
    MBeanServer server = MBeanServerFactory.newMBeanServer();
    Counter open = new Counter();
    open.value = 3;
    Counter closed = new Counter();
    closed.value = 1;
    server.registerMBean(open, new ObjectName("dev.framegate.metrics:name=framegate_rate_limit_redis_failures_total,limit=chat,fail=open"));
    server.registerMBean(closed, new ObjectName("dev.framegate.metrics:name=framegate_rate_limit_redis_failures_total,limit=\"a \\\"b\\\"\",fail=closed"));
    server.registerMBean(new Level(), new ObjectName("dev.framegate.metrics:name=example_level"));
    server.registerMBean(new Level(), new ObjectName("dev.framegate.metrics:name=bad-name"));
    server.registerMBean(new Counter(), new ObjectName("other.domain:name=not_ours_total"));

    StringBuilder out = new StringBuilder();
    new PluginMetrics(server).appendTo(out);

    assertThat(out.toString()).isEqualTo("""
        # TYPE example_level gauge
        example_level 0.5
        # HELP framegate_rate_limit_redis_failures_total Redis checks that failed.
        # TYPE framegate_rate_limit_redis_failures_total counter
        framegate_rate_limit_redis_failures_total{fail="closed",limit="a \\"b\\""} 1
        framegate_rate_limit_redis_failures_total{fail="open",limit="chat"} 3
        """);
  }

  @Test
  void theObserverPageIncludesThePlatformServersPluginMetrics() throws Exception {
    ObjectName name = new ObjectName("dev.framegate.metrics:name=framegate_test_observer_total,plugin=test");
    Counter counter = new Counter();
    counter.value = 42;
    ManagementFactory.getPlatformMBeanServer().registerMBean(counter, name);
    try {
      GatewayObserver observer = new GatewayObserver(new dev.framegate.runtime.RouteTable() {
        @Override
        public java.util.Optional<dev.framegate.runtime.Route> resolve(String path) {
          return java.util.Optional.empty();
        }

        @Override
        public java.util.List<dev.framegate.runtime.Route> routes() {
          return java.util.List.of();
        }
      }, java.time.Clock.systemUTC());
      assertThat(observer.prometheus()).contains("framegate_test_observer_total{plugin=\"test\"} 42\n");
    } finally {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    }
  }
}
