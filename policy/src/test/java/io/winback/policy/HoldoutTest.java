package io.winback.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winback.events.Cohort;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The holdout group: a stable hash of the customerId, the same everywhere, about the share configured. */
class HoldoutTest {

  @Test
  void withThirtyPercentAbout300OfAThousandCustomersAreInTheHoldoutGroup() {
    long holdout = IntStream.range(0, 1_000).mapToObj(i -> "C-" + i)
        .filter(customer -> Holdout.cohort(customer, 30) == Cohort.HOLDOUT).count();

    assertThat(holdout).isBetween(270L, 330L);
  }

  @Test
  void theBucketIsTheFirstEightBytesOfSha256ModTenThousandFixedForEveryJvmAndRun() {
    // Pinned (computed outside Java, with Python's hashlib): a change of the hash would move customers between
    // the groups and spoil the measurement.
    assertThat(IntStream.range(0, 5).map(i -> Holdout.bucket("C-" + i)).toArray())
        .containsExactly(3273, 9651, 3700, 9097, 4492);
  }

  @Test
  void zeroPercentIsNobodyAndAHundredIsEverybody() {
    assertThat(IntStream.range(0, 500).mapToObj(i -> "C-" + i)).allMatch(c -> Holdout.cohort(c, 0) == Cohort.TREATED)
        .allMatch(c -> Holdout.cohort(c, 100) == Cohort.HOLDOUT);
  }

  @Test
  void raisingTheShareKeepsEveryHoldoutCustomerInTheGroup() {
    assertThat(IntStream.range(0, 1_000).mapToObj(i -> "C-" + i).filter(c -> Holdout.isHoldout(c, 10)))
        .allMatch(c -> Holdout.isHoldout(c, 30));
  }

  @Test
  void thePolicyAsksWithItsSettingAndTheReasonNamesIt() {
    ChannelPolicy policy = new ChannelPolicy(PolicySettings.defaults().withHoldoutPercent(30));
    String inGroup = IntStream.range(0, 1_000).mapToObj(i -> "C-" + i).filter(c -> Holdout.isHoldout(c, 30))
        .findFirst().orElseThrow();

    assertThat(policy.cohort(inGroup)).isEqualTo(Cohort.HOLDOUT);
    assertThat(new ChannelPolicy(PolicySettings.defaults()).cohort(inGroup)).as("default 0 %").isEqualTo(Cohort.TREATED);
    assertThat(Holdout.reason(30)).isEqualTo(
        "holdout group: no outreach, to measure uplift (winback.policy.holdout-percent=30)");
  }

  @Test
  void theShareIsValidated() {
    assertThatThrownBy(() -> PolicySettings.defaults().withHoldoutPercent(101))
        .hasMessageContaining("holdoutPercent must be between 0 and 100");
    assertThatThrownBy(() -> PolicySettings.defaults().withHoldoutPercent(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PolicySettings.defaults().holdoutPercent()).isZero();
  }
}
