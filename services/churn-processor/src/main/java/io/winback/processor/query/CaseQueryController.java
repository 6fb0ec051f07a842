package io.winback.processor.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.winback.events.WinbackCase;
import io.winback.processor.ProcessorProperties;
import io.winback.schemas.json.JsonRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Cases as JSON, served from the state stores. A request for a customer that reaches an instance
 * that does not own the customer's partition is forwarded once to the owner; a request for a case
 * id goes to the other instances until one has it. During a rebalance the answer is 503 with
 * Retry-After.
 */
@RestController
class CaseQueryController {

  static final String FORWARDED = "X-Winback-Forwarded";

  private final StreamsBuilderFactoryBean factoryBean;
  private final HostInfo self;
  private final RestClient http;

  CaseQueryController(StreamsBuilderFactoryBean factoryBean, ProcessorProperties properties,
      @Value("${server.port:8081}") int port) {
    this.factoryBean = factoryBean;
    this.self = new HostInfo(properties.advertisedHost(), port);
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(properties.forwardTimeout()).build());
    requests.setReadTimeout(properties.forwardTimeout());
    this.http = RestClient.builder().requestFactory(requests).build();
  }

  /**
   * From this instance's partitions, else from the first other instance that has it: a case id
   * does not name its partition (see {@link CaseQueries}). A forwarded request answers only for
   * itself, so a request is forwarded at most once per instance.
   */
  @GetMapping("/cases/{caseId}")
  ResponseEntity<String> caseById(@PathVariable String caseId,
      @RequestHeader(value = FORWARDED, required = false) String forwarded) {
    KafkaStreams streams = factoryBean.getKafkaStreams();
    if (streams == null) {
      return unavailable();
    }
    CaseQueries queries = new CaseQueries(streams, self);
    try {
      if (!queries.ready()) {
        return unavailable();
      }
      Optional<WinbackCase> local = queries.localCase(caseId);
      if (local.isPresent()) {
        return json(JsonRecords.toJson(local.get()).toString());
      }
      ResponseEntity<String> failed = null;
      if (forwarded == null) {
        for (HostInfo other : queries.otherOwnersOfCases()) {
          ResponseEntity<String> answer = forward(other, "/cases/{id}", caseId);
          if (answer.getStatusCode().is2xxSuccessful()) {
            return answer;
          }
          if (answer.getStatusCode().value() != HttpStatus.NOT_FOUND.value()) {
            failed = answer;
          }
        }
      }
      // Not found is only certain when every instance said so.
      return failed != null ? failed : problem(HttpStatus.NOT_FOUND, "no case " + caseId);
    } catch (InvalidStateStoreException e) {
      return unavailable();
    }
  }

  @GetMapping("/customers/{customerId}/cases")
  ResponseEntity<String> casesOfCustomer(@PathVariable String customerId,
      @RequestHeader(value = FORWARDED, required = false) String forwarded) {
    return answer(queries -> queries.ownerOfCustomer(customerId), forwarded, "/customers/{id}/cases", customerId,
        queries -> {
          List<WinbackCase> cases = queries.localCasesOfCustomer(customerId);
          ArrayNode array = JsonRecords.mapper().createArrayNode();
          cases.forEach(c -> array.add(JsonRecords.toJson(c)));
          return json(array.toString());
        });
  }

  private ResponseEntity<String> answer(java.util.function.Function<CaseQueries, CaseQueries.Owner> owner,
      String forwarded, String path, String key, java.util.function.Function<CaseQueries, ResponseEntity<String>> local) {
    KafkaStreams streams = factoryBean.getKafkaStreams();
    if (streams == null) {
      return unavailable();
    }
    CaseQueries queries = new CaseQueries(streams, self);
    try {
      CaseQueries.Owner where = owner.apply(queries);
      if (where instanceof CaseQueries.Owner.Local) {
        return local.apply(queries);
      }
      if (where instanceof CaseQueries.Owner.Remote remote && forwarded == null) {
        return forward(remote.host(), path, key);
      }
      return unavailable();
    } catch (InvalidStateStoreException e) {
      return unavailable();
    }
  }

  private ResponseEntity<String> forward(HostInfo owner, String path, String key) {
    URI uri = UriComponentsBuilder.newInstance().scheme("http").host(owner.host()).port(owner.port())
        .path(path).buildAndExpand(key).encode().toUri();
    try {
      return http.get().uri(uri).header(FORWARDED, self.host() + ":" + self.port())
          .retrieve().toEntity(String.class);
    } catch (RestClientResponseException e) {
      return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_JSON)
          .body(e.getResponseBodyAsString());
    } catch (RuntimeException e) {
      return problem(HttpStatus.BAD_GATEWAY, "the instance " + owner.host() + ":" + owner.port() + " did not answer");
    }
  }

  private static ResponseEntity<String> json(String body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static ResponseEntity<String> unavailable() {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
        .contentType(MediaType.APPLICATION_JSON)
        .body(problemBody(HttpStatus.SERVICE_UNAVAILABLE, "the stores are rebalancing or restoring; retry shortly"));
  }

  private static ResponseEntity<String> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problemBody(status, detail));
  }

  private static String problemBody(HttpStatus status, String detail) {
    try {
      return JsonRecords.mapper().writeValueAsString(java.util.Map.of(
          "status", status.value(), "title", status.getReasonPhrase(), "detail", detail));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
