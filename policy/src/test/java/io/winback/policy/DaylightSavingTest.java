package io.winback.policy;

import static io.winback.policy.PolicyFixtures.BERLIN;
import static io.winback.policy.PolicyFixtures.CONTRACT_ENDS;
import static io.winback.policy.PolicyFixtures.berlin;
import static io.winback.policy.PolicyFixtures.dueDates;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Local times survive a clock change: in 2026 Berlin leaves summer time on Sunday 25 October and
 * enters it on Sunday 29 March. The UTC instants are spelled out to show the hour that moved.
 */
class DaylightSavingTest {

  @Test
  void aPhoneCallAcrossTheAutumnChangeKeepsTenOClock() {
    // Friday 23 October 10:00 CEST is 08:00 UTC; Tuesday 27 October 10:00 CET is 09:00 UTC.
    assertThat(dueDates().dueAt(Channel.PHONE, Instant.parse("2026-10-23T08:00:00Z"), BERLIN, CONTRACT_ENDS))
        .isEqualTo(Instant.parse("2026-10-27T09:00:00Z"));
  }

  @Test
  void aMeetingAcrossTheAutumnChangeKeepsTenOClock() {
    assertThat(dueDates().dueAt(Channel.IN_PERSON, berlin("2026-10-21T10:00"), BERLIN, CONTRACT_ENDS))
        .isEqualTo(Instant.parse("2026-10-28T09:00:00Z"));
  }

  @Test
  void saturdayEveningBeforeTheAutumnChangeMovesToMondayEightInWinterTime() {
    assertThat(dueDates().dueAt(Channel.EMAIL, berlin("2026-10-24T21:00"), BERLIN, CONTRACT_ENDS))
        .isEqualTo(Instant.parse("2026-10-26T07:00:00Z"));
  }

  @Test
  void saturdayEveningBeforeTheSpringChangeMovesToMondayEightInSummerTime() {
    assertThat(dueDates().dueAt(Channel.EMAIL, berlin("2026-03-28T21:00"), BERLIN, CONTRACT_ENDS))
        .isEqualTo(Instant.parse("2026-03-30T06:00:00Z"));
  }

  @Test
  void aMeetingAcrossTheSpringChangeKeepsTenOClock() {
    assertThat(dueDates().dueAt(Channel.IN_PERSON, berlin("2026-03-25T10:00"), BERLIN, CONTRACT_ENDS))
        .isEqualTo(Instant.parse("2026-04-01T08:00:00Z"));
  }

  @Test
  void theCapBeforeAMondayAfterTheChangeIsSaturdayEveningInSummerTime() {
    assertThat(dueDates().dueAt(Channel.IN_PERSON, berlin("2026-10-21T10:00"), BERLIN, LocalDate.of(2026, 10, 26)))
        .isEqualTo(Instant.parse("2026-10-24T17:59:00Z"));
  }
}
