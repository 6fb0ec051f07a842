package io.winback.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one benchmark run and the targets they are judged against.
 *
 * @param pipelineRate    cancellations per second, input to committed task, through the churn processor
 * @param passthroughRate records per second through the pass-through baseline on the same broker
 * @param floorRate       cancellations per second through the floor baseline (the writes of a new case,
 *                        nothing decided) on the same broker
 * @param p50Millis       end-to-end latency at the steady rate, median
 * @param p99Millis       end-to-end latency at the steady rate, 99th percentile
 * @param maxMillis       end-to-end latency at the steady rate, worst seen
 * @param heapMb          the processor's peak used heap, in MiB
 * @param restoreSeconds  launch to ready of a new processor instance restoring the run's cases from the changelogs
 * @param restoredCases   the cases that instance restored (every case the run opened)
 */
public record BenchResult(double pipelineRate, double passthroughRate, double floorRate, long p50Millis,
    long p99Millis, long maxMillis, long heapMb, double restoreSeconds, long restoredCases) {

  /** The targets for this 2-core machine running broker and processor together. */
  public static final double MIN_FLOOR_RATIO = 0.8;
  public static final long MAX_P99_MILLIS = 150;
  public static final long MAX_HEAP_MB = 256;
  /** Restore of {@link #RESTORE_TARGET_CASES} cases within this many seconds, scaled to the run's cases. */
  public static final double RESTORE_TARGET_SECONDS = 30;
  public static final long RESTORE_TARGET_CASES = 200_000;

  /** Pipeline over the pass-through; 0 when the baseline measured nothing. */
  public double ratio() {
    return passthroughRate <= 0 ? 0 : pipelineRate / passthroughRate;
  }

  /** Pipeline over the floor; 0 when the floor measured nothing. */
  public double floorRatio() {
    return floorRate <= 0 ? 0 : pipelineRate / floorRate;
  }

  /**
   * The restore target for this run's cases: 30 s per 200,000, in proportion. Start-up does not
   * shrink with the cases, so a small run meets it less easily, never more.
   */
  public double restoreTargetSeconds() {
    return RESTORE_TARGET_SECONDS * restoredCases / RESTORE_TARGET_CASES;
  }

  /** The ratio as printed, two decimals: targets are judged on this, as a reader would. */
  String ratioText() {
    return twoDecimals(ratio());
  }

  String floorRatioText() {
    return twoDecimals(floorRatio());
  }

  /** Seconds as printed, one decimal. */
  String restoreText() {
    return String.format(Locale.ROOT, "%.1f", restoreSeconds);
  }

  /** The last line of {@code winback bench}, exactly as the issue defines it. */
  public String line() {
    return String.format(Locale.ROOT, "bench: pipeline=%d/s passthrough=%d/s ratio=%s floor=%d/s floor_ratio=%s"
            + " p50_ms=%d p99_ms=%d heap_mb=%d restore_s=%s",
        Math.round(pipelineRate), Math.round(passthroughRate), ratioText(), Math.round(floorRate), floorRatioText(),
        p50Millis, p99Millis, heapMb, restoreText());
  }

  /** One short sentence per missed target; empty when all are met. */
  public List<String> missedTargets() {
    List<String> missed = new ArrayList<>();
    if (Double.parseDouble(floorRatioText()) < MIN_FLOOR_RATIO) {
      missed.add("floor_ratio " + floorRatioText() + " < " + MIN_FLOOR_RATIO);
    }
    if (p99Millis > MAX_P99_MILLIS) {
      missed.add("p99 " + p99Millis + " ms > " + MAX_P99_MILLIS + " ms");
    }
    if (heapMb > MAX_HEAP_MB) {
      missed.add("heap " + heapMb + " MB > " + MAX_HEAP_MB + " MB");
    }
    if (Double.parseDouble(restoreText()) > restoreTargetSeconds()) {
      missed.add("restore " + restoreText() + " s > " + restoreTarget());
    }
    return missed;
  }

  /** The line printed just before {@link #line()}. */
  public String targetsLine() {
    List<String> missed = missedTargets();
    return missed.isEmpty()
        ? "bench: all targets met (floor_ratio >= " + MIN_FLOOR_RATIO + ", p99 <= " + MAX_P99_MILLIS
            + " ms, heap <= " + MAX_HEAP_MB + " MB, restore <= " + restoreTarget() + ")"
        : "bench: targets missed: " + String.join("; ", missed);
  }

  /** "35.3 s for 235,000 cases (30 s per 200,000)". */
  String restoreTarget() {
    return String.format(Locale.ROOT, "%.1f s for %,d cases (%.0f s per %,d)", restoreTargetSeconds(), restoredCases,
        RESTORE_TARGET_SECONDS, RESTORE_TARGET_CASES);
  }

  private static String twoDecimals(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
