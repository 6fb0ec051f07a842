package io.winback.processor.topology;

import io.winback.processor.cases.Effect.Timer;
import java.time.Instant;

/**
 * Timer store keys that sort by due time: {@code <13-digit millis>|<kind>|<caseId>|<taskId>}.
 * Public for the subject access report, which lists a customer's timers.
 */
public final class TimerKeys {

  private static final String NONE = "-";

  private TimerKeys() {}

  static String key(Timer timer) {
    return "%013d|%s|%s|%s".formatted(timer.at().toEpochMilli(), timer.kind().name(), timer.caseId(),
        timer.taskId() == null ? NONE : timer.taskId());
  }

  /** The largest key of any timer due at or before {@code now}. */
  static String upTo(Instant now) {
    return "%013d|~".formatted(now.toEpochMilli());
  }

  public static Timer parse(String key) {
    String[] parts = key.split("\\|", 4);
    return new Timer(Timer.Kind.valueOf(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[2],
        NONE.equals(parts[3]) ? null : parts[3]);
  }
}
