package io.winback.policy;

import io.winback.schemas.rules.QuietHours;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * Thresholds and timings of the channel policy, configurable and versioned: the version goes on
 * every task, so an agent or an auditor can tell which rules produced it.
 *
 * @param version                 the policy version written on every task
 * @param longStandingYears       a customer is long-standing when {@code customerSince} is at least
 *                                this many years before the cancellation (in the customer's zone)
 * @param winBackRevenueThreshold monthly revenue in EUR strictly above which the goal is WIN_BACK
 * @param noAnswerTimeout         how long to wait for an answer to a written outreach
 * @param maxAttempts             outreach attempts per case, the first one included
 * @param quietHoursStart         local time from which nobody is contacted (inclusive)
 * @param quietHoursEnd           local time from which contact is allowed again (exclusive end of quiet)
 * @param phoneBusinessDays       a phone task is due within this many business days
 * @param inPersonDays            an in-person task is due within this many calendar days
 * @param holdoutPercent          the share of customers (0-100) in the holdout group, who get no outreach at all, to
 *                                measure uplift; chosen by a stable hash of the customerId ({@link Holdout})
 */
public record PolicySettings(
    String version,
    int longStandingYears,
    BigDecimal winBackRevenueThreshold,
    Duration noAnswerTimeout,
    int maxAttempts,
    LocalTime quietHoursStart,
    LocalTime quietHoursEnd,
    int phoneBusinessDays,
    int inPersonDays,
    int holdoutPercent) {

  public PolicySettings {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(winBackRevenueThreshold, "winBackRevenueThreshold");
    Objects.requireNonNull(noAnswerTimeout, "noAnswerTimeout");
    Objects.requireNonNull(quietHoursStart, "quietHoursStart");
    Objects.requireNonNull(quietHoursEnd, "quietHoursEnd");
    // A task without a readable policy version cannot be explained later.
    requireThat(!version.isBlank(), "version must not be blank");
    requireThat(longStandingYears >= 0, "longStandingYears must not be negative");
    requireThat(winBackRevenueThreshold.signum() >= 0, "winBackRevenueThreshold must not be negative");
    requireThat(!noAnswerTimeout.isNegative() && !noAnswerTimeout.isZero(), "noAnswerTimeout must be positive");
    requireThat(maxAttempts >= 1, "maxAttempts must be at least 1");
    requireThat(phoneBusinessDays >= 0, "phoneBusinessDays must not be negative");
    requireThat(inPersonDays >= 0, "inPersonDays must not be negative");
    requireThat(holdoutPercent >= 0 && holdoutPercent <= 100, "holdoutPercent must be between 0 and 100");
  }

  /** Without a holdout group (holdout-percent 0), as before there was one. */
  public PolicySettings(String version, int longStandingYears, BigDecimal winBackRevenueThreshold,
      Duration noAnswerTimeout, int maxAttempts, LocalTime quietHoursStart, LocalTime quietHoursEnd,
      int phoneBusinessDays, int inPersonDays) {
    this(version, longStandingYears, winBackRevenueThreshold, noAnswerTimeout, maxAttempts, quietHoursStart,
        quietHoursEnd, phoneBusinessDays, inPersonDays, 0);
  }

  /** These settings with another holdout share. */
  public PolicySettings withHoldoutPercent(int percent) {
    return new PolicySettings(version, longStandingYears, winBackRevenueThreshold, noAnswerTimeout, maxAttempts,
        quietHoursStart, quietHoursEnd, phoneBusinessDays, inPersonDays, percent);
  }

  /** Nights and Sundays in the customer's zone, the rule the desk checks again when it sends. */
  public QuietHours quietHours() {
    return new QuietHours(quietHoursStart, quietHoursEnd);
  }

  /** The settings the product issue asks for. */
  public static PolicySettings defaults() {
    return new PolicySettings(
        "2026-12.1",
        5,
        new BigDecimal("100.00"),
        Duration.ofDays(7),
        2,
        LocalTime.of(20, 0),
        LocalTime.of(8, 0),
        2,
        7,
        0);
  }

  private static void requireThat(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
