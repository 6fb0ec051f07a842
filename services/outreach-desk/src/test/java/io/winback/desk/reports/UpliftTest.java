package io.winback.desk.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The uplift and its interval against calculations by hand, and Newcombe's own published examples
 * (Statistics in Medicine 17, 873-890, 1998, table II, method 10).
 */
class UpliftTest {

  private static final double EPS = 1e-4;

  @Test
  void newcombesFirstExample() {
    // 56/70 against 48/80: difference 0.2000, interval 0.0524 to 0.3339 (Newcombe, table II, row a).
    Uplift.Estimate estimate = Uplift.estimate(new Uplift.Proportion(56, 70), new Uplift.Proportion(48, 80));
    assertThat(estimate.difference()).isCloseTo(0.2, within(EPS));
    assertThat(estimate.low()).isCloseTo(0.0524, within(EPS));
    assertThat(estimate.high()).isCloseTo(0.3339, within(EPS));
    assertThat(estimate.verdict()).isEqualTo(Uplift.Verdict.HIGHER);
  }

  @Test
  void byHand() {
    // 120 of 400 treated returned, 40 of 200 held out: p1 = 0.3, p2 = 0.2, z = 1.959964.
    // Wilson(120, 400): centre = (0.3 + z²/800) / (1 + z²/400) = 0.304802 / 1.009604 = 0.301902,
    //   half = z·sqrt(0.21/400 + z²/640000) / 1.009604 = 1.959964·0.023043 / 1.009604 = 0.044735
    //   -> 0.257168 .. 0.346637.
    // Wilson(40, 200):  centre = (0.2 + z²/400) / (1 + z²/200) = 0.209604 / 1.019207 = 0.205654,
    //   half = z·sqrt(0.16/200 + z²/160000) / 1.019207 = 1.959964·0.028706 / 1.019207 = 0.055202
    //   -> 0.150452 .. 0.260855.
    // low  = 0.1 - sqrt((0.3 - 0.257168)² + (0.260855 - 0.2)²) = 0.1 - sqrt(0.0018346 + 0.0037033) = 0.025583
    // high = 0.1 + sqrt((0.346637 - 0.3)² + (0.2 - 0.150452)²) = 0.1 + sqrt(0.0021750 + 0.0024550) = 0.168044
    Uplift.Estimate estimate = Uplift.estimate(new Uplift.Proportion(120, 400), new Uplift.Proportion(40, 200));
    Uplift.Interval treated = Uplift.wilson(new Uplift.Proportion(120, 400));
    assertThat(treated.low()).isCloseTo(0.257168, within(EPS));
    assertThat(treated.high()).isCloseTo(0.346637, within(EPS));
    Uplift.Interval holdout = Uplift.wilson(new Uplift.Proportion(40, 200));
    assertThat(holdout.low()).isCloseTo(0.150452, within(EPS));
    assertThat(holdout.high()).isCloseTo(0.260855, within(EPS));
    assertThat(estimate.difference()).isCloseTo(0.1, within(1e-12));
    assertThat(estimate.low()).isCloseTo(0.025583, within(EPS));
    assertThat(estimate.high()).isCloseTo(0.168044, within(EPS));
    assertThat(estimate.verdict()).isEqualTo(Uplift.Verdict.HIGHER);
  }

  @Test
  void anIntervalThatIncludesZeroCannotTell() {
    // 9 of 40 against 8 of 40: no difference to speak of.
    Uplift.Estimate estimate = Uplift.estimate(new Uplift.Proportion(9, 40), new Uplift.Proportion(8, 40));
    assertThat(estimate.low()).isNegative();
    assertThat(estimate.high()).isPositive();
    assertThat(estimate.verdict()).isEqualTo(Uplift.Verdict.INCONCLUSIVE);
    assertThat(HoldoutCalculation.warning(estimate.verdict())).startsWith("Not enough data to tell");
  }

  @Test
  void fewerThan30CasesOr5EachWayAreTooFew() {
    // Newcombe's second example, 9/10 against 3/10: 0.1705 to 0.8090, clearly above 0, yet only 10 each.
    Uplift.Estimate small = Uplift.estimate(new Uplift.Proportion(9, 10), new Uplift.Proportion(3, 10));
    assertThat(small.low()).isCloseTo(0.1705, within(EPS));
    assertThat(small.high()).isCloseTo(0.8090, within(EPS));
    assertThat(small.verdict()).isEqualTo(Uplift.Verdict.TOO_FEW);
    // Enough cases, but only 4 of the holdout returned.
    assertThat(Uplift.estimate(new Uplift.Proportion(40, 100), new Uplift.Proportion(4, 100)).verdict())
        .isEqualTo(Uplift.Verdict.TOO_FEW);
    // Enough cases, but only 3 treated did not return.
    assertThat(Uplift.estimate(new Uplift.Proportion(97, 100), new Uplift.Proportion(50, 100)).verdict())
        .isEqualTo(Uplift.Verdict.TOO_FEW);
    // Exactly the thresholds: 30 cases, 5 returned, 25 not.
    assertThat(Uplift.estimate(new Uplift.Proportion(25, 30), new Uplift.Proportion(5, 30)).verdict())
        .isEqualTo(Uplift.Verdict.HIGHER);
  }

  @Test
  void aGroupWithoutCasesHasNoEstimate() {
    Uplift.Estimate estimate = Uplift.estimate(new Uplift.Proportion(10, 50), new Uplift.Proportion(0, 0));
    assertThat(estimate.difference()).isNull();
    assertThat(estimate.low()).isNull();
    assertThat(estimate.verdict()).isEqualTo(Uplift.Verdict.TOO_FEW);
    assertThatThrownBy(() -> new Uplift.Proportion(5, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void treatedReturningLessIsSaidSo() {
    Uplift.Estimate estimate = Uplift.estimate(new Uplift.Proportion(20, 200), new Uplift.Proportion(60, 200));
    assertThat(estimate.high()).isNegative();
    assertThat(estimate.verdict()).isEqualTo(Uplift.Verdict.LOWER);
  }

  @Test
  void comparisonsCoverEveryValueOfEitherCohort() {
    Map<String, Map<String, HoldoutReport.Side>> sides = Map.of(
        "TREATED", Map.of("WIN_BACK", new HoldoutReport.Side("WIN_BACK", 400, 120, 0.3)),
        "HOLDOUT", Map.of("WIN_BACK", new HoldoutReport.Side("WIN_BACK", 200, 40, 0.2),
            "FEEDBACK", new HoldoutReport.Side("FEEDBACK", 12, 3, 0.25)));
    var comparisons = HoldoutCalculation.compare(null, sides);
    assertThat(comparisons).extracting(HoldoutReport.Comparison::value).containsExactly("FEEDBACK", "WIN_BACK");
    HoldoutReport.Comparison feedback = comparisons.get(0);
    assertThat(feedback.treated().cases()).isZero();
    assertThat(feedback.verdict()).isEqualTo(Uplift.Verdict.TOO_FEW);
    assertThat(feedback.warning()).contains("at least 30 cases");
    HoldoutReport.Comparison winBack = comparisons.get(1);
    assertThat(winBack.uplift()).isCloseTo(0.1, within(1e-12));
    assertThat(winBack.low()).isCloseTo(0.025583, within(EPS));
    assertThat(winBack.warning()).isNull();
  }
}
