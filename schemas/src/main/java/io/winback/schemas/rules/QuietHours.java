package io.winback.schemas.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * The customer's quiet hours: every night from {@code start} to {@code end}, and all of Sunday.
 * Nobody is contacted then: the processor plans every due date around them and the desk checks
 * them again at the moment it sends, so this one rule serves both. All methods work on the local
 * time of the {@link ZonedDateTime} they get, which must be in the customer's zone; they are
 * DST-safe because every step goes through {@link ZonedDateTime}.
 *
 * @param start local time from which nobody is contacted (inclusive)
 * @param end local time from which contact is allowed again (exclusive end of quiet)
 */
public record QuietHours(LocalTime start, LocalTime end) {

  // Far more than any setting needs (at most a night plus a Sunday); only guards against a loop.
  private static final int MAX_DAYS_SEARCHED = 14;

  public QuietHours {
    java.util.Objects.requireNonNull(start, "start");
    java.util.Objects.requireNonNull(end, "end");
  }

  /** 20:00 to 08:00 and Sundays, as the product rules say. */
  public static QuietHours defaults() {
    return new QuietHours(LocalTime.of(20, 0), LocalTime.of(8, 0));
  }

  /** Whether nobody may be contacted at {@code t} (local time of {@code t}'s zone). */
  public boolean isQuiet(ZonedDateTime t) {
    if (t.getDayOfWeek() == DayOfWeek.SUNDAY) {
      return true;
    }
    LocalTime time = t.toLocalTime();
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
  public ZonedDateTime earliestAllowedFrom(ZonedDateTime t) {
    if (!isQuiet(t)) {
      return t;
    }
    ZonedDateTime candidate = at(t.toLocalDate(), end, t);
    if (!candidate.isAfter(t)) {
      candidate = at(t.toLocalDate().plusDays(1), end, t);
    }
    for (int day = 0; day < MAX_DAYS_SEARCHED && isQuiet(candidate); day++) {
      candidate = at(candidate.toLocalDate().plusDays(1), end, t);
    }
    return requireAllowed(candidate);
  }

  /**
   * The latest minute before {@code limit} that is not quiet: with the defaults, the day before at
   * 19:59, or the Saturday before at 19:59 when that day is a Sunday.
   */
  public ZonedDateTime latestAllowedBefore(ZonedDateTime limit) {
    ZonedDateTime candidate = limit.minusMinutes(1);
    for (int step = 0; step < 2 * MAX_DAYS_SEARCHED && isQuiet(candidate); step++) {
      LocalDate day = candidate.toLocalDate();
      if (candidate.getDayOfWeek() == DayOfWeek.SUNDAY) {
        candidate = at(day.minusDays(1), LocalTime.of(23, 59), candidate);
      } else {
        ZonedDateTime quietSince = at(day, start, candidate);
        if (quietSince.isAfter(candidate)) {
          quietSince = at(day.minusDays(1), start, candidate);
        }
        candidate = quietSince.minusMinutes(1);
      }
    }
    return requireAllowed(candidate);
  }

  private static ZonedDateTime at(LocalDate date, LocalTime time, ZonedDateTime zoneOf) {
    return ZonedDateTime.of(date, time, zoneOf.getZone());
  }

  private ZonedDateTime requireAllowed(ZonedDateTime t) {
    if (isQuiet(t)) {
      throw new IllegalStateException("quiet hours leave no contact window near " + t);
    }
    return t;
  }
}
