package io.winback.desk.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bucket's arithmetic; the shared state in PostgreSQL is PreferencesIT's. */
class RateLimiterTest {

  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private static final RateLimiter.Bucket FIVE_PER_MINUTE = new RateLimiter.Bucket(5, Duration.ofSeconds(12));

  @Test
  void aBucketFillsOnePerPeriodUpToItsCapacity() {
    assertThat(RateLimiter.refilled(0, T, T, FIVE_PER_MINUTE)).isZero();
    assertThat(RateLimiter.refilled(0, T, T.plusSeconds(12), FIVE_PER_MINUTE)).isEqualTo(1.0);
    assertThat(RateLimiter.refilled(0.5, T, T.plusSeconds(6), FIVE_PER_MINUTE)).isEqualTo(1.0);
    assertThat(RateLimiter.refilled(2, T, T.plusSeconds(3600), FIVE_PER_MINUTE)).isEqualTo(5.0);
    // A clock that went back gives nothing back.
    assertThat(RateLimiter.refilled(2, T, T.minusSeconds(60), FIVE_PER_MINUTE)).isEqualTo(2.0);
  }
}
