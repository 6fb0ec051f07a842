package io.winback.monitor.lag;

import java.util.Collection;

/**
 * Burrow's partition verdicts, in rising severity. A group or topic takes the worst of its
 * partitions.
 */
public enum ConsumerStatus {
  /** Keeping up, idle, or not enough samples to say otherwise. */
  OK,
  /** Consuming, but the backlog grew over the whole window: the consumer is slower than its input. */
  WARN,
  /** The committed offset went backwards within the window (an offset reset, a replay). */
  REWIND,
  /** Live members, backlog waiting, and the committed offset stood still for the whole window. */
  STALL,
  /** No member left and no progress for the whole window while records wait: the group stopped. */
  STOP;

  public boolean worseThan(ConsumerStatus other) {
    return ordinal() > other.ordinal();
  }

  public static ConsumerStatus worst(Collection<ConsumerStatus> statuses) {
    ConsumerStatus worst = OK;
    for (ConsumerStatus status : statuses) {
      if (status.worseThan(worst)) {
        worst = status;
      }
    }
    return worst;
  }
}
