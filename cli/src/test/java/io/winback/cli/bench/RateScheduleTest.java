package io.winback.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateScheduleTest {

  @Test
  void aThousandPerSecondIsOneEveryMillisecond() {
    RateSchedule schedule = new RateSchedule(1000);

    assertThat(schedule.dueNanos(0)).isZero();
    assertThat(schedule.dueNanos(1)).isEqualTo(1_000_000);
    assertThat(schedule.dueNanos(1000)).isEqualTo(1_000_000_000);
    assertThat(schedule.dueMillis(1_700_000_000_000L, 2500)).isEqualTo(1_700_000_002_500L);
    assertThat(schedule.count(30)).isEqualTo(30_000);
  }

  @Test
  void dueTimesDoNotDriftForRatesThatDoNotDivideASecond() {
    RateSchedule schedule = new RateSchedule(3);

    assertThat(schedule.dueNanos(1)).isEqualTo(333_333_333);
    assertThat(schedule.dueNanos(2)).isEqualTo(666_666_667);
    assertThat(schedule.dueNanos(3_000_000)).isEqualTo(1_000_000_000_000_000L);
  }

  @Test
  void dueByCountsTheRecordsWhoseTimeHasCome() {
    RateSchedule schedule = new RateSchedule(1000);

    assertThat(schedule.dueBy(-1)).isZero();
    assertThat(schedule.dueBy(0)).isEqualTo(1);
    assertThat(schedule.dueBy(999_999)).isEqualTo(1);
    assertThat(schedule.dueBy(1_000_000)).isEqualTo(2);
    assertThat(schedule.dueBy(1_000_000_000)).isEqualTo(1001);
  }

  @Test
  void aRateMustBePositive() {
    assertThatThrownBy(() -> new RateSchedule(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateSchedule(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
