package dev.framegate.plugins.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Redis outcomes of one named limit, on {@code /metrics}:
 * {@code framegate_rate_limit_redis_calls_total}, {@code framegate_rate_limit_redis_failures_total}
 * and {@code framegate_rate_limit_redis_unavailable_total} (by outcome: allowed under {@code fail:
 * open}, denied under {@code fail: closed}), each labelled with the limit's name.
 */
record RedisMetrics(Metric calls, Metric failures, Metric allowedWhileUnavailable, Metric deniedWhileUnavailable) {

  private static final Map<String, RedisMetrics> BY_LIMIT = new ConcurrentHashMap<>();

  static RedisMetrics of(String limit) {
    return BY_LIMIT.computeIfAbsent(limit, name -> new RedisMetrics(
        Metric.counter("framegate_rate_limit_redis_calls_total", "Rate-limit checks sent to Redis.", "limit", name),
        Metric.counter("framegate_rate_limit_redis_failures_total",
            "Rate-limit checks that failed because Redis was unreachable or answered with an error.", "limit", name),
        Metric.counter("framegate_rate_limit_redis_unavailable_total",
            "Messages decided by the failure mode while Redis was unavailable.", "limit", name, "outcome", "allowed"),
        Metric.counter("framegate_rate_limit_redis_unavailable_total",
            "Messages decided by the failure mode while Redis was unavailable.", "limit", name, "outcome", "denied")));
  }
}
