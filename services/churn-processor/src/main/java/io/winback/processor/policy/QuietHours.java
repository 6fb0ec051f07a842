package io.winback.processor.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * The customer's quiet hours: every night from {@code quietHoursStart} to {@code quietHoursEnd},
 * and all of Sunday. Nobody is contacted then. All methods work on the local time of the
 * {@link ZonedDateTime} they get, which must be in the customer's zone; they are DST-safe because
 * every step goes through {@link ZonedDateTime}.
 */
public final class QuietHours {

  // Far more than any setting needs (at most a night plus a Sunday); only guards against a loop.
  private static final int MAX_DAYS_SEARCHED = 14;

  private QuietHours() {}

  /** Whether nobody may be contacted at {@code t} (local time of {@code t}'s zone). */
  public static boolean isQuiet(ZonedDateTime t, PolicySettings settings) {
    if (t.getDayOfWeek() == DayOfWeek.SUNDAY) {
      return true;
    }
    LocalTime time = t.toLocalTime();
    LocalTime start = settings.quietHoursStart();
    LocalTime end = settings.quietHoursEnd();
    if (start.equals(end)) {
      return false;
    }
    if (start.isAfter(end)) {
      // The usual case: the quiet window spans midnight.
      return !time.isBefore(start) || time.isBefore(end);
    }
    return !time.isBefore(start) && time.isBefore(end);
  }

  /** {@code t} itself when it is not quiet, else the next end of quiet hours that is not a Sunday. */
  public static ZonedDateTime earliestAllowedFrom(ZonedDateTime t, PolicySettings settings) {
    if (!isQuiet(t, settings)) {
      return t;
    }
    ZonedDateTime candidate = at(t.toLocalDate(), settings.quietHoursEnd(), t);
    if (!candidate.isAfter(t)) {
      candidate = at(t.toLocalDate().plusDays(1), settings.quietHoursEnd(), t);
    }
    for (int day = 0; day < MAX_DAYS_SEARCHED && isQuiet(candidate, settings); day++) {
      candidate = at(candidate.toLocalDate().plusDays(1), settings.quietHoursEnd(), t);
    }
    return requireAllowed(candidate, settings);
  }

  /**
   * The latest minute before {@code limit} that is not quiet: with the defaults, the day before at
   * 19:59, or the Saturday before at 19:59 when that day is a Sunday.
   */
  public static ZonedDateTime latestAllowedBefore(ZonedDateTime limit, PolicySettings settings) {
    ZonedDateTime candidate = limit.minusMinutes(1);
    for (int step = 0; step < 2 * MAX_DAYS_SEARCHED && isQuiet(candidate, settings); step++) {
      LocalDate day = candidate.toLocalDate();
      if (candidate.getDayOfWeek() == DayOfWeek.SUNDAY) {
        candidate = at(day.minusDays(1), LocalTime.of(23, 59), candidate);
      } else {
        ZonedDateTime quietSince = at(day, settings.quietHoursStart(), candidate);
        if (quietSince.isAfter(candidate)) {
          quietSince = at(day.minusDays(1), settings.quietHoursStart(), candidate);
        }
        candidate = quietSince.minusMinutes(1);
      }
    }
    return requireAllowed(candidate, settings);
  }

  private static ZonedDateTime at(LocalDate date, LocalTime time, ZonedDateTime zoneOf) {
    return ZonedDateTime.of(date, time, zoneOf.getZone());
  }

  private static ZonedDateTime requireAllowed(ZonedDateTime t, PolicySettings settings) {
    if (isQuiet(t, settings)) {
      throw new IllegalStateException("quiet hours leave no contact window near " + t);
    }
    return t;
  }
}
