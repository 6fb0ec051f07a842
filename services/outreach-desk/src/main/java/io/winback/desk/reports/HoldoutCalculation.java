package io.winback.desk.reports;

import io.winback.events.Cohort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * From counts per cohort to the holdout report's comparisons: each value of a dimension present in
 * either cohort gets both sides (zero where a cohort has no such case), the uplift and a plain
 * warning when the numbers cannot tell. Pure: no database, no clock.
 */
public final class HoldoutCalculation {

  public static final String DEFINITION = "return rate = cases that ended WON_BACK or WITHDRAWN / all cases of the "
      + "cohort opened in the period (open and closed, suppressed included: every customer the group was assigned)";
  public static final String METHOD = "difference of two proportions (treated - holdout), 95 % interval by "
      + "Newcombe's hybrid score method (Wilson score intervals combined)";

  static final String TOO_FEW = "Not enough data to tell: each group needs at least " + Uplift.MIN_CASES
      + " cases, and at least " + Uplift.MIN_EACH_WAY + " that returned and " + Uplift.MIN_EACH_WAY
      + " that did not.";
  static final String INCONCLUSIVE = "Not enough data to tell: the 95 % interval includes 0, so the outreach may "
      + "make no difference.";

  private HoldoutCalculation() {}

  /**
   * One comparison per value of the dimension ({@code only} non-null: just that value), in the
   * order of the values.
   */
  public static List<HoldoutReport.Comparison> compare(String only,
      Map<String, Map<String, HoldoutReport.Side>> byCohort) {
    Map<String, HoldoutReport.Side> treated = byCohort.getOrDefault(Cohort.TREATED.name(), Map.of());
    Map<String, HoldoutReport.Side> holdout = byCohort.getOrDefault(Cohort.HOLDOUT.name(), Map.of());
    TreeSet<String> values = new TreeSet<>(treated.keySet());
    values.addAll(holdout.keySet());
    if (only != null) {
      values.clear();
      values.add(only);
    }
    List<HoldoutReport.Comparison> comparisons = new ArrayList<>();
    for (String value : values) {
      comparisons.add(comparison(value, treated.getOrDefault(value, empty(value)),
          holdout.getOrDefault(value, empty(value))));
    }
    return comparisons;
  }

  public static HoldoutReport.Comparison comparison(String value, HoldoutReport.Side treated,
      HoldoutReport.Side holdout) {
    Uplift.Estimate estimate = Uplift.estimate(new Uplift.Proportion(treated.returned(), treated.cases()),
        new Uplift.Proportion(holdout.returned(), holdout.cases()));
    return new HoldoutReport.Comparison(value, treated, holdout, estimate.difference(), estimate.low(),
        estimate.high(), estimate.verdict(), warning(estimate.verdict()));
  }

  /** The sentence for a lead, or null when the interval excludes 0. */
  static String warning(Uplift.Verdict verdict) {
    return switch (verdict) {
      case TOO_FEW -> TOO_FEW;
      case INCONCLUSIVE -> INCONCLUSIVE;
      case HIGHER, LOWER -> null;
    };
  }

  private static HoldoutReport.Side empty(String value) {
    return new HoldoutReport.Side(value, 0, 0, null);
  }
}
