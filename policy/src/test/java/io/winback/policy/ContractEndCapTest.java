package io.winback.policy;

import static io.winback.policy.PolicyFixtures.BERLIN;
import static io.winback.policy.PolicyFixtures.berlin;
import static io.winback.policy.PolicyFixtures.dueDates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.events.Channel;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Due before the contract ends: the talk is meant to happen while the customer still is one. When
 * no contact window is left, only a written outreach can be scheduled (the policy's choice, see
 * ContractEndedTest).
 */
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
  void noWindowIsLeftOnTheDayTheContractEnds() {
    // The contract ends today: the last window before it was yesterday evening.
    assertThat(dueDates().windowBeforeContractEnd(berlin("2026-11-11T10:00"), BERLIN, LocalDate.parse("2026-11-11")))
        .isFalse();
  }

  @Test
  void noWindowIsLeftAtNightBeforeTheLastDay() {
    assertThat(dueDates().windowBeforeContractEnd(berlin("2026-11-11T21:00"), BERLIN, LocalDate.parse("2026-11-12")))
        .isFalse();
  }

  @Test
  void aWindowIsLeftOnTheLastEvening() {
    assertThat(dueDates().windowBeforeContractEnd(berlin("2026-11-10T19:59"), BERLIN, LocalDate.parse("2026-11-11")))
        .isTrue();
  }

  @Test
  void aCallIsNeverScheduledAfterTheContractEnded() {
    assertThatThrownBy(() -> due(Channel.PHONE, "2026-11-11T10:00", "2026-11-11"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only a written outreach");
    assertThatThrownBy(() -> due(Channel.IN_PERSON, "2026-11-11T10:00", "2026-10-31"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWrittenTaskAfterTheContractEndedIsDueAtOnce() {
    assertThat(due(Channel.EMAIL, "2026-11-11T10:00", "2026-11-11")).isEqualTo(berlin("2026-11-11T10:00"));
    assertThat(schedule(Channel.EMAIL, "2026-11-11T10:00", "2026-11-11").rationale()).extracting(Rationale::ruleId)
        .containsExactly("due.written.at-once");
  }

  @Test
  void aWrittenTaskAtNightBeforeTheLastDayIsDueTheNextMorning() {
    assertThat(due(Channel.EMAIL, "2026-11-10T21:00", "2026-11-11")).isEqualTo(berlin("2026-11-11T08:00"));
    assertThat(schedule(Channel.EMAIL, "2026-11-10T21:00", "2026-11-11").rationale()).extracting(Rationale::ruleId)
        .containsExactly("due.written.at-once", "due.quiet-hours");
  }

  @Test
  void aCapEqualToTheEarliestAllowedTimeIsUsed() {
    assertThat(due(Channel.PHONE, "2026-11-10T19:59", "2026-11-11")).isEqualTo(berlin("2026-11-10T19:59"));
  }
}
