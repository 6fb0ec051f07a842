package io.winback.desk.reports;

import io.winback.events.CancellationReason;
import io.winback.events.Channel;
import io.winback.events.Goal;
import io.winback.events.Tier;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which cases a report is about: those opened in the period (a week, a month, or from..to, days in
 * the desk's display zone, both ends included), narrowed by the filters. A filter value
 * {@value #NONE} asks for the cases without that dimension (e.g. no task, so no channel).
 *
 * @param period week, month or custom
 * @param from the first day
 * @param to the last day (included)
 * @param channel the channel of the case's first task
 * @param goal the case's goal
 * @param tier the customer's tier
 * @param reason the cancellation's reason code
 * @param accountManager the account manager's id
 */
public record ReportFilter(String period, LocalDate from, LocalDate to, String channel, String goal, String tier,
    String reason, String accountManager) {

  public static final String NONE = "none";
  /** The longest custom period: a report of years is a query of years. */
  static final int MAX_DAYS = 800;

  /** The request's parameters, as the page and the API take them; {@code today} in the display zone. */
  public static ReportFilter of(String period, String date, String from, String to, String channel, String goal,
      String tier, String reason, String accountManager, LocalDate today) {
    String kind = blank(period) ? (blank(from) && blank(to) ? "month" : "custom") : period.trim().toLowerCase(Locale.ROOT);
    LocalDate anchor = blank(date) ? today : day("date", date);
    LocalDate first;
    LocalDate last;
    switch (kind) {
      case "week" -> {
        first = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        last = first.plusDays(6);
      }
      case "month" -> {
        first = anchor.withDayOfMonth(1);
        last = anchor.with(TemporalAdjusters.lastDayOfMonth());
      }
      case "custom" -> {
        if (blank(from) || blank(to)) {
          throw new IllegalArgumentException("a custom period needs from and to (yyyy-mm-dd)");
        }
        first = day("from", from);
        last = day("to", to);
        if (last.isBefore(first)) {
          throw new IllegalArgumentException("to is before from");
        }
        if (first.plusDays(MAX_DAYS).isBefore(last)) {
          throw new IllegalArgumentException("a period of at most " + MAX_DAYS + " days");
        }
      }
      default -> throw new IllegalArgumentException("period is week, month or custom, not " + period);
    }
    return new ReportFilter(kind, first, last, value("channel", channel, Channel.class),
        value("goal", goal, Goal.class), value("tier", tier, Tier.class),
        value("reason", reason, CancellationReason.class), blank(accountManager) ? null : accountManager.trim());
  }

  /** The same cases with one more filter (a link from a row of a table to its cases). */
  public ReportFilter with(String dimension, String value) {
    return switch (dimension) {
      case "channel" -> new ReportFilter(period, from, to, value, goal, tier, reason, accountManager);
      case "goal" -> new ReportFilter(period, from, to, channel, value, tier, reason, accountManager);
      case "tier" -> new ReportFilter(period, from, to, channel, goal, value, reason, accountManager);
      case "reason" -> new ReportFilter(period, from, to, channel, goal, tier, value, accountManager);
      default -> throw new IllegalArgumentException("no dimension " + dimension);
    };
  }

  /**
   * The days of one week that lie in the period, as a custom period: a point of the weekly chart
   * counts only those (a month rarely starts on a Monday).
   */
  public ReportFilter week(LocalDate monday) {
    LocalDate first = monday.isBefore(from) ? from : monday;
    LocalDate last = monday.plusDays(6).isAfter(to) ? to : monday.plusDays(6);
    return new ReportFilter("custom", first, last, channel, goal, tier, reason, accountManager);
  }

  /** The first instant of the period in {@code zone}. */
  public Instant start(ZoneId zone) {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the period in {@code zone}. */
  public Instant end(ZoneId zone) {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** The query parameters that ask for exactly these cases (period as from..to), in a fixed order. */
  public Map<String, String> parameters() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("period", "custom");
    params.put("from", from.toString());
    params.put("to", to.toString());
    putIf(params, "channel", channel);
    putIf(params, "goal", goal);
    putIf(params, "tier", tier);
    putIf(params, "reason", reason);
    putIf(params, "accountManager", accountManager);
    return params;
  }

  /** The filters set, without the period. */
  public Map<String, String> filters() {
    Map<String, String> filters = new LinkedHashMap<>(parameters());
    filters.remove("period");
    filters.remove("from");
    filters.remove("to");
    return filters;
  }

  private static void putIf(Map<String, String> params, String key, String value) {
    if (value != null) {
      params.put(key, value);
    }
  }

  private static <E extends Enum<E>> String value(String name, String value, Class<E> type) {
    if (blank(value)) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.equalsIgnoreCase(NONE)) {
      return NONE;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(trimmed)) {
        return constant.name();
      }
    }
    throw new IllegalArgumentException(name + " is one of " + Arrays.toString(type.getEnumConstants()) + " or "
        + NONE + ", not " + value);
  }

  private static LocalDate day(String name, String value) {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " is a day (yyyy-mm-dd), not " + value);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
