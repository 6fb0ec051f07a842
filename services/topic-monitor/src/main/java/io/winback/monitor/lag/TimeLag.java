package io.winback.monitor.lag;

import java.util.OptionalLong;

/**
 * Lag in time: the age of the oldest record the group has not consumed yet, read from that
 * record's timestamp. It says how late the consumer's view of the world is, whatever the traffic.
 */
public final class TimeLag {

  private TimeLag() {}

  /**
   * Seconds between {@code now} and the oldest unconsumed record's timestamp; zero when there is
   * no backlog or its timestamp is unknown, and never negative (a producer's clock may be ahead).
   */
  public static double seconds(long backlog, OptionalLong oldestUnconsumedTimestamp, long now) {
    if (backlog <= 0 || oldestUnconsumedTimestamp.isEmpty()) {
      return 0;
    }
    return Math.max(0, now - oldestUnconsumedTimestamp.getAsLong()) / 1000.0;
  }
}
