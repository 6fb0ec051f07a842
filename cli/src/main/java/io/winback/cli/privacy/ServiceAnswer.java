package io.winback.cli.privacy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one service answered for a customer's subject access report.
 *
 * @param service the service's name, e.g. churn-processor
 * @param source the request, e.g. {@code GET http://localhost:8081/privacy/customers/C-1}
 * @param httpStatus the HTTP status, or -1 when nothing answered
 * @param report the service's report (HTTP 200), else null
 * @param problem why there is no report, for a person; null with one
 */
public record ServiceAnswer(String service, String source, int httpStatus, JsonNode report, String problem) {

  public boolean ok() {
    return report != null;
  }

  /** ok, refused (401, 403), unreachable, or failed. */
  public String status() {
    if (ok()) {
      return "ok";
    }
    if (httpStatus == 401 || httpStatus == 403) {
      return "refused";
    }
    return httpStatus < 0 ? "unreachable" : "failed";
  }
}
