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
            + " rssMiB=12.5 peakRssMiB=13.0 cell=small order=1 startupMs=40",
        "label=direct scenario=rr connections=1 msgPerSec=4000 p50us=100.0 p99us=1000.0 cell=small order=2"));

    assertThat(report)
        .contains("### small — 1 connection(s), request/response")
        .contains("| direct | 2 | 4000 | 1.00 | 100.0 | 1000.0 | +0.0 | +0.0 | – | – |")
        .contains("| nginx | 1 | 3000 | 0.75 | 180.0 | 900.5 | +80.0 | -99.5 | 50.0 | 12.5 |");
  }

  @Test
  @DisplayName("without a direct cell there is no ratio, and idle cells get the memory table")
  void missingDirectAndIdleCells() {
    String report = LoadReport.render(List.of(
        "label=framegate-0 scenario=rr connections=50 msgPerSec=900 p50us=5.0 p99us=9.0 cell=busy order=1",
        "label=framegate-0 scenario=idle connections=100 opened=90 failed=10 rssPerConnKiB=60.5"
            + " heapPerConnKiB=40.1 rssMiB=88.0 cell=idle order=1 startupMs=900 startupCpuMs=500",
        "label=framegate-0 scenario=idle connections=100 opened=100 failed=0 cell=idle2 order=1 startupMs=700"
            + " startupCpuMs=400",
        "label=framegate-0 scenario=idle connections=100 opened=100 failed=0 cell=idle3 order=1 startupMs=1300"));

    assertThat(report)
        .contains("| framegate-0 | 1 | 900 | – | 5.0 | 9.0 | – | – | – | – |")
        .contains("| framegate-0 | 1 | 90 | 10 | 60.5 | 40.1 | 88.0 |")
        // the median of an even count is the mean of the middle two
        .contains("| framegate-0 | 3 | 700 | 900 | 1300 | 450 |");
  }

  @Test
  @DisplayName("connection set-up cells get the rate, its ratio to direct and the handshake times")
  void connectCells() {
    String report = LoadReport.render(List.of(
        "label=direct scenario=connect connections=5000 opened=5000 failed=0 parallel=200 connPerSec=4000"
            + " handshakeP50ms=40.0 handshakeP99ms=90.0 cell=connect order=2",
        "label=haproxy scenario=connect connections=5000 opened=4990 failed=10 parallel=200 connPerSec=3000"
            + " handshakeP50ms=60.0 handshakeP99ms=120.5 proxyCpuUsPerConn=80.2 rssMiB=20.0 cell=connect order=1"));

    assertThat(report)
        .contains("### connect — 5000 connections set up, 200 in parallel")
        .contains("| direct | 2 | 5000 | 0 | 4000 | 1.00 | 40.0 | 90.0 | – | – |")
        .contains("| haproxy | 1 | 4990 | 10 | 3000 | 0.75 | 60.0 | 120.5 | 80.2 | 20.0 |");
  }

  @Test
  @DisplayName("the key figures put every proxy side by side (baseline, build under test, peers), with the"
      + " build under test over the baseline")
  void keyFiguresSideBySide() {
    String report = LoadReport.render(List.of(
        "label=haproxy scenario=connect connections=5000 opened=5000 failed=0 parallel=200 connPerSec=3000"
            + " handshakeP50ms=60.0 handshakeP99ms=120.0 cell=connect order=1",
        "label=direct scenario=rr connections=1 msgPerSec=10000 p50us=50.0 p99us=150.0 cell=text-64B-1conn order=1",
        "label=baseline-5 scenario=rr connections=1 msgPerSec=4000 p50us=200.0 p99us=400.0"
            + " proxyCpuUsPerMsg=100.0 cell=text-64B-1conn order=2 startupMs=700",
        "label=framegate-5 scenario=rr connections=1 msgPerSec=5000 p50us=150.0 p99us=300.0"
            + " proxyCpuUsPerMsg=50.0 cell=text-64B-1conn order=3 startupMs=400",
        "label=haproxy scenario=rr connections=1 msgPerSec=5000 p50us=140.0 p99us=250.0"
            + " proxyCpuUsPerMsg=60.0 cell=text-64B-1conn order=4 startupMs=50",
        "label=baseline-5 scenario=rr connections=50 msgPerSec=9000 p50us=2000.0 p99us=9000.0"
            + " proxyCpuUsPerMsg=70.0 rssMiB=1200.0 cell=text-64B-50conn order=1 startupMs=900",
        "label=framegate-5 scenario=rr connections=50 msgPerSec=9000 p50us=2000.0 p99us=9000.0"
            + " proxyCpuUsPerMsg=35.0 rssMiB=100.0 cell=text-64B-50conn order=2 startupMs=600",
        "label=haproxy scenario=rr connections=50 msgPerSec=9000 p50us=2000.0 p99us=9000.0"
            + " proxyCpuUsPerMsg=25.0 rssMiB=8.0 cell=text-64B-50conn order=3 startupMs=70",
        "label=framegate-5 scenario=idle connections=10000 opened=9850 failed=0 rssPerConnKiB=30.0"
            + " heapPerConnKiB=10.0 cell=idle order=1"));

    assertThat(report)
        .contains("### key figures")
        .contains("| figure | baseline-5 | framegate-5 | haproxy | framegate-5 ÷ baseline-5 |")
        .contains("| proxy CPU µs per round trip, 64 B × 1 connection | 100.0 | 50.0 | 60.0 | 0.50 |")
        .contains("| proxy CPU µs per round trip, 64 B × 50 connections | 70.0 | 35.0 | 25.0 | 0.50 |")
        .contains("| throughput ratio to direct, 64 B × 1 | 0.40 | 0.50 | 0.50 | 1.25 |")
        .contains("| added p50 µs at one connection (64 B) | +150.0 | +100.0 | +90.0 | 0.67 |")
        .contains("| added p99 µs at one connection (64 B) | +250.0 | +150.0 | +100.0 | 0.60 |")
        .contains("| live heap KiB per idle connection | – | 10.0 | – | – |")
        .contains("| connections set up per second | – | – | 3000 | – |")
        .contains("| handshake p50 / p99 ms while setting up | – | – | 60.0 / 120.0 | – |")
        .contains("| start-up ms, median of the launches | 800 | 500 | 60 | 0.63 |")
        .contains("| RSS MiB under load, 64 B × 50 connections | 1200.0 | 100.0 | 8.0 | 0.08 |")
        // figures whose scenario did not run are left out
        .doesNotContain("1 MiB × 1 |")
        .doesNotContain("pipelined 16 × 50 |");
    // the key figures come before the per-scenario tables, whose rows follow the same order
    assertThat(report.indexOf("### key figures")).isLessThan(report.indexOf("### text-64B-1conn"));
    assertThat(report.indexOf("| baseline-5 | 2 | 4000 |")).isLessThan(report.indexOf("| framegate-5 | 3 | 5000 |"));
  }
}
