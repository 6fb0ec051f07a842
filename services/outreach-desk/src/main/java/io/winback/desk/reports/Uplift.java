package io.winback.desk.reports;

/**
 * The uplift of the treated group over the holdout: the difference of two return rates with its
 * 95 % confidence interval, by Newcombe's hybrid score method (Newcombe 1998, method 10: the Wilson
 * score interval of each rate, combined), which keeps its coverage with small groups and rates near
 * 0 or 1 where the Wald interval does not. A pure function: counts in, numbers and a verdict out.
 */
public final class Uplift {

  /** The normal quantile of a two-sided 95 % interval. */
  static final double Z = 1.959963984540054;
  /** Below this many cases in either group the report does not tell. */
  public static final int MIN_CASES = 30;
  /** Below this many returned, or not returned, cases in either group neither. */
  public static final int MIN_EACH_WAY = 5;

  /** What the numbers allow one to say. */
  public enum Verdict {
    /** A group is too small (fewer than 30 cases, or fewer than 5 returned or not returned). */
    TOO_FEW,
    /** The interval includes 0: the outreach may make no difference at all. */
    INCONCLUSIVE,
    /** The whole interval is above 0: treated customers return more often. */
    HIGHER,
    /** The whole interval is below 0: treated customers return less often. */
    LOWER
  }

  /** {@code successes} of {@code n} cases returned. */
  public record Proportion(long successes, long n) {
    public Proportion {
      if (n < 0 || successes < 0 || successes > n) {
        throw new IllegalArgumentException("not a proportion: " + successes + " of " + n);
      }
    }

    /** The rate, or null for no cases. */
    public Double rate() {
      return n == 0 ? null : (double) successes / n;
    }

    boolean enough() {
      return n >= MIN_CASES && successes >= MIN_EACH_WAY && n - successes >= MIN_EACH_WAY;
    }
  }

  /**
   * The estimate: {@code difference} = treated rate − holdout rate, {@code low}..{@code high} its
   * 95 % interval (null where a group has no cases), and the verdict.
   */
  public record Estimate(Proportion treated, Proportion holdout, Double difference, Double low, Double high,
      Verdict verdict) {}

  /** A Wilson score interval of one rate. */
  record Interval(double low, double high) {}

  private Uplift() {}

  public static Estimate estimate(Proportion treated, Proportion holdout) {
    if (treated.n() == 0 || holdout.n() == 0) {
      return new Estimate(treated, holdout, null, null, null, Verdict.TOO_FEW);
    }
    double p1 = treated.rate();
    double p2 = holdout.rate();
    Interval w1 = wilson(treated);
    Interval w2 = wilson(holdout);
    double difference = p1 - p2;
    double low = difference - Math.sqrt(square(p1 - w1.low()) + square(w2.high() - p2));
    double high = difference + Math.sqrt(square(w1.high() - p1) + square(p2 - w2.low()));
    Verdict verdict = !treated.enough() || !holdout.enough() ? Verdict.TOO_FEW
        : low > 0 ? Verdict.HIGHER : high < 0 ? Verdict.LOWER : Verdict.INCONCLUSIVE;
    return new Estimate(treated, holdout, difference, low, high, verdict);
  }

  /** Wilson's score interval (95 %) of {@code p.successes()} of {@code p.n()}; n must be positive. */
  static Interval wilson(Proportion p) {
    double n = p.n();
    double rate = p.successes() / n;
    double z2 = Z * Z;
    double denominator = 1 + z2 / n;
    double centre = (rate + z2 / (2 * n)) / denominator;
    double half = Z * Math.sqrt(rate * (1 - rate) / n + z2 / (4 * n * n)) / denominator;
    return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
  }

  private static double square(double x) {
    return x * x;
  }
}
