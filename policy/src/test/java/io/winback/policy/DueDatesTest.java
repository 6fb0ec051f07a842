package io.winback.policy;

import static io.winback.policy.PolicyFixtures.BERLIN;
import static io.winback.policy.PolicyFixtures.CONTRACT_ENDS;
import static io.winback.policy.PolicyFixtures.berlin;
import static io.winback.policy.PolicyFixtures.dueDates;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Due times far from the contract end: written at once, phone in business days, in person in days. */
class DueDatesTest {

  private static Instant due(Channel channel, String nowInBerlin) {
    return dueDates().dueAt(channel, berlin(nowInBerlin), BERLIN, CONTRACT_ENDS);
  }

  @ParameterizedTest
  @EnumSource(value = Channel.class, names = {"EMAIL", "LETTER", "WHATSAPP"})
  void writtenOnAWeekdayDaytimeIsDueNow(Channel written) {
    assertThat(due(written, "2026-11-11T10:00")).isEqualTo(berlin("2026-11-11T10:00"));
  }

  @Test
  void writtenAt21IsDueTheNextMorningAt8() {
    assertThat(due(Channel.EMAIL, "2026-11-11T21:00")).isEqualTo(berlin("2026-11-12T08:00"));
  }

  @Test
  void writtenAt7IsDueAt8TheSameDay() {
    assertThat(due(Channel.EMAIL, "2026-11-11T07:00")).isEqualTo(berlin("2026-11-11T08:00"));
  }

  @Test
  void writtenOnSaturdayAt21IsDueOnMondayAt8() {
    assertThat(due(Channel.LETTER, "2026-11-14T21:00")).isEqualTo(berlin("2026-11-16T08:00"));
  }

  @Test
  void writtenOnSundayNoonIsDueOnMondayAt8() {
    assertThat(due(Channel.WHATSAPP, "2026-11-15T12:00")).isEqualTo(berlin("2026-11-16T08:00"));
  }

  @Test
  void writtenOnSaturdayDaytimeIsDueNow() {
    assertThat(due(Channel.EMAIL, "2026-11-14T11:00")).isEqualTo(berlin("2026-11-14T11:00"));
  }

  @Test
  void phoneOnWednesdayIsDueOnFriday() {
    assertThat(due(Channel.PHONE, "2026-11-11T10:00")).isEqualTo(berlin("2026-11-13T10:00"));
  }

  @Test
  void phoneOnFridayAt10IsDueOnTuesdayAt10() {
    assertThat(due(Channel.PHONE, "2026-11-13T10:00")).isEqualTo(berlin("2026-11-17T10:00"));
  }

  @Test
  void phoneOnThursdayAt1930IsDueOnMondayAt1930() {
    assertThat(due(Channel.PHONE, "2026-11-12T19:30")).isEqualTo(berlin("2026-11-16T19:30"));
  }

  @Test
  void phoneOnSaturdayCountsFromMonday() {
    assertThat(due(Channel.PHONE, "2026-11-14T10:00")).isEqualTo(berlin("2026-11-17T10:00"));
  }

  @Test
  void phoneAt21IsMovedOutOfQuietHoursAfterTheBusinessDays() {
    assertThat(due(Channel.PHONE, "2026-11-13T21:00")).isEqualTo(berlin("2026-11-18T08:00"));
  }

  @Test
  void inPersonIsDueSevenDaysLater() {
    assertThat(due(Channel.IN_PERSON, "2026-11-11T10:00")).isEqualTo(berlin("2026-11-18T10:00"));
  }

  @Test
  void inPersonLandingInTheEveningMovesToTheNextMorning() {
    assertThat(due(Channel.IN_PERSON, "2026-11-09T21:00")).isEqualTo(berlin("2026-11-17T08:00"));
  }

  @Test
  void inPersonLandingOnASundayMovesToMonday() {
    assertThat(due(Channel.IN_PERSON, "2026-11-08T10:00")).isEqualTo(berlin("2026-11-16T08:00"));
  }

  @Test
  void theDaysAreConfigurable() {
    DueDates quick = new DueDates(PolicyFixtures.withDueDays(1, 3));

    assertThat(quick.dueAt(Channel.PHONE, berlin("2026-11-13T10:00"), BERLIN, CONTRACT_ENDS))
        .isEqualTo(berlin("2026-11-16T10:00"));
    assertThat(quick.dueAt(Channel.IN_PERSON, berlin("2026-11-11T10:00"), BERLIN, CONTRACT_ENDS))
        .isEqualTo(berlin("2026-11-14T10:00"));
  }

  @Test
  void withoutAContractEndThereIsNoCap() {
    assertThat(dueDates().dueAt(Channel.IN_PERSON, berlin("2026-11-11T10:00"), BERLIN, null))
        .isEqualTo(berlin("2026-11-18T10:00"));
  }

  @Test
  void dueAtAndScheduleAgree() {
    Instant now = berlin("2026-11-13T21:00");

    assertThat(dueDates().dueAt(Channel.PHONE, now, BERLIN, CONTRACT_ENDS))
        .isEqualTo(dueDates().schedule(Channel.PHONE, now, BERLIN, CONTRACT_ENDS).at());
  }

  @Test
  void aWrittenTaskInDaytimeHasOnlyItsBaseRule() {
    assertThat(dueDates().schedule(Channel.EMAIL, berlin("2026-11-11T10:00"), BERLIN, CONTRACT_ENDS)
        .rationale()).extracting(Rationale::ruleId).containsExactly("due.written.at-once");
  }

  @Test
  void aMoveOutOfQuietHoursIsExplained() {
    assertThat(dueDates().schedule(Channel.EMAIL, berlin("2026-11-11T21:00"), BERLIN, CONTRACT_ENDS)
        .rationale()).extracting(Rationale::ruleId)
        .containsExactly("due.written.at-once", "due.quiet-hours");
  }

  @Test
  void thePhoneRuleIsExplained() {
    assertThat(dueDates().schedule(Channel.PHONE, berlin("2026-11-11T10:00"), BERLIN, CONTRACT_ENDS)
        .rationale()).extracting(Rationale::ruleId).containsExactly("due.phone.business-days");
  }

  @Test
  void theInPersonRuleIsExplained() {
    assertThat(dueDates().schedule(Channel.IN_PERSON, berlin("2026-11-11T10:00"), BERLIN, CONTRACT_ENDS)
        .rationale()).extracting(Rationale::ruleId).containsExactly("due.in-person.days");
  }
}
