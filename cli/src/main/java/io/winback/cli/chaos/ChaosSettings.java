package io.winback.cli.chaos;

import java.time.Duration;

/**
 * How big a chaos run is and how hard it is hit. The shares are of the valid cancellations; the
 * defaults are the issue's: 1 % duplicated, 5 % CRM data late, 2 % consent withdrawn while the task
 * is in flight, 1 % cancellations withdrawn.
 *
 * @param cancellations       valid cancellations fed, one customer each
 * @param seed                makes the customers, the treatments, the poison and the fault schedule repeatable
 * @param ratePerSecond       how fast cancellations are fed
 * @param poison              poison records interleaved on the three inputs
 * @param killsPerProcessor   SIGKILLs of each of the two processor instances
 * @param smtpOutage          how long the SMTP server is down
 * @param consentMaxStaleness the desks' {@code winback.desk.consent-max-staleness}: a consent withdrawal older
 *                            than this when a mail is handed over is a wrong contact
 */
public record ChaosSettings(int cancellations, long seed, int ratePerSecond, int poison, int killsPerProcessor,
    Duration smtpOutage, Duration consentMaxStaleness) {

  public static final double DUPLICATED = 0.01;
  public static final double LATE_CRM = 0.05;
  public static final double CONSENT_WITHDRAWN = 0.02;
  public static final double CANCELLATION_WITHDRAWN = 0.01;

  public ChaosSettings {
    if (cancellations < 1) {
      throw new IllegalArgumentException("at least one cancellation, not " + cancellations);
    }
    if (ratePerSecond < 1) {
      throw new IllegalArgumentException("the rate must be at least 1/s, not " + ratePerSecond);
    }
    if (poison < 0 || killsPerProcessor < 0) {
      throw new IllegalArgumentException("poison and kills must not be negative");
    }
  }
}
