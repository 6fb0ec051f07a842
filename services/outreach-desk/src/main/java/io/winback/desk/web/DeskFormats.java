package io.winback.desk.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and times as people read them in their language, for the templates:
 * {@code ${@deskFormats.dateTime(item.dueAt)}}. Times are shown in the desk's zone.
 */
@Component("deskFormats")
public class DeskFormats {

  private final DeskClock clock;

  public DeskFormats(DeskClock clock) {
    this.clock = clock;
  }

  public String dateTime(Instant instant) {
    return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(locale()).format(clock.local(instant));
  }

  public String date(LocalDate date) {
    return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(date);
  }

  /** Machine-readable, for {@code <time datetime=...>}. */
  public String iso(Instant instant) {
    return instant == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.local(instant));
  }

  public String zone() {
    return clock.zone().getId();
  }

  private static Locale locale() {
    return LocaleContextHolder.getLocale();
  }
}
