package io.winback.processor.policy;

import static io.winback.processor.policy.PolicyFixtures.BERLIN;
import static io.winback.processor.policy.PolicyFixtures.berlin;
import static io.winback.processor.policy.PolicyFixtures.dueDates;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Never due after the contract ends: the talk is meant to happen while the customer still is one. */
class ContractEndCapTest {

  private static Instant due(Channel channel, String nowInBerlin, String effectiveAt) {
    return dueDates().dueAt(channel, berlin(nowInBerlin), BERLIN, LocalDate.parse(effectiveAt));
  }

  private static DueDate schedule(Channel channel, String nowInBerlin, String effectiveAt) {
    return dueDates().schedule(channel, berlin(nowInBerlin), BERLIN, LocalDate.parse(effectiveAt));
  }

  @Test
  void aPhoneCallIsBroughtForwardToTheEveningBeforeTheContractEnds() {
    // Monday 10:00 would be due Wednesday 10:00; the contract ends Wednesday.
    assertThat(due(Channel.PHONE, "2026-11-09T10:00", "2026-11-11")).isEqualTo(berlin("2026-11-10T19:59"));
  }

  @Test
  void aMeetingIsBroughtForwardToTheSaturdayBeforeAMondayEnd() {
    assertThat(due(Channel.IN_PERSON, "2026-11-11T10:00", "2026-11-16"))
        .isEqualTo(berlin("2026-11-14T19:59"));
  }

  @Test
  void aDueTimeBeforeTheCapIsKept() {
    assertThat(due(Channel.PHONE, "2026-11-09T10:00", "2026-11-12")).isEqualTo(berlin("2026-11-11T10:00"));
  }

  @Test
  void aDueTimeOnTheLastEveningIsKept() {
    assertThat(due(Channel.PHONE, "2026-11-09T19:59", "2026-11-12")).isEqualTo(berlin("2026-11-11T19:59"));
  }

  @Test
  void theCapIsExplained() {
    assertThat(schedule(Channel.PHONE, "2026-11-09T10:00", "2026-11-11").rationale())
        .extracting(Rationale::ruleId)
        .containsExactly("due.phone.business-days", "due.before-contract-end");
  }

  @Test
  void aCapBeforeNowMeansAsSoonAsAllowed() {
    // The contract ends today: the last window before it was yesterday evening.
    assertThat(due(Channel.PHONE, "2026-11-11T10:00", "2026-11-11")).isEqualTo(berlin("2026-11-11T10:00"));
  }

  @Test
  void aCapBeforeNowAtNightMeansTheNextMorning() {
    assertThat(due(Channel.PHONE, "2026-11-11T21:00", "2026-11-12")).isEqualTo(berlin("2026-11-12T08:00"));
  }

  @Test
  void aContractThatAlreadyEndedMeansAsSoonAsAllowed() {
    assertThat(due(Channel.IN_PERSON, "2026-11-11T10:00", "2026-10-31")).isEqualTo(berlin("2026-11-11T10:00"));
  }

  @Test
  void aWrittenTaskAtNightBeforeTheLastDayIsDueTheNextMorning() {
    assertThat(due(Channel.EMAIL, "2026-11-10T21:00", "2026-11-11")).isEqualTo(berlin("2026-11-11T08:00"));
  }

  @Test
  void asSoonAsAllowedIsExplained() {
    assertThat(schedule(Channel.PHONE, "2026-11-11T21:00", "2026-11-12").rationale())
        .extracting(Rationale::ruleId)
        .containsExactly("due.phone.business-days", "due.as-soon-as-allowed", "due.quiet-hours");
  }

  @Test
  void asSoonAsAllowedInDaytimeNeedsNoQuietHoursLine() {
    assertThat(schedule(Channel.PHONE, "2026-11-11T10:00", "2026-11-11").rationale())
        .extracting(Rationale::ruleId)
        .containsExactly("due.phone.business-days", "due.as-soon-as-allowed");
  }

  @Test
  void aCapEqualToTheEarliestAllowedTimeIsUsed() {
    assertThat(due(Channel.PHONE, "2026-11-10T19:59", "2026-11-11")).isEqualTo(berlin("2026-11-10T19:59"));
  }
}
