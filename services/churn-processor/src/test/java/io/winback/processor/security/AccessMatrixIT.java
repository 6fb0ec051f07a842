package io.winback.processor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.processor.Events;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestProducers;
import io.winback.testsupport.oidc.OidcTestProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Who gets what from the processor: every endpoint of the running application (its controllers,
 * Boot's error page and the actuator, read from its own handler mappings, so a new endpoint
 * without an expectation here fails the test) asked by each kind of caller, with real tokens from
 * the OpenID Connect provider of the tests: client-credentials clients per role, an expired token,
 * and a token for another audience.
 */
@KafkaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its Kafka Streams app would otherwise keep processing the other ITs' input
class AccessMatrixIT {

  private static final String SECRET = "matrix-secret";
  private static final String PROTECTED_RESOURCE_METADATA = "/.well-known/oauth-protected-resource";
  private static final String AUDIENCE = "winback-processor";
  private static final Duration TTL = Duration.ofMinutes(15);
  /** The strongest roles, so that nothing but the token itself can be why it is refused. */
  private static final List<String> EVERY_ROLE = List.of("AGENT", "LEAD", "OPS_VIEWER", "OPS_ADMIN",
      "DATA_PROTECTION");

  private static final OidcTestProvider OIDC = OidcTestProvider.shared()
      .machineClient("matrix-agent", SECRET, List.of("AGENT"), AUDIENCE, TTL)
      .machineClient("matrix-agent2", SECRET, List.of("AGENT"), AUDIENCE, TTL)
      .machineClient("matrix-lead", SECRET, List.of("LEAD", "AGENT"), AUDIENCE, TTL)
      .machineClient("matrix-opsviewer", SECRET, List.of("OPS_VIEWER"), AUDIENCE, TTL)
      .machineClient("matrix-opsadmin", SECRET, List.of("OPS_ADMIN", "OPS_VIEWER"), AUDIENCE, TTL)
      .machineClient("matrix-dpo", SECRET, List.of("DATA_PROTECTION"), AUDIENCE, TTL)
      .expiredMachineClient("matrix-expired", SECRET, EVERY_ROLE, AUDIENCE)
      .machineClient("matrix-elsewhere", SECRET, EVERY_ROLE, "winback-desk", TTL);

  /** Who asks: nobody, or a machine client of the provider. */
  enum Caller {
    ANONYMOUS(null), AGENT("matrix-agent"), ANOTHER_AGENT("matrix-agent2"), LEAD("matrix-lead"),
    OPS_VIEWER("matrix-opsviewer"), OPS_ADMIN("matrix-opsadmin"), DATA_PROTECTION("matrix-dpo"),
    EXPIRED_TOKEN("matrix-expired"),
    OTHER_AUDIENCE("matrix-elsewhere");

    final String clientId;

    Caller(String clientId) {
      this.clientId = clientId;
    }
  }

  // In the order of Caller: anonymous, agent, another agent, lead, ops viewer, ops admin, data protection,
  // expired, other audience.
  /** The case API: LEAD and the OPS roles; an agent works from the desk, data protection has its own report. */
  private static final int[] CASE_API = {401, 403, 403, 200, 200, 200, 403, 401, 401};
  /** The subject access report, the CRM's contact data included: DATA_PROTECTION only. */
  private static final int[] SUBJECT_ACCESS = {401, 403, 403, 403, 403, 403, 200, 401, 401};
  /** Health (liveness, readiness) and prometheus: anyone, but a token that is sent must be good. */
  private static final int[] OPEN = {200, 200, 200, 200, 200, 200, 200, 401, 401};
  /** Health details of one component: shown to the OPS roles only, nothing there for the others. */
  private static final int[] OPS_DETAILS = {404, 404, 404, 404, 200, 200, 404, 401, 401};
  /** The rest of the actuator. */
  private static final int[] OPS_ADMIN = {401, 403, 403, 403, 403, 200, 403, 401, 401};
  /** Public by design, answered before any token is looked at. */
  private static final int[] PUBLIC = {200, 200, 200, 200, 200, 200, 200, 200, 200};
  /** Boot's error page asked directly rather than by an error dispatch: nothing to show. */
  private static final int[] ERROR_PAGE = {401, 403, 403, 403, 403, 403, 403, 401, 401};
  /** A path nobody serves: it is not told apart from a forbidden one until the caller may read the API. */
  private static final int[] NOTHING_THERE = {401, 403, 403, 404, 404, 404, 403, 401, 401};

  @TempDir
  static Path stateDir;

  private static final Map<Caller, String> AUTHORIZATION = new EnumMap<>(Caller.class);
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Autowired
  ApplicationContext context;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    registry.add("spring.kafka.streams.state-dir", () -> stateDir.toString());
    registry.add("spring.kafka.streams.application-id", () -> "churn-matrix-" + UUID.randomUUID());
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", OIDC::issuer);
    registry.add("winback.security.roles-claim", () -> OIDC.roleClaim().path());
  }

  @BeforeAll
  static void tokens() {
    for (Caller caller : Caller.values()) {
      if (caller.clientId != null) {
        AUTHORIZATION.put(caller, "Bearer " + OIDC.clientCredentialsToken(caller.clientId, SECRET));
      }
    }
  }

  @Test
  void everyEndpointAnswersEachCallerAsItsRulesSay() throws Exception {
    await("readiness").atMost(Duration.ofSeconds(90))
        .until(() -> get("/actuator/health/readiness", Caller.ANONYMOUS).statusCode() == 200);
    String customer = "C-matrix-" + UUID.randomUUID().toString().substring(0, 8);
    String caseId = openCase(customer);

    // What each endpoint, by the pattern its mapping declares, is asked at and must answer.
    Map<String, Map<String, int[]>> expected = new LinkedHashMap<>();
    expected.put("GET /cases/{caseId}", Map.of("/cases/" + caseId, CASE_API));
    expected.put("GET /customers/{customerId}/cases", Map.of("/customers/" + customer + "/cases", CASE_API));
    expected.put("GET /privacy/customers/{customerId}", Map.of("/privacy/customers/" + customer, SUBJECT_ACCESS));
    expected.put("* /error", Map.of("/error", ERROR_PAGE));
    expected.put("GET /actuator", Map.of("/actuator", OPS_ADMIN));
    expected.put("GET /actuator/health", Map.of("/actuator/health", OPEN));
    expected.put("GET /actuator/health/**", Map.of(
        "/actuator/health/readiness", OPEN,
        "/actuator/health/liveness", OPEN,
        "/actuator/health/streams", OPS_DETAILS));
    expected.put("GET /actuator/info", Map.of("/actuator/info", OPS_ADMIN));
    expected.put("GET /actuator/metrics", Map.of("/actuator/metrics", OPS_ADMIN));
    expected.put("GET /actuator/metrics/{requiredMetricName}", Map.of("/actuator/metrics/jvm.threads.live", OPS_ADMIN));
    expected.put("GET /actuator/prometheus", Map.of("/actuator/prometheus", OPEN));

    Set<String> mapped = mappedEndpoints();
    assertThat(expected.keySet()).as("endpoints with expectations, against the application's mappings")
        .containsExactlyInAnyOrderElementsOf(mapped);

    Map<String, int[]> probes = new LinkedHashMap<>();
    expected.values().forEach(probes::putAll);
    probes.put("/no-such-path", NOTHING_THERE);
    // Not a handler mapping but a filter of Spring Security's resource server (RFC 9728, OAuth 2.0
    // protected resource metadata), public by design. Named here so that it is not served unseen.
    probes.put(PROTECTED_RESOURCE_METADATA, PUBLIC);
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, int[]> probe : probes.entrySet()) {
      for (Caller caller : Caller.values()) {
        int status = get(probe.getKey(), caller).statusCode();
        int want = probe.getValue()[caller.ordinal()];
        if (status != want) {
          wrong.add("GET " + probe.getKey() + " as " + caller + ": " + status + ", expected " + want);
        }
      }
    }
    assertThat(wrong).as("answers that differ from the matrix").isEmpty();

    // Health says UP or DOWN to anyone; what it is made of, only to the OPS roles.
    for (Caller caller : List.of(Caller.ANONYMOUS, Caller.AGENT, Caller.LEAD, Caller.DATA_PROTECTION)) {
      assertThat(json(get("/actuator/health", caller)).has("components")).as("health details for %s", caller)
          .isFalse();
    }
    for (Caller caller : List.of(Caller.OPS_VIEWER, Caller.OPS_ADMIN)) {
      assertThat(json(get("/actuator/health", caller)).path("components").has("streams"))
          .as("health details for %s", caller).isTrue();
    }
    // The metadata says where the resource is and how a token is sent, nothing of the processor's data.
    JsonNode metadata = json(get(PROTECTED_RESOURCE_METADATA, Caller.ANONYMOUS));
    List<String> fields = new ArrayList<>();
    metadata.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).as(metadata.toString())
        .containsExactlyInAnyOrder("resource", "bearer_methods_supported", "tls_client_certificate_bound_access_tokens");
    assertThat(metadata.get("resource").asText()).isEqualTo("http://localhost:" + port);
    // A refused token is told so, the way a client library expects it.
    assertThat(get("/cases/" + caseId, Caller.EXPIRED_TOKEN).headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
  }

  /**
   * Method and pattern of every handler the application maps: its controllers, Boot's error page,
   * the actuator's operations; {@code *} for a mapping that takes any method.
   */
  private Set<String> mappedEndpoints() {
    Set<String> endpoints = new TreeSet<>();
    for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
        .values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (String pattern : info.getPatternValues()) {
          if (methods.isEmpty()) {
            endpoints.add("* " + pattern);
          }
          methods.forEach(method -> endpoints.add(method + " " + pattern));
        }
      }
    }
    return endpoints;
  }

  /** A customer with CRM data cancels; the case, once the processor has it, is what the case API is asked for. */
  private String openCase(String customer) {
    String bootstrap = KafkaTestBroker.bootstrapServers();
    TestProducers.sendAll(bootstrap, new StringSerializer(), Topics.RELATIONSHIPS.valueSerde().serializer(),
        List.of(new ProducerRecord<String, CustomerRelationship>(Topics.RELATIONSHIPS.name(), customer,
            Events.customer(customer).build())));
    CancellationEvent cancellation = Events.cancellation(customer, Instant.now()).build();
    TestProducers.sendAll(bootstrap, new StringSerializer(), Topics.CANCELLATIONS.valueSerde().serializer(),
        List.of(new ProducerRecord<String, CancellationEvent>(Topics.CANCELLATIONS.name(), customer, cancellation)));
    JsonNode cases = await("the case of " + customer).atMost(Duration.ofSeconds(60))
        .until(() -> json(get("/customers/" + customer + "/cases", Caller.LEAD)), found -> found.size() == 1);
    return cases.get(0).get("caseId").asText();
  }

  private HttpResponse<String> get(String path, Caller caller) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(15));
    String authorization = AUTHORIZATION.get(caller);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JsonRecords.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }
}
