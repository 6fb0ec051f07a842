package io.winback.cli.bench;

import java.util.List;

/**
 * Throughput from what an output consumer saw, as marks of (time, records seen so far) taken at
 * every poll that returned any of the run's records.
 *
 * <p><b>Sustained</b> throughput, the figure the benchmark reports, leaves out the first
 * {@link #WARM_UP_FRACTION} of the records: start-up (JVM, rebalance, first transaction) and the
 * JIT warm-up of a large application are paid once per process, not per record, and would
 * otherwise dominate a run of a minute. It is the records from the first mark at or past that
 * fraction to the first mark at or past the target, over the time between the two marks.
 * <b>Overall</b> throughput, shown next to it, counts from the first committed batch.
 */
public final class Throughput {

  /** The share of the records the sustained figure leaves out as warm-up. */
  public static final double WARM_UP_FRACTION = 0.2;

  private Throughput() {}

  /**
   * Records after the first committed batch over the time from that batch to the last record.
   *
   * @param total      records seen in all
   * @param firstBatch records seen in the first poll that returned any
   * @param firstNanos when that first poll returned
   * @param lastNanos  when the poll with the last record returned
   * @return records per second, or 0 when nothing can be said (a single batch)
   */
  public static double perSecond(long total, long firstBatch, long firstNanos, long lastNanos) {
    long after = total - firstBatch;
    long nanos = lastNanos - firstNanos;
    if (after <= 0 || nanos <= 0) {
      return 0;
    }
    return after * 1e9 / nanos;
  }

  /**
   * Records per second between the warm-up mark and the target.
   *
   * @param marks  {time in nanos, records seen so far} in the order seen
   * @param target the records the phase waits for
   * @return records per second, or 0 when both ends fall on the same mark (too few records)
   */
  public static double sustained(List<long[]> marks, long target) {
    long[] from = firstAtLeast(marks, (long) Math.ceil(target * WARM_UP_FRACTION));
    long[] to = firstAtLeast(marks, target);
    if (from == null || to == null || to[0] <= from[0]) {
      return 0;
    }
    return (to[1] - from[1]) * 1e9 / (to[0] - from[0]);
  }

  private static long[] firstAtLeast(List<long[]> marks, long count) {
    for (long[] mark : marks) {
      if (mark[1] >= count) {
        return mark;
      }
    }
    return null;
  }
}
