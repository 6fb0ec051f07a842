package io.winback.policy;

import static io.winback.policy.PolicyFixtures.CANCELLED_ON;
import static io.winback.policy.PolicyFixtures.NOW;
import static io.winback.policy.PolicyFixtures.cancellation;
import static io.winback.policy.PolicyFixtures.customer;
import static io.winback.policy.PolicyFixtures.longStandingCustomer;
import static io.winback.policy.PolicyFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.winback.events.CancellationEvent;
import io.winback.events.Goal;
import io.winback.events.Tier;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class GoalTest {

  private static CancellationEvent withRevenue(String monthlyRevenue) {
    return cancellation()
        .setMonthlyRevenue(monthlyRevenue == null ? null : new BigDecimal(monthlyRevenue))
        .build();
  }

  @Test
  void aPlainCustomerIsAskedForFeedback() {
    assertThat(policy().goal(cancellation().build(), customer().build())).isEqualTo(Goal.FEEDBACK);
  }

  @Test
  void feedbackHasItsRule() {
    assertThat(policy().goalChoice(cancellation().build(), customer().build()).rationale().ruleId())
        .isEqualTo("goal.feedback");
  }

  @Test
  void aLongStandingCustomerIsWonBack() {
    assertThat(policy().goal(cancellation().build(), longStandingCustomer().build()))
        .isEqualTo(Goal.WIN_BACK);
  }

  @Test
  void longStandingHasItsRule() {
    assertThat(policy().goalChoice(cancellation().build(), longStandingCustomer().build())
        .rationale().ruleId()).isEqualTo("goal.win-back.long-standing");
  }

  @Test
  void oneDayShortOfFiveYearsIsFeedback() {
    assertThat(policy().goal(cancellation().build(),
        customer().setCustomerSince(CANCELLED_ON.minusYears(5).plusDays(1)).build()))
        .isEqualTo(Goal.FEEDBACK);
  }

  @Test
  void aPremiumCustomerIsWonBack() {
    assertThat(policy().goal(cancellation().build(), customer().setTier(Tier.PREMIUM).build()))
        .isEqualTo(Goal.WIN_BACK);
  }

  @Test
  void aKeyAccountIsWonBack() {
    assertThat(policy().goal(cancellation().build(), customer().setTier(Tier.KEY_ACCOUNT).build()))
        .isEqualTo(Goal.WIN_BACK);
  }

  @Test
  void theTierHasItsRule() {
    assertThat(policy().goalChoice(cancellation().build(), customer().setTier(Tier.PREMIUM).build())
        .rationale().ruleId()).isEqualTo("goal.win-back.tier");
  }

  @Test
  void revenueExactlyAtTheThresholdIsFeedback() {
    assertThat(policy().goal(withRevenue("100.00"), customer().build())).isEqualTo(Goal.FEEDBACK);
  }

  @Test
  void revenueAtTheThresholdWithAnotherScaleIsFeedback() {
    assertThat(policy().goal(withRevenue("100"), customer().build())).isEqualTo(Goal.FEEDBACK);
  }

  @Test
  void revenueOneCentAboveTheThresholdIsWonBack() {
    assertThat(policy().goal(withRevenue("100.01"), customer().build())).isEqualTo(Goal.WIN_BACK);
  }

  @Test
  void revenueHasItsRule() {
    assertThat(policy().goalChoice(withRevenue("250.00"), customer().build()).rationale().ruleId())
        .isEqualTo("goal.win-back.revenue");
  }

  @Test
  void unknownRevenueIsFeedback() {
    assertThat(policy().goal(withRevenue(null), customer().build())).isEqualTo(Goal.FEEDBACK);
  }

  @Test
  void theThresholdIsConfigurable() {
    ChannelPolicy lowThreshold = new ChannelPolicy(PolicyFixtures.withRevenueThreshold(new BigDecimal("40.00")));

    assertThat(lowThreshold.goal(withRevenue("49.90"), customer().build())).isEqualTo(Goal.WIN_BACK);
  }

  @Test
  void theFirstMatchingRuleIsReported() {
    assertThat(policy().goalChoice(withRevenue("500.00"),
        longStandingCustomer().setTier(Tier.KEY_ACCOUNT).build()).rationale().ruleId())
        .isEqualTo("goal.win-back.long-standing");
  }

  @Test
  void theContactCarriesTheGoal() {
    Decision decision = policy().decide(
        withRevenue("150.00"), customer().build(), ContactHistory.none(), NOW);

    assertThat(((Decision.Contact) decision).goal()).isEqualTo(Goal.WIN_BACK);
  }

  @Test
  void theContactRationaleStartsWithTheGoal() {
    Decision decision = policy().decide(
        cancellation().build(), customer().setTier(Tier.PREMIUM).build(), ContactHistory.none(), NOW);

    assertThat(decision.rationale().get(0).ruleId()).isEqualTo("goal.win-back.tier");
  }

  @Test
  void goalAndGoalChoiceAgree() {
    ChannelPolicy policy = policy();
    CancellationEvent cancellation = withRevenue("100.01");

    assertThat(policy.goal(cancellation, customer().build()))
        .isEqualTo(policy.goalChoice(cancellation, customer().build()).goal());
  }
}
