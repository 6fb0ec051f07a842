package io.winback.desk.web;

import io.winback.desk.reports.ReportFilter;
import java.time.LocalDate;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links from the report page: the cases behind a figure, under the page's period and filters (and,
 * for a row of a table, that row's value as one more filter); the CSV of the same figures.
 */
public record ReportLinks(ReportFilter filter) {

  public String cases(String figure) {
    return link("/reports/cases", filter, figure);
  }

  /** The cases behind a figure of one row: its dimension's value as a filter too. */
  public String casesWith(String dimension, String value, String figure) {
    return link("/reports/cases", filter.with(dimension, value), figure);
  }

  /** The cases behind a figure of one week of the chart. */
  public String week(LocalDate monday, String figure) {
    return link("/reports/cases", filter.week(monday), figure);
  }

  public String csv() {
    return link("/reports/report.csv", filter, null);
  }

  /** The report of the same period and filters (from a case list back to its report). */
  public String report() {
    return link("/reports", filter, null);
  }

  private static String link(String path, ReportFilter filter, String figure) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
    filter.parameters().forEach(uri::queryParam);
    if (figure != null) {
      uri.queryParam("figure", figure);
    }
    return uri.encode().build().toUriString();
  }
}
