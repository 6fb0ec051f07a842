package io.winback.desk.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.winback.desk.reports.Report;
import io.winback.desk.reports.ReportFilter;
import io.winback.desk.reports.ReportQueries;
import io.winback.desk.reports.Reports;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The reports for retention leads (role LEAD): JSON, the cases behind a figure, and CSV. Parameters:
 * {@code period} (week, month, custom), {@code date} (a day of the week or month; default today),
 * {@code from}/{@code to} (custom, days included), and the filters {@code channel}, {@code goal},
 * {@code tier}, {@code reason}, {@code accountManager}.
 */
@RestController
@RequestMapping(path = "/api/reports", produces = MediaType.APPLICATION_JSON_VALUE)
@SecurityRequirement(name = ApiDocs.BEARER_AUTH)
@SecurityRequirement(name = ApiDocs.BASIC_AUTH)
@ApiResponse(responseCode = "400", description = "A parameter that is not a period, day, filter value or figure",
    content = @Content)
@ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content)
@ApiResponse(responseCode = "403", description = "The caller has not the role LEAD", content = @Content)
public class ReportApi {

  private final Reports reports;

  public ReportApi(Reports reports) {
    this.reports = reports;
  }

  @GetMapping
  @Tag(name = ApiDocs.REPORTS)
  @Operation(summary = "The report of a period",
      description = "Counts of cases opened in the period (days in the desk's zone), narrowed by the filters.")
  public Report report(@Parameter(description = "period, date, from, to, channel, goal, tier, reason, accountManager")
      @RequestParam Map<String, String> params) {
    return reports.report(filter(params));
  }

  @GetMapping("/cases")
  @Tag(name = ApiDocs.REPORTS)
  @Operation(summary = "The cases behind a figure",
      description = "The same parameters as the report, and figure (e.g. status:WON_BACK, contacted:PHONE, "
          + "returned:HOLDOUT; none: every case of the period). Ids, statuses and dates; no personal data.")
  public List<ReportQueries.CaseRow> cases(@RequestParam Map<String, String> params) {
    ReportFilter filter = filter(params);
    return valid(() -> reports.cases(filter, params.get("figure")));
  }

  @GetMapping(path = "/report.csv", produces = "text/csv")
  @Tag(name = ApiDocs.REPORTS)
  @Operation(summary = "The report as CSV", description = "section,dimension,value,measure,number; one figure a line.")
  public ResponseEntity<String> csv(@RequestParam Map<String, String> params) {
    ReportFilter filter = filter(params);
    return csvResponse(filter, reports.csv(reports.report(filter)));
  }

  /** The CSV as a download named after its period. */
  public static ResponseEntity<String> csvResponse(ReportFilter filter, String csv) {
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"winback-report-" + filter.from() + "-to-"
            + filter.to() + ".csv\"")
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)).body(csv);
  }

  private ReportFilter filter(Map<String, String> params) {
    return valid(() -> reports.filter(params));
  }

  private static <T> T valid(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }
}
