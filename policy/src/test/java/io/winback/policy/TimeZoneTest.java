package io.winback.policy;

import static io.winback.policy.PolicyFixtures.BERLIN;
import static io.winback.policy.PolicyFixtures.CONTRACT_ENDS;
import static io.winback.policy.PolicyFixtures.LONDON;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.dueDates;
import static io.winback.policy.PolicyFixtures.london;
import static io.winback.policy.PolicyFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.Channel;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Quiet hours are the customer's: the same instant can be fine in London and too late in Berlin. */
class TimeZoneTest {

  private static final Instant EVENING_UTC = Instant.parse("2026-11-11T19:30:00Z");
  private static final Instant MORNING_UTC = Instant.parse("2026-11-11T07:30:00Z");

  private static Instant dueByEmail(String timezone, Instant now) {
    Decision decision = policy().decide(cancellation().build(),
        customer().setTimezone(timezone).build(), ContactHistory.none(), now);
    return ((Decision.Contact) decision).dueAt();
  }

  @Test
  void halfPastSevenInLondonIsStillAllowed() {
    assertThat(dueDates().dueAt(Channel.EMAIL, EVENING_UTC, LONDON, CONTRACT_ENDS)).isEqualTo(EVENING_UTC);
  }

  @Test
  void theSameInstantIsHalfPastEightInBerlinAndWaitsForTheMorning() {
    assertThat(dueDates().dueAt(Channel.EMAIL, EVENING_UTC, BERLIN, CONTRACT_ENDS))
        .isEqualTo(Instant.parse("2026-11-12T07:00:00Z"));
  }

  @Test
  void halfPastSevenInTheMorningInLondonWaitsForEightLondonTime() {
    assertThat(dueDates().dueAt(Channel.EMAIL, MORNING_UTC, LONDON, CONTRACT_ENDS))
        .isEqualTo(london("2026-11-11T08:00"));
  }

  @Test
  void theSameMorningInstantIsAlreadyAllowedInBerlin() {
    assertThat(dueDates().dueAt(Channel.EMAIL, MORNING_UTC, BERLIN, CONTRACT_ENDS)).isEqualTo(MORNING_UTC);
  }

  @Test
  void thePolicyUsesTheCustomersZone() {
    assertThat(dueByEmail("Europe/London", EVENING_UTC)).isEqualTo(EVENING_UTC);
    assertThat(dueByEmail("Europe/Berlin", EVENING_UTC)).isEqualTo(Instant.parse("2026-11-12T07:00:00Z"));
  }

  @Test
  void anInvalidCustomerZoneIsTreatedAsBerlin() {
    assertThat(dueByEmail("Mars/Olympus_Mons", EVENING_UTC)).isEqualTo(dueByEmail("Europe/Berlin", EVENING_UTC));
  }

  @Test
  void zoneOfReadsAnIanaId() {
    assertThat(DueDates.zoneOf("Europe/London")).isEqualTo(ZoneId.of("Europe/London"));
  }

  @Test
  void zoneOfIgnoresSurroundingBlanks() {
    assertThat(DueDates.zoneOf(" Europe/London ")).isEqualTo(ZoneId.of("Europe/London"));
  }

  @Test
  void zoneOfFallsBackToBerlinForAnUnknownId() {
    assertThat(DueDates.zoneOf("Mars/Olympus_Mons")).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void zoneOfFallsBackToBerlinForAMalformedId() {
    assertThat(DueDates.zoneOf("not a zone!")).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void zoneOfFallsBackToBerlinForNull() {
    assertThat(DueDates.zoneOf(null)).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void zoneOfFallsBackToBerlinForBlank() {
    assertThat(DueDates.zoneOf("  ")).isEqualTo(ZoneId.of("Europe/Berlin"));
  }
}
