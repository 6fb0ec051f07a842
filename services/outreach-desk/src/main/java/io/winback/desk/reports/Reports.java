package io.winback.desk.reports;

import io.winback.desk.DeskProperties;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The reports as the API and the pages ask for them: request parameters in, a report, a case list
 * or its CSV out. Days are the desk's display zone's ({@code winback.desk.display-zone}).
 */
@Service
public class Reports {

  private final ReportQueries queries;
  private final ZoneId zone;
  private final Clock clock;

  public Reports(ReportQueries queries, DeskProperties properties, Clock clock) {
    this.queries = queries;
    this.zone = properties.displayZone();
    this.clock = clock;
  }

  /** The filter from the request's parameters; a bad value is an {@link IllegalArgumentException}. */
  public ReportFilter filter(Map<String, String> params) {
    return ReportFilter.of(params.get("period"), params.get("date"), params.get("from"), params.get("to"),
        params.get("channel"), params.get("goal"), params.get("tier"), params.get("reason"),
        params.get("accountManager"), LocalDate.now(clock.withZone(zone)));
  }

  public Report report(ReportFilter filter) {
    return queries.report(filter, zone);
  }

  public List<ReportQueries.CaseRow> cases(ReportFilter filter, String figure) {
    return queries.cases(filter, zone, ReportFigures.parse(figure));
  }

  public String csv(Report report) {
    return ReportCsv.of(report);
  }

  public ZoneId zone() {
    return zone;
  }
}
