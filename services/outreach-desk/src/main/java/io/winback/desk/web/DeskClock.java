package io.winback.desk.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** "Now" and "today" for the pages, from the application's clock, in the zone people work in. */
public record DeskClock(Clock clock, ZoneId zone) {

  public Instant now() {
    return clock.instant();
  }

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  public ZonedDateTime local(Instant instant) {
    return instant == null ? null : instant.atZone(zone);
  }
}
