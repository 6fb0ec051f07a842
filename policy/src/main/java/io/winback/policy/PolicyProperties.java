package io.winback.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The channel policy's thresholds (winback.policy.*), bound the Spring Boot way: by the processor from its
 * configuration, and by {@code winback replay} from its --set options and files, so both read the same keys the
 * same way. Change the version whenever a rule changes.
 */
@ConfigurationProperties("winback.policy")
public record PolicyProperties(
    @DefaultValue("2026-12.1") String version,
    @DefaultValue("5") int longStandingYears,
    @DefaultValue("100.00") BigDecimal winBackRevenueThreshold,
    @DefaultValue("7d") Duration noAnswerTimeout,
    @DefaultValue("2") int maxAttempts,
    @DefaultValue("20:00") LocalTime quietHoursStart,
    @DefaultValue("08:00") LocalTime quietHoursEnd,
    @DefaultValue("2") int phoneBusinessDays,
    @DefaultValue("7") int inPersonDays,
    @DefaultValue("0") int holdoutPercent) {

  /** The settings, validated (e.g. holdout-percent 0 to 100): a wrong value fails at start-up, not on a case. */
  public PolicySettings settings() {
    return new PolicySettings(version, longStandingYears, winBackRevenueThreshold, noAnswerTimeout, maxAttempts,
        quietHoursStart, quietHoursEnd, phoneBusinessDays, inPersonDays, holdoutPercent);
  }
}
