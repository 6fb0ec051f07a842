package io.winback.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TimeLagTest {

  private static final long NOW = 1_700_000_100_000L;

  @Test
  void theAgeOfTheOldestUnconsumedRecordIsNowMinusItsTimestamp() {
    assertThat(TimeLag.seconds(3, OptionalLong.of(NOW - 12_500), NOW)).isCloseTo(12.5, within(1e-9));
  }

  @Test
  void noBacklogIsNoTimeLagWhateverTheTimestamp() {
    assertThat(TimeLag.seconds(0, OptionalLong.of(NOW - 60_000), NOW)).isZero();
  }

  @Test
  void anUnknownTimestampIsReportedAsZeroNotAsAGuess() {
    assertThat(TimeLag.seconds(5, OptionalLong.empty(), NOW)).isZero();
  }

  @Test
  void aProducerClockAheadOfOursGivesZeroNotANegativeAge() {
    assertThat(TimeLag.seconds(1, OptionalLong.of(NOW + 3_000), NOW)).isZero();
  }
}
