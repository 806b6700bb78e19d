package dev.framegate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoadReportTest {

  @Test
  @DisplayName("throughput is a ratio to the direct target and latency is what a proxy adds to it")
  void ratiosAndAddedLatencyAreRelativeToDirect() {
    String report = LoadReport.render(List.of(
        "# comment lines are skipped",
        "label=nginx scenario=rr connections=1 msgPerSec=3000 p50us=180.0 p99us=900.5 proxyCpuUsPerMsg=50.0"
            + " cell=small order=1 startupMs=40",
        "label=direct scenario=rr connections=1 msgPerSec=4000 p50us=100.0 p99us=1000.0 cell=small order=2"));

    assertThat(report)
        .contains("### small — 1 connection(s), request/response")
        .contains("| direct | 2 | 4000 | 1.00 | 100.0 | 1000.0 | +0.0 | +0.0 | – |")
        .contains("| nginx | 1 | 3000 | 0.75 | 180.0 | 900.5 | +80.0 | -99.5 | 50.0 |");
  }

  @Test
  @DisplayName("without a direct cell there is no ratio, and idle cells get the memory table")
  void missingDirectAndIdleCells() {
    String report = LoadReport.render(List.of(
        "label=framegate-0 scenario=rr connections=50 msgPerSec=900 p50us=5.0 p99us=9.0 cell=busy order=1",
        "label=framegate-0 scenario=idle connections=100 opened=90 failed=10 rssPerConnKiB=60.5"
            + " heapPerConnKiB=40.1 cell=idle order=1 startupMs=900",
        "label=framegate-0 scenario=idle connections=100 opened=100 failed=0 cell=idle2 order=1 startupMs=700",
        "label=framegate-0 scenario=idle connections=100 opened=100 failed=0 cell=idle3 order=1 startupMs=1300"));

    assertThat(report)
        .contains("| framegate-0 | 1 | 900 | – | 5.0 | 9.0 | – | – | – |")
        .contains("| framegate-0 | 1 | 90 | 10 | 60.5 | 40.1 |")
        .contains("| framegate-0 | 3 | 700 | 900 | 1300 |");
  }
}
