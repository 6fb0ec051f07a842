package io.winback.cli.bench;

/**
 * A constant-rate send schedule: record {@code i} is due {@code i / rate} seconds after the start.
 * The sender waits for each record's due time and stamps it with that time, not with the moment it
 * actually got sent, so a sender that falls behind cannot hide the delay from the latency figures
 * (no coordinated omission).
 */
public final class RateSchedule {

  private final double ratePerSecond;

  public RateSchedule(double ratePerSecond) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, not " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
  }

  public double ratePerSecond() {
    return ratePerSecond;
  }

  /** Nanoseconds after the start at which record {@code index} (from 0) is due. */
  public long dueNanos(long index) {
    return Math.round(index * 1e9 / ratePerSecond);
  }

  /** The wall-clock milliseconds record {@code index} is stamped with, for a schedule started at {@code startMillis}. */
  public long dueMillis(long startMillis, long index) {
    return startMillis + Math.round(index * 1e3 / ratePerSecond);
  }

  /** How many records are due by {@code elapsedNanos} after the start: those with index below it. */
  public long dueBy(long elapsedNanos) {
    if (elapsedNanos < 0) {
      return 0;
    }
    return (long) Math.floor(elapsedNanos * ratePerSecond / 1e9) + 1;
  }

  /** Records in {@code seconds} at this rate. */
  public long count(double seconds) {
    return Math.round(seconds * ratePerSecond);
  }
}
