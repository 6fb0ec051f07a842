package io.winback.monitor.pipeline;

import io.winback.monitor.lag.ConsumerStatus;

/** A pipeline stage at a glance, in rising severity. */
public enum StageHealth {
  OK, UNKNOWN, WARN, ERROR;

  static StageHealth of(ConsumerStatus status) {
    return switch (status) {
      case OK -> OK;
      case WARN, REWIND -> WARN;
      case STALL, STOP -> ERROR;
    };
  }

  StageHealth worst(StageHealth other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
