package io.winback.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchResultTest {

  /** Every target met: floor_ratio 0.80, p99 150 ms, heap 256 MB, 200,000 cases restored in 30.0 s. */
  private static BenchResult meetingEveryTarget() {
    return new BenchResult(8000, 100_000, 10_000, 40, 150, 900, 256, 30.0, 200_000);
  }

  @Test
  void theLastLineHasTheIssuesExactShape() {
    BenchResult result = new BenchResult(3456.4, 12000.6, 4321.5, 45, 180, 260, 310, 12.34, 235_000);

    assertThat(result.line())
        .isEqualTo("bench: pipeline=3456/s passthrough=12001/s ratio=0.29 floor=4322/s floor_ratio=0.80 p50_ms=45"
            + " p99_ms=180 heap_mb=310 restore_s=12.3")
        .matches("bench: pipeline=\\d+/s passthrough=\\d+/s ratio=\\d+\\.\\d\\d floor=\\d+/s floor_ratio=\\d+\\.\\d\\d"
            + " p50_ms=\\d+ p99_ms=\\d+ heap_mb=\\d+ restore_s=\\d+\\.\\d");
  }

  @Test
  void floorRatioIsPipelineOverFloor() {
    BenchResult result = new BenchResult(6000, 120_000, 15_000, 1, 1, 1, 1, 1, 1);

    assertThat(result.floorRatio()).isEqualTo(0.4);
    assertThat(result.floorRatioText()).isEqualTo("0.40");
    assertThat(result.ratioText()).isEqualTo("0.05");
  }

  @Test
  void allTargetsMetSaysSoAndNamesThem() {
    BenchResult result = meetingEveryTarget();

    assertThat(result.missedTargets()).isEmpty();
    assertThat(result.targetsLine()).isEqualTo("bench: all targets met (floor_ratio >= 0.8, p99 <= 150 ms, heap <= 256"
        + " MB, restore <= 30.0 s for 200,000 cases (30 s per 200,000))");
  }

  @Test
  void everyMissedTargetIsNamed() {
    BenchResult result = new BenchResult(7900, 100_000, 10_000, 40, 151, 900, 257, 30.1, 200_000);

    assertThat(result.missedTargets()).containsExactly("floor_ratio 0.79 < 0.8", "p99 151 ms > 150 ms",
        "heap 257 MB > 256 MB", "restore 30.1 s > 30.0 s for 200,000 cases (30 s per 200,000)");
    assertThat(result.targetsLine()).isEqualTo("bench: targets missed: floor_ratio 0.79 < 0.8; p99 151 ms > 150 ms;"
        + " heap 257 MB > 256 MB; restore 30.1 s > 30.0 s for 200,000 cases (30 s per 200,000)");
  }

  @Test
  void thePassThroughRatioIsPrintedButNoLongerJudged() {
    BenchResult result = new BenchResult(8000, 1_000_000, 10_000, 40, 150, 900, 256, 30.0, 200_000);

    assertThat(result.ratioText()).isEqualTo("0.01");
    assertThat(result.missedTargets()).isEmpty();
  }

  @Test
  void theRatiosAndTheRestoreAreJudgedAsPrinted() {
    assertThat(new BenchResult(7996, 1, 10_000, 1, 1, 1, 1, 1, 200_000).missedTargets()).isEmpty(); // prints 0.80
    assertThat(new BenchResult(7940, 1, 10_000, 1, 1, 1, 1, 1, 200_000).missedTargets())
        .containsExactly("floor_ratio 0.79 < 0.8");
    assertThat(new BenchResult(8000, 1, 10_000, 1, 1, 1, 1, 30.04, 200_000).missedTargets()).isEmpty(); // 30.0
  }

  @Test
  void theRestoreTargetScalesWithTheCasesRestored() {
    BenchResult small = new BenchResult(8000, 1, 10_000, 1, 1, 1, 1, 4.0, 30_000);
    BenchResult large = new BenchResult(8000, 1, 10_000, 1, 1, 1, 1, 35.0, 235_000);

    assertThat(small.restoreTargetSeconds()).isEqualTo(4.5);
    assertThat(small.missedTargets()).isEmpty();
    assertThat(new BenchResult(8000, 1, 10_000, 1, 1, 1, 1, 4.6, 30_000).missedTargets())
        .containsExactly("restore 4.6 s > 4.5 s for 30,000 cases (30 s per 200,000)");
    assertThat(large.restoreTargetSeconds()).isEqualTo(35.25);
    assertThat(large.missedTargets()).isEmpty();
  }

  @Test
  void aBaselineOfNothingGivesRatioZero() {
    BenchResult result = new BenchResult(100, 0, 0, 1, 1, 1, 1, 1, 1);

    assertThat(result.ratio()).isZero();
    assertThat(result.floorRatio()).isZero();
  }
}
