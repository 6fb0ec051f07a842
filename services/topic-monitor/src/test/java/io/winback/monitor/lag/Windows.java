package io.winback.monitor.lag;

import java.util.ArrayList;
import java.util.List;

/** Crafted sample windows: one sample every 5 s, from committed and end offsets side by side. */
final class Windows {

  static final long START = 1_700_000_000_000L;
  static final long STEP = 5_000;

  private Windows() {}

  /** Samples with a live group and a real backlog wherever the lag is positive. */
  static List<OffsetSample> live(long[] committed, long[] end) {
    return of(committed, end, true, true);
  }

  /** Samples of a group without members. */
  static List<OffsetSample> memberless(long[] committed, long[] end) {
    return of(committed, end, true, false);
  }

  static List<OffsetSample> of(long[] committed, long[] end, boolean pending, boolean members) {
    if (committed.length != end.length) {
      throw new IllegalArgumentException("committed and end differ in length");
    }
    List<OffsetSample> samples = new ArrayList<>();
    for (int i = 0; i < committed.length; i++) {
      samples.add(new OffsetSample(START + i * STEP, committed[i], end[i], pending && end[i] > committed[i], members));
    }
    return samples;
  }

  static long[] constant(long value, int count) {
    long[] values = new long[count];
    java.util.Arrays.fill(values, value);
    return values;
  }

  /** from, from + step, from + 2 step, ... */
  static long[] rising(long from, long step, int count) {
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = from + i * step;
    }
    return values;
  }

  static long[] plus(long[] values, long... lags) {
    long[] sums = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      sums[i] = values[i] + lags[i];
    }
    return sums;
  }
}
