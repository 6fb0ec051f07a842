package io.winback.policy;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.events.Goal;
import io.winback.events.Tier;
import java.math.BigDecimal;

/**
 * Win back or only understand the reason: the article asks to decide this before approaching the
 * customer, because it changes the wording. The first matching rule is the one reported.
 */
final class GoalRules {

  private final PolicySettings settings;

  GoalRules(PolicySettings settings) {
    this.settings = settings;
  }

  GoalChoice choose(CancellationEvent cancellation, CustomerRelationship customer) {
    if (CustomerTraits.isLongStanding(cancellation, customer, settings.longStandingYears())) {
      return winBack(RuleIds.GOAL_WIN_BACK_LONG_STANDING,
          "customer for at least " + settings.longStandingYears() + " years");
    }
    Tier tier = customer.getTier();
    if (tier == Tier.PREMIUM || tier == Tier.KEY_ACCOUNT) {
      return winBack(RuleIds.GOAL_WIN_BACK_TIER, tier + " tier");
    }
    if (revenueAboveThreshold(cancellation.getMonthlyRevenue())) {
      return winBack(RuleIds.GOAL_WIN_BACK_REVENUE, "monthly revenue above "
          + settings.winBackRevenueThreshold().toPlainString() + " EUR");
    }
    return new GoalChoice(Goal.FEEDBACK, new Rationale(RuleIds.GOAL_FEEDBACK,
        "no win-back criterion met: aim to understand the reason for the cancellation"));
  }

  private boolean revenueAboveThreshold(BigDecimal monthlyRevenue) {
    return monthlyRevenue != null && monthlyRevenue.compareTo(settings.winBackRevenueThreshold()) > 0;
  }

  private static GoalChoice winBack(String ruleId, String criterion) {
    return new GoalChoice(Goal.WIN_BACK, new Rationale(ruleId, criterion + ": aim to win back"));
  }
}
