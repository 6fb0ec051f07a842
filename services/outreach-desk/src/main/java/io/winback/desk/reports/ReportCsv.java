package io.winback.desk.reports;

import java.util.Locale;
import java.util.Map;

/**
 * A report as CSV in long form, one figure per line: {@code section,dimension,value,measure,number}
 * (e.g. {@code rates,channel,EMAIL,win_back_rate,0.4}), so a spreadsheet can pivot it whatever the
 * section. Rates are fractions with a dot; empty where there is nothing to divide by.
 */
final class ReportCsv {

  static final String HEADER = "section,dimension,value,measure,number";

  private final StringBuilder out = new StringBuilder(HEADER).append("\r\n");

  private ReportCsv() {}

  static String of(Report report) {
    ReportCsv csv = new ReportCsv();
    csv.line("period", "", report.period().kind(), "from", report.period().from());
    csv.line("period", "", report.period().kind(), "to", report.period().to());
    report.filters().forEach((name, value) -> csv.line("filter", name, value, "", ""));
    Report.Funnel f = report.funnel();
    csv.funnel("cancellations", f.cancellations());
    csv.funnel("holdout", f.holdout());
    csv.funnel("cases", f.cases());
    csv.funnel("contacted", f.contacted());
    f.contactedByChannel().forEach((channel, n) -> csv.line("funnel", "contacted_by_channel", channel, "cases", n));
    csv.funnel("reached", f.reached());
    csv.funnel("feedback_collected", f.feedbackCollected());
    csv.funnel("won_back", f.wonBack());
    csv.funnel("declined", f.declined());
    csv.funnel("no_response", f.noResponse());
    csv.funnel("suppressed", f.suppressed());
    f.suppressedByReason().forEach((reason, n) -> csv.line("funnel", "suppressed_by_reason", reason, "cases", n));
    csv.funnel("withdrawn", f.withdrawn());
    csv.funnel("open", f.open());
    csv.groups("channel", report.rates().byChannel().stream());
    csv.groups("goal", report.rates().byGoal().stream());
    csv.groups("tier", report.rates().byTier().stream());
    csv.groups("reason", report.rates().byReason().stream());
    for (Report.Week week : report.weekly()) {
      String start = week.weekStart().toString();
      csv.line("weekly", "week", start, "cases", week.cases());
      csv.line("weekly", "week", start, "won_back", week.wonBack());
      csv.line("weekly", "week", start, "feedback_collected", week.feedbackCollected());
      csv.line("weekly", "week", start, "win_back_rate", week.winBackRate());
      csv.line("weekly", "week", start, "feedback_rate", week.feedbackRate());
    }
    csv.duration("first_contact", report.timings().firstContact());
    csv.duration("close", report.timings().close());
    for (Report.Category category : report.feedbackCategories()) {
      csv.line("feedback_categories", "category", category.category(), "answers", category.answers());
      csv.line("feedback_categories", "category", category.category(), "cases", category.cases());
    }
    csv.line("customer_choices", "", "", "opt_outs", report.customerChoices().optOuts());
    report.customerChoices().byChoice().forEach((choice, n) -> csv.line("customer_choices", "choice", choice, "cases", n));
    HoldoutReport holdout = report.holdout();
    csv.comparison("all", holdout.overall());
    holdout.byGoal().forEach(c -> csv.comparison("goal", c));
    holdout.byTier().forEach(c -> csv.comparison("tier", c));
    for (HoldoutReport.Side side : holdout.treatedByChannel()) {
      csv.line("holdout", "channel", side.value(), "treated_cases", side.cases());
      csv.line("holdout", "channel", side.value(), "treated_returned", side.returned());
      csv.line("holdout", "channel", side.value(), "treated_rate", side.rate());
    }
    return csv.out.toString();
  }

  private void funnel(String measure, long n) {
    line("funnel", "", "", measure, n);
  }

  private void groups(String dimension, java.util.stream.Stream<Report.Group> groups) {
    groups.forEach(g -> {
      line("rates", dimension, g.value(), "cases", g.cases());
      line("rates", dimension, g.value(), "won_back", g.wonBack());
      line("rates", dimension, g.value(), "feedback_collected", g.feedbackCollected());
      line("rates", dimension, g.value(), "win_back_rate", g.winBackRate());
      line("rates", dimension, g.value(), "feedback_rate", g.feedbackRate());
    });
  }

  private void duration(String dimension, Report.Duration d) {
    line("timings", dimension, "", "cases", d.cases());
    line("timings", dimension, "", "median_hours", d.medianHours());
    line("timings", dimension, "", "p90_hours", d.p90Hours());
  }

  private void comparison(String dimension, HoldoutReport.Comparison c) {
    Map<String, Object> measures = new java.util.LinkedHashMap<>();
    measures.put("treated_cases", c.treated().cases());
    measures.put("treated_returned", c.treated().returned());
    measures.put("treated_rate", c.treated().rate());
    measures.put("holdout_cases", c.holdout().cases());
    measures.put("holdout_returned", c.holdout().returned());
    measures.put("holdout_rate", c.holdout().rate());
    measures.put("uplift", c.uplift());
    measures.put("ci95_low", c.low());
    measures.put("ci95_high", c.high());
    measures.put("verdict", c.verdict());
    measures.forEach((measure, number) -> line("holdout", dimension, c.value(), measure, number));
  }

  private void line(String section, String dimension, Object value, String measure, Object number) {
    out.append(cell(section)).append(',').append(cell(dimension)).append(',').append(cell(value)).append(',')
        .append(cell(measure)).append(',').append(cell(number)).append("\r\n");
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break; a leading =+-@ cannot start a formula. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof Double d ? String.format(Locale.ROOT, "%.6f", d).replaceAll("0+$", "")
        .replaceAll("\\.$", "") : value.toString();
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
