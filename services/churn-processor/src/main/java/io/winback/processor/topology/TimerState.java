package io.winback.processor.topology;

import java.time.Instant;

/**
 * The value of a timer in its store: empty for a timer that never failed (every timer written
 * before retries existed, too), else {@code failures=<n>;retryAt=<epoch millis>}. The key, and
 * so the due time a timer sorts by, never changes.
 */
record TimerState(int failures, long retryAt) {

  static final TimerState FRESH = new TimerState(0, 0);

  static TimerState parse(String value) {
    if (value == null || value.isEmpty()) {
      return FRESH;
    }
    int failures = 0;
    long retryAt = 0;
    for (String part : value.split(";")) {
      String[] pair = part.split("=", 2);
      if (pair.length == 2 && pair[0].equals("failures")) {
        failures = Integer.parseInt(pair[1]);
      } else if (pair.length == 2 && pair[0].equals("retryAt")) {
        retryAt = Long.parseLong(pair[1]);
      }
    }
    return new TimerState(failures, retryAt);
  }

  String format() {
    return failures == 0 ? "" : "failures=" + failures + ";retryAt=" + retryAt;
  }

  boolean failedBefore() {
    return failures > 0;
  }

  /** Waiting after a failure: not to be tried before {@link #retryAt}. */
  boolean waiting(Instant now) {
    return failures > 0 && retryAt > now.toEpochMilli();
  }

  TimerState failedAgain(Instant retryAt) {
    return new TimerState(failures + 1, retryAt.toEpochMilli());
  }
}
