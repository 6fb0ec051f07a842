package io.winback.desk.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A report for a period and filters (see the README's reports section for what each figure means).
 * Every count is of cases (report_case rows) unless it says otherwise; rates are 0..1, null where
 * there is nothing to divide by.
 */
public record Report(Period period, Map<String, String> filters, Funnel funnel, Rates rates, List<Week> weekly,
    Timings timings, List<Category> feedbackCategories, Choices customerChoices, HoldoutReport holdout) {

  /** The days the report covers (both included) and the zone they are counted in. */
  public record Period(String kind, LocalDate from, LocalDate to, String zone) {}

  /**
   * Cancellations (every case opened: one per cancellation billing reported, holdout included), the
   * treated cases among them (the holdout gets no outreach), those contacted (by the channel of the
   * contact), reached, and how they ended.
   */
  public record Funnel(long cancellations, long holdout, long cases, long contacted, Map<String, Long> contactedByChannel,
      long reached, long feedbackCollected, long wonBack, long declined, long noResponse, long suppressed,
      Map<String, Long> suppressedByReason, long withdrawn, long open) {}

  /** Win-back and feedback rates of the treated cases by each dimension. */
  public record Rates(List<Group> byChannel, List<Group> byGoal, List<Group> byTier, List<Group> byReason) {}

  /** One value of a dimension ({@value ReportFilter#NONE}: cases without it). */
  public record Group(String value, long cases, long wonBack, long feedbackCollected, Double winBackRate,
      Double feedbackRate) {}

  /** The treated cases opened in one week (Monday to Sunday). */
  public record Week(LocalDate weekStart, long cases, long wonBack, long feedbackCollected, Double winBackRate,
      Double feedbackRate) {}

  /** Hours from opening to the first contact, and from opening to closing, of the treated cases. */
  public record Timings(Duration firstContact, Duration close) {}

  /** Over {@code cases} cases: the median and the 90th percentile, in hours (null without cases). */
  public record Duration(long cases, Double medianHours, Double p90Hours) {}

  /** A reason customers gave ({@code answers} outcomes with it, in {@code cases} cases). */
  public record Category(String category, long answers, long cases) {}

  /** What customers chose themselves: opt-outs, and the cases by their choice on the preference page. */
  public record Choices(long optOuts, Map<String, Long> byChoice) {}
}
