package io.winback.processor.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.winback.events.WinbackCase;
import io.winback.schemas.json.JsonRecords;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cases as JSON, served from the state stores. A request for a customer that reaches an instance
 * that does not own the customer's partition is forwarded once to the owner; a request for a case
 * id goes to the other instances until one has it. Forwarded requests carry the caller's
 * credentials ({@link Forwarding}). During a rebalance the answer is 503 with Retry-After.
 */
@RestController
class CaseQueryController {

  private final QueryRouting routing;

  CaseQueryController(QueryRouting routing) {
    this.routing = routing;
  }

  /**
   * From this instance's partitions, else from the first other instance that has it: a case id
   * does not name its partition (see {@link CaseQueries}). A forwarded request answers only for
   * itself, so a request is forwarded at most once per instance.
   */
  @GetMapping("/cases/{caseId}")
  ResponseEntity<String> caseById(@PathVariable String caseId,
      @RequestHeader(value = Forwarding.FORWARDED, required = false) String forwarded,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    CaseQueries queries = routing.queries();
    if (queries == null) {
      return Problems.unavailable();
    }
    try {
      if (!queries.ready()) {
        return Problems.unavailable();
      }
      Optional<WinbackCase> local = queries.localCase(caseId);
      if (local.isPresent()) {
        return QueryRouting.json(JsonRecords.toJson(local.get()).toString());
      }
      ResponseEntity<String> failed = null;
      if (forwarded == null) {
        for (HostInfo other : queries.otherOwnersOfCases()) {
          ResponseEntity<String> answer = routing.forwarding().get(other, "/cases/{id}", caseId, authorization);
          if (answer.getStatusCode().is2xxSuccessful() || Forwarding.refused(answer)) {
            return answer;
          }
          if (answer.getStatusCode().value() != HttpStatus.NOT_FOUND.value()) {
            failed = answer;
          }
        }
      }
      // Not found is only certain when every instance said so.
      return failed != null ? failed : Problems.problem(HttpStatus.NOT_FOUND, "no case " + caseId);
    } catch (InvalidStateStoreException e) {
      return Problems.unavailable();
    }
  }

  @GetMapping("/customers/{customerId}/cases")
  ResponseEntity<String> casesOfCustomer(@PathVariable String customerId,
      @RequestHeader(value = Forwarding.FORWARDED, required = false) String forwarded,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    return routing.forCustomer(customerId, "/customers/{id}/cases", forwarded, authorization, queries -> {
      ArrayNode array = JsonRecords.mapper().createArrayNode();
      queries.localCasesOfCustomer(customerId).forEach(c -> array.add(JsonRecords.toJson(c)));
      return array.toString();
    });
  }
}
