package io.winback.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchResultTest {

  @Test
  void theLastLineHasTheIssuesExactShape() {
    BenchResult result = new BenchResult(3456.4, 12000.6, 45, 180, 260, 310);

    assertThat(result.line())
        .isEqualTo("bench: pipeline=3456/s passthrough=12001/s ratio=0.29 p50_ms=45 p99_ms=180 heap_mb=310")
        .matches("bench: pipeline=\\d+/s passthrough=\\d+/s ratio=\\d+\\.\\d\\d p50_ms=\\d+ p99_ms=\\d+ heap_mb=\\d+");
  }

  @Test
  void allTargetsMetSaysSo() {
    BenchResult result = new BenchResult(7000, 10000, 40, 300, 900, 512);

    assertThat(result.missedTargets()).isEmpty();
    assertThat(result.targetsLine()).startsWith("bench: all targets met");
  }

  @Test
  void everyMissedTargetIsNamed() {
    BenchResult result = new BenchResult(5000, 10000, 40, 301, 900, 513);

    assertThat(result.missedTargets()).containsExactly("ratio 0.50 < 0.6", "p99 301 ms > 300 ms",
        "heap 513 MB > 512 MB");
    assertThat(result.targetsLine()).isEqualTo(
        "bench: targets missed: ratio 0.50 < 0.6; p99 301 ms > 300 ms; heap 513 MB > 512 MB");
  }

  @Test
  void theRatioIsJudgedAsPrinted() {
    assertThat(new BenchResult(5996, 10000, 1, 1, 1, 1).missedTargets()).isEmpty(); // prints 0.60
    assertThat(new BenchResult(5940, 10000, 1, 1, 1, 1).missedTargets()).containsExactly("ratio 0.59 < 0.6");
  }

  @Test
  void aBaselineOfNothingGivesRatioZero() {
    assertThat(new BenchResult(100, 0, 1, 1, 1, 1).ratio()).isZero();
  }
}
