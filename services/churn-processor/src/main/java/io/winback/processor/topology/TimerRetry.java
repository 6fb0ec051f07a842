package io.winback.processor.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * How a timer whose transition failed is tried again: after {@code firstPause}, then twice as
 * long each time up to {@code maxPause}, for good. A timer is never dropped; from
 * {@code failuresBeforeAttention} failures on its case is published as needing attention.
 */
public record TimerRetry(Duration firstPause, Duration maxPause, int failuresBeforeAttention) {

  public TimerRetry {
    Objects.requireNonNull(firstPause, "firstPause");
    Objects.requireNonNull(maxPause, "maxPause");
    if (firstPause.isNegative() || firstPause.isZero() || maxPause.compareTo(firstPause) < 0) {
      throw new IllegalArgumentException("timer retry pauses must be positive, the longest not below the first");
    }
    if (failuresBeforeAttention < 1) {
      throw new IllegalArgumentException("failuresBeforeAttention must be at least 1");
    }
  }

  public static TimerRetry defaults() {
    return new TimerRetry(Duration.ofSeconds(5), Duration.ofMinutes(15), 5);
  }

  /** The pause after the {@code failures}-th failure in a row. */
  public Duration pauseAfter(int failures) {
    Duration pause = firstPause;
    for (int i = 1; i < failures && pause.compareTo(maxPause) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxPause) > 0 ? maxPause : pause;
  }
}
