package io.winback.processor.query;

import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The subject access report (role DATA_PROTECTION, see CaseApiSecurity): everything this processor
 * holds about a customer ({@link SubjectAccessReport}), from the instance that owns the customer's
 * partition, forwarded there like the customer's cases.
 */
@RestController
class SubjectAccessController {

  static final String PATH = "/privacy/customers/{customerId}";

  private final QueryRouting routing;

  SubjectAccessController(QueryRouting routing) {
    this.routing = routing;
  }

  @GetMapping(PATH)
  ResponseEntity<String> report(@PathVariable String customerId,
      @RequestHeader(value = Forwarding.FORWARDED, required = false) String forwarded,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    return routing.forCustomer(customerId, "/privacy/customers/{id}", forwarded, authorization,
        queries -> queries.subjectAccessReport(customerId, Instant.now()).toString());
  }
}
