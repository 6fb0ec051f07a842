package io.winback.processor.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.winback.schemas.json.JsonRecords;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The case API's answers other than a case: RFC 9457 problem details. */
final class Problems {

  private Problems() {}

  /** During a rebalance or a restore: the caller tries again shortly. */
  static ResponseEntity<String> unavailable() {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body(HttpStatus.SERVICE_UNAVAILABLE, "the stores are rebalancing or restoring; retry shortly"));
  }

  static ResponseEntity<String> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body(status, detail));
  }

  static String body(HttpStatus status, String detail) {
    try {
      return JsonRecords.mapper().writeValueAsString(Map.of(
          "status", status.value(), "title", status.getReasonPhrase(), "detail", detail));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
