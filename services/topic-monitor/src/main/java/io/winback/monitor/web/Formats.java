package io.winback.monitor.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Number and time formats for the templates, as {@code @fmt}. Times are UTC, like the logs. */
@Component("fmt")
public class Formats {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  public String rate(double perSecond) {
    return perSecond == 0 ? "0/s" : perSecond < 10 ? String.format(Locale.ROOT, "%.2f/s", perSecond)
        : String.format(Locale.ROOT, "%.0f/s", perSecond);
  }

  public String seconds(double seconds) {
    if (seconds <= 0) {
      return "0 s";
    }
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long whole = (long) seconds;
    return whole < 3600 ? (whole / 60) + " min " + (whole % 60) + " s"
        : (whole / 3600) + " h " + (whole % 3600 / 60) + " min";
  }

  public String time(long epochMillis) {
    return epochMillis <= 0 ? "never" : TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  public String time(String iso) {
    try {
      return iso == null ? "" : TIME.format(Instant.parse(iso));
    } catch (RuntimeException notAnInstant) {
      return iso;
    }
  }

  /** CSS class for a status or health word. */
  public String tone(Object status) {
    String name = String.valueOf(status);
    return switch (name) {
      case "OK", "UP", "REDRIVEN" -> "ok";
      case "WARN", "REWIND", "UNKNOWN", "SKIPPED" -> "warn";
      case "null" -> "muted";
      default -> "error";
    };
  }
}
