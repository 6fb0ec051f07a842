package io.winback.processor.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * What the case processor does on its own, besides reacting to inputs, to keep its stores within
 * the privacy bounds. Retention: closed cases older than {@code caseRetention} are removed,
 * {@code retentionBatch} cases looked at every {@code retentionInterval} (a sweep through the
 * store, so a punctuation's work is bounded whatever the store holds). Changelog rolls: every
 * {@code changelogRollInterval} a tombstone of a key no record has goes to each changelog that can
 * hold personal data, so that a quiet partition still rolls its segments and the log cleaner can
 * remove the old values in time (see {@code ChangelogCompaction}).
 */
public record Housekeeping(Duration caseRetention, Duration retentionInterval, int retentionBatch,
    Duration changelogRollInterval) {

  public Housekeeping {
    Objects.requireNonNull(caseRetention, "caseRetention");
    positive(retentionInterval, "retentionInterval");
    positive(changelogRollInterval, "changelogRollInterval");
    if (caseRetention.isNegative() || caseRetention.isZero()) {
      throw new IllegalArgumentException("the case retention must be positive");
    }
    if (retentionBatch < 1) {
      throw new IllegalArgumentException("retentionBatch must be at least 1");
    }
  }

  /** 400 days; 1,000 cases a minute; a roll every 3 hours (a 24 h erasure deadline). */
  public static Housekeeping defaults() {
    return new Housekeeping(Duration.ofDays(400), Duration.ofMinutes(1), 1_000, Duration.ofHours(3));
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
