package io.winback.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final QuietHours DEFAULTS = QuietHours.defaults();

  private static ZonedDateTime at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN);
  }

  private static boolean quiet(String localDateTime) {
    return DEFAULTS.isQuiet(at(localDateTime));
  }

  @Test
  void aWeekdayMorningIsNotQuiet() {
    assertThat(quiet("2026-11-11T10:00")).isFalse();
  }

  @Test
  void eightInTheMorningIsNoLongerQuiet() {
    assertThat(quiet("2026-11-11T08:00")).isFalse();
  }

  @Test
  void justBeforeEightIsQuiet() {
    assertThat(quiet("2026-11-11T07:59")).isTrue();
  }

  @Test
  void justBeforeEightInTheEveningIsNotQuiet() {
    assertThat(quiet("2026-11-11T19:59")).isFalse();
  }

  @Test
  void eightInTheEveningIsQuiet() {
    assertThat(quiet("2026-11-11T20:00")).isTrue();
  }

  @Test
  void afterMidnightIsQuiet() {
    assertThat(quiet("2026-11-12T00:30")).isTrue();
  }

  @Test
  void aSaturdayMorningIsNotQuiet() {
    assertThat(quiet("2026-11-14T10:00")).isFalse();
  }

  @Test
  void allOfSundayIsQuiet() {
    assertThat(quiet("2026-11-15T12:00")).isTrue();
  }

  @Test
  void aNonQuietTimeStaysAsItIs() {
    assertThat(DEFAULTS.earliestAllowedFrom(at("2026-11-11T10:00")))
        .isEqualTo(at("2026-11-11T10:00"));
  }

  @Test
  void theEveningMovesToTheNextMorning() {
    assertThat(DEFAULTS.earliestAllowedFrom(at("2026-11-11T21:00")))
        .isEqualTo(at("2026-11-12T08:00"));
  }

  @Test
  void theEarlyMorningMovesToEightTheSameDay() {
    assertThat(DEFAULTS.earliestAllowedFrom(at("2026-11-11T07:00")))
        .isEqualTo(at("2026-11-11T08:00"));
  }

  @Test
  void saturdayEveningMovesToMonday() {
    assertThat(DEFAULTS.earliestAllowedFrom(at("2026-11-14T21:00")))
        .isEqualTo(at("2026-11-16T08:00"));
  }

  @Test
  void sundayEarlyMorningMovesToMonday() {
    assertThat(DEFAULTS.earliestAllowedFrom(at("2026-11-15T07:00")))
        .isEqualTo(at("2026-11-16T08:00"));
  }

  @Test
  void sundayNoonMovesToMonday() {
    assertThat(DEFAULTS.earliestAllowedFrom(at("2026-11-15T12:00")))
        .isEqualTo(at("2026-11-16T08:00"));
  }

  @Test
  void theLastMomentBeforeAWednesdayIsTuesdayAt1959() {
    assertThat(DEFAULTS.latestAllowedBefore(at("2026-11-11T00:00")))
        .isEqualTo(at("2026-11-10T19:59"));
  }

  @Test
  void theLastMomentBeforeAMondayIsSaturdayAt1959() {
    assertThat(DEFAULTS.latestAllowedBefore(at("2026-11-16T00:00")))
        .isEqualTo(at("2026-11-14T19:59"));
  }

  @Test
  void theLastMomentBeforeATimeOfDayIsAMinuteEarlier() {
    assertThat(DEFAULTS.latestAllowedBefore(at("2026-11-11T15:00")))
        .isEqualTo(at("2026-11-11T14:59"));
  }

  @Test
  void theLastMomentBeforeAnEarlyMorningIsTheEveningBefore() {
    assertThat(DEFAULTS.latestAllowedBefore(at("2026-11-11T07:00")))
        .isEqualTo(at("2026-11-10T19:59"));
  }

  @Test
  void quietHoursAreConfigurable() {
    QuietHours later = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));

    assertThat(later.isQuiet(at("2026-11-11T21:00"))).isFalse();
    assertThat(later.earliestAllowedFrom(at("2026-11-11T23:00")))
        .isEqualTo(at("2026-11-12T07:00"));
  }

  @Test
  void quietHoursWithinADayAreSupported() {
    QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0));

    assertThat(lunch.earliestAllowedFrom(at("2026-11-11T13:00")))
        .isEqualTo(at("2026-11-11T14:00"));
    assertThat(lunch.latestAllowedBefore(at("2026-11-11T13:00")))
        .isEqualTo(at("2026-11-11T11:59"));
  }

  @Test
  void equalStartAndEndLeaveOnlySundaysQuiet() {
    QuietHours none = new QuietHours(LocalTime.of(20, 0), LocalTime.of(20, 0));

    assertThat(none.isQuiet(at("2026-11-11T23:00"))).isFalse();
    assertThat(none.isQuiet(at("2026-11-15T12:00"))).isTrue();
  }
}
