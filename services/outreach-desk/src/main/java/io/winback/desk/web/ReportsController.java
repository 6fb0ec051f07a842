package io.winback.desk.web;

import io.winback.desk.api.ReportApi;
import io.winback.desk.reports.Report;
import io.winback.desk.reports.ReportFilter;
import io.winback.desk.reports.Reports;
import io.winback.events.CancellationReason;
import io.winback.events.Channel;
import io.winback.events.Goal;
import io.winback.events.Tier;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reports' pages for retention leads (LEAD only, see SecurityConfig): the report of a period
 * with its chart, the cases behind any figure, and the same figures as CSV. A parameter that does
 * not parse shows the form again with the reason (400).
 */
@Controller
public class ReportsController {

  private final Reports reports;
  private final ReportFormats formats;

  public ReportsController(Reports reports, ReportFormats formats) {
    this.reports = reports;
    this.formats = formats;
  }

  @GetMapping("/reports")
  String report(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
    options(model, params);
    ReportFilter filter;
    try {
      filter = reports.filter(params);
    } catch (IllegalArgumentException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("notice", Notice.error(e.getMessage()));
      return "reports";
    }
    Report report = reports.report(filter);
    model.addAttribute("report", report);
    model.addAttribute("filter", filter);
    model.addAttribute("links", new ReportLinks(filter));
    return "reports";
  }

  @GetMapping("/reports/cases")
  String cases(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
    try {
      ReportFilter filter = reports.filter(params);
      String figure = params.getOrDefault("figure", "all");
      model.addAttribute("cases", reports.cases(filter, figure));
      model.addAttribute("filter", filter);
      model.addAttribute("figure", figure);
      model.addAttribute("links", new ReportLinks(filter));
    } catch (IllegalArgumentException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("notice", Notice.error(e.getMessage()));
      model.addAttribute("cases", List.of());
    }
    return "report-cases";
  }

  @GetMapping("/reports/report.csv")
  ResponseEntity<String> csv(@RequestParam Map<String, String> params) {
    ReportFilter filter;
    try {
      filter = reports.filter(params);
    } catch (IllegalArgumentException e) {
      // Plain text: the reason may quote the request, and must never be read as HTML.
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }
    return ReportApi.csvResponse(filter, reports.csv(reports.report(filter)));
  }

  /** The form's choices, and what was asked for (kept when it does not parse). */
  private void options(Model model, Map<String, String> params) {
    // A model attribute, not a bean reference: th:attr's expressions may not resolve beans.
    model.addAttribute("formats", formats);
    model.addAttribute("params", params);
    model.addAttribute("channels", names(Channel.values()));
    model.addAttribute("goals", names(Goal.values()));
    model.addAttribute("tiers", names(Tier.values()));
    model.addAttribute("reasons", names(CancellationReason.values()));
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
