package io.winback.cli.up;

import java.time.Duration;
import java.util.Objects;

/**
 * The pause before a service that died is started again, as an orchestrator's crash-loop back-off
 * does it: {@code initial} after the first exit, twice as long after each further one up to
 * {@code max}, and back to {@code initial} once the service had stayed ready for {@code stableAfter}
 * (it did not die of the same cause at once, so the next exit is a new story). Pure: the caller says
 * how long the service had been ready.
 */
public final class RestartBackoff {

  public static final Duration INITIAL = Duration.ofSeconds(1);
  public static final Duration MAX = Duration.ofSeconds(30);
  public static final Duration STABLE_AFTER = Duration.ofMinutes(1);

  private final Duration initial;
  private final Duration max;
  private final Duration stableAfter;
  private int exitsInARow;

  public RestartBackoff(Duration initial, Duration max, Duration stableAfter) {
    this.initial = Objects.requireNonNull(initial, "initial");
    this.max = Objects.requireNonNull(max, "max");
    this.stableAfter = Objects.requireNonNull(stableAfter, "stableAfter");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, not " + initial + " and " + max);
    }
  }

  /** 1 s, 2 s, 4 s ... at most 30 s; reset after a minute of being ready. */
  public static RestartBackoff standard() {
    return new RestartBackoff(INITIAL, MAX, STABLE_AFTER);
  }

  /**
   * The service exited; how long to wait before starting it again.
   *
   * @param readyFor how long it had been ready before it exited ({@link Duration#ZERO} if it never was)
   */
  public Duration afterExit(Duration readyFor) {
    if (readyFor.compareTo(stableAfter) >= 0) {
      exitsInARow = 0;
    }
    exitsInARow++;
    Duration pause = initial;
    for (int i = 1; i < exitsInARow && pause.compareTo(max) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(max) > 0 ? max : pause;
  }

  /** Exits counted since the service last stayed ready long enough. */
  public int exitsInARow() {
    return exitsInARow;
  }
}
