package io.winback.desk.reports;

import java.util.List;

/**
 * Treated against holdout: how often customers returned (won back or withdrawn) with and without
 * outreach, and the difference (uplift) with its 95 % interval, overall, by goal and by tier. By
 * channel only the treated side exists (the holdout has no channel), so those rows have no uplift.
 */
public record HoldoutReport(String definition, String method, Comparison overall, List<Comparison> byGoal,
    List<Comparison> byTier, List<Side> treatedByChannel) {

  /** A line of the holdout table: which dimension ("all", "goal", "tier") and its comparison. */
  public record Row(String dimension, Comparison comparison) {}

  /** The overall comparison, then by goal, then by tier: the table's lines. */
  public List<Row> rows() {
    List<Row> rows = new java.util.ArrayList<>();
    rows.add(new Row("all", overall));
    byGoal.forEach(c -> rows.add(new Row("goal", c)));
    byTier.forEach(c -> rows.add(new Row("tier", c)));
    return rows;
  }

  /** One group of cases: {@code returned} of {@code cases} returned. */
  public record Side(String value, long cases, long returned, Double rate) {}

  /** The two sides of one value of a dimension ("ALL" overall), the uplift and what it allows one to say. */
  public record Comparison(String value, Side treated, Side holdout, Double uplift, Double low, Double high,
      Uplift.Verdict verdict, String warning) {}
}
