package io.winback.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class PolicySettingsTest {

  private static final PolicySettings DEFAULTS = PolicySettings.defaults();

  private static PolicySettings with(String version, int maxAttempts, BigDecimal threshold, Duration timeout) {
    return new PolicySettings(version, 5, threshold, timeout, maxAttempts,
        LocalTime.of(20, 0), LocalTime.of(8, 0), 2, 7);
  }

  @Test
  void theDefaultVersionIs2026Dash11Point1() {
    assertThat(DEFAULTS.version()).isEqualTo("2026-12.1");
  }

  @Test
  void byDefaultFiveYearsMakeALongStandingCustomer() {
    assertThat(DEFAULTS.longStandingYears()).isEqualTo(5);
  }

  @Test
  void byDefaultTheWinBackThresholdIs100Euros() {
    assertThat(DEFAULTS.winBackRevenueThreshold()).isEqualByComparingTo("100.00");
  }

  @Test
  void byDefaultAWrittenOutreachWaitsSevenDaysForAnAnswer() {
    assertThat(DEFAULTS.noAnswerTimeout()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void byDefaultThereAreTwoAttempts() {
    assertThat(DEFAULTS.maxAttempts()).isEqualTo(2);
  }

  @Test
  void byDefaultQuietHoursRunFrom20To8() {
    assertThat(DEFAULTS.quietHoursStart()).isEqualTo(LocalTime.of(20, 0));
    assertThat(DEFAULTS.quietHoursEnd()).isEqualTo(LocalTime.of(8, 0));
  }

  @Test
  void byDefaultPhoneIsDueInTwoBusinessDaysAndInPersonInSevenDays() {
    assertThat(DEFAULTS.phoneBusinessDays()).isEqualTo(2);
    assertThat(DEFAULTS.inPersonDays()).isEqualTo(7);
  }

  @Test
  void thePolicyKeepsItsSettings() {
    assertThat(new ChannelPolicy(DEFAULTS).settings()).isSameAs(DEFAULTS);
  }

  @Test
  void aBlankVersionIsRejected() {
    assertThatThrownBy(() -> with(" ", 2, BigDecimal.TEN, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zeroAttemptsAreRejected() {
    assertThatThrownBy(() -> with("v", 0, BigDecimal.TEN, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNegativeThresholdIsRejected() {
    assertThatThrownBy(() -> with("v", 2, new BigDecimal("-1"), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aZeroTimeoutIsRejected() {
    assertThatThrownBy(() -> with("v", 2, BigDecimal.TEN, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMissingThresholdIsRejected() {
    assertThatThrownBy(() -> with("v", 2, null, Duration.ofDays(1)))
        .isInstanceOf(NullPointerException.class);
  }
}
