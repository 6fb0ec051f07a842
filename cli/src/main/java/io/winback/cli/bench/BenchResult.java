package io.winback.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one benchmark run and the targets they are judged against.
 *
 * @param pipelineRate    cancellations per second, input to committed task, through the churn processor
 * @param passthroughRate records per second through the pass-through baseline on the same broker
 * @param p50Millis       end-to-end latency at the steady rate, median
 * @param p99Millis       end-to-end latency at the steady rate, 99th percentile
 * @param maxMillis       end-to-end latency at the steady rate, worst seen
 * @param heapMb          the processor's peak used heap seen by the Prometheus scrapes, in MiB
 */
public record BenchResult(double pipelineRate, double passthroughRate, long p50Millis, long p99Millis,
    long maxMillis, long heapMb) {

  /** The targets for a 2-core machine running broker and processor together. */
  public static final double MIN_RATIO = 0.6;
  public static final long MAX_P99_MILLIS = 300;
  public static final long MAX_HEAP_MB = 512;

  /** Pipeline over baseline; 0 when the baseline measured nothing. */
  public double ratio() {
    return passthroughRate <= 0 ? 0 : pipelineRate / passthroughRate;
  }

  /** The ratio as printed, two decimals: targets are judged on this, as a reader would. */
  String ratioText() {
    return String.format(Locale.ROOT, "%.2f", ratio());
  }

  /** The last line of {@code winback bench}, exactly as the issue defines it. */
  public String line() {
    return String.format(Locale.ROOT, "bench: pipeline=%d/s passthrough=%d/s ratio=%s p50_ms=%d p99_ms=%d heap_mb=%d",
        Math.round(pipelineRate), Math.round(passthroughRate), ratioText(), p50Millis, p99Millis, heapMb);
  }

  /** One short sentence per missed target; empty when all are met. */
  public List<String> missedTargets() {
    List<String> missed = new ArrayList<>();
    if (Double.parseDouble(ratioText()) < MIN_RATIO) {
      missed.add("ratio " + ratioText() + " < " + MIN_RATIO);
    }
    if (p99Millis > MAX_P99_MILLIS) {
      missed.add("p99 " + p99Millis + " ms > " + MAX_P99_MILLIS + " ms");
    }
    if (heapMb > MAX_HEAP_MB) {
      missed.add("heap " + heapMb + " MB > " + MAX_HEAP_MB + " MB");
    }
    return missed;
  }

  /** The line printed just before {@link #line()}. */
  public String targetsLine() {
    List<String> missed = missedTargets();
    return missed.isEmpty()
        ? "bench: all targets met (ratio >= " + MIN_RATIO + ", p99 <= " + MAX_P99_MILLIS + " ms, heap <= "
            + MAX_HEAP_MB + " MB)"
        : "bench: targets missed: " + String.join("; ", missed);
  }
}
