package io.winback.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.cli.Winback;
import io.winback.events.Channel;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.privacy.TaskSeals;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestConsumers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The processor as a Spring Boot service on a real broker, fed through `winback produce`, as
 * `./winback up` runs it: profile embedded, the case API behind HTTP basic with the local users.
 */
@KafkaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("embedded")
// Closed after the class: a cached context would keep its Kafka Streams app running and process
// the other ITs' input too, writing a second set of tasks to the shared topics.
@DirtiesContext
class ChurnProcessorIT {

  @TempDir
  static Path stateDir;

  @LocalServerPort
  int port;

  /** The lead of the embedded setup's local users (application-embedded.yml). */
  private static final String LEAD = TestLogin.basic("lead", "lead");

  private final HttpClient http = HttpClient.newHttpClient();

  private static final String APPLICATION_ID = "churn-it-" + UUID.randomUUID();

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    registry.add("spring.kafka.streams.state-dir", () -> stateDir.toString());
    registry.add("spring.kafka.streams.application-id", () -> APPLICATION_ID);
  }

  @Test
  void aJsonLineGivenToWinbackProduceBecomesATaskAndACaseThatCanBeQueried(@TempDir Path dir) throws Exception {
    awaitReady();
    String customer = "C-" + UUID.randomUUID().toString().substring(0, 8);
    Path relationship = Files.writeString(dir.resolve("crm.jsonl"), ("{\"customerId\":\"%s\",\"salutation\":\"MR\","
        + "\"firstName\":\"Peter\",\"lastName\":\"Brown\",\"language\":\"en\",\"timezone\":\"Europe/London\","
        + "\"email\":\"peter.brown@example.org\",\"consent\":{\"email\":true},\"customerSince\":\"2023-05-01\"}")
        .formatted(customer));
    Path cancellation = Files.writeString(dir.resolve("billing.jsonl"), ("{\"eventId\":\"evt-%s\",\"type\":\"CANCELLED\","
        + "\"customerId\":\"%s\",\"contractId\":\"K-1\",\"product\":\"Fibre 250\",\"occurredAt\":\"2026-11-23T10:00:00Z\","
        + "\"effectiveAt\":\"2027-02-28\",\"reason\":\"COMPETITOR\"}").formatted(customer, customer));
    String bootstrap = "--bootstrap-servers=" + KafkaTestBroker.bootstrapServers();

    assertThat(Winback.run("produce", Topics.RELATIONSHIPS.name(), relationship.toString(), bootstrap)).isZero();
    assertThat(Winback.run("produce", Topics.CANCELLATIONS.name(), cancellation.toString(), bootstrap)).isZero();

    List<ConsumerRecord<String, OutreachTask>> tasks = await().atMost(Duration.ofSeconds(60)).until(
        () -> TestConsumers.readToEnd(KafkaTestBroker.bootstrapServers(), Topics.TASKS_WRITTEN.name(),
                new StringDeserializer(), Topics.TASKS_WRITTEN.valueSerde().deserializer())
            .stream().filter(record -> customer.equals(record.key())).toList(),
        found -> !found.isEmpty());
    OutreachTask sealed = tasks.get(0).value();
    assertThat(tasks).hasSize(1);
    assertThat(sealed.getContact()).as("sealed, not in the clear").isNull();
    // The customer's key was committed with the task: whoever reads the task can read the key.
    OutreachTask task = TaskSeals.open(sealed, Outputs.keyRing()).value();
    assertThat(task.getAction()).isEqualTo(TaskAction.CREATE);
    assertThat(task.getChannel()).isEqualTo(Channel.EMAIL);
    assertThat(task.getSubject()).isEqualTo("Your decision – an open conversation");
    assertThat(task.getMessage()).startsWith("Dear Mr Brown,");
    assertThat(task.getContact().getEmail()).isEqualTo("peter.brown@example.org");

    HttpResponse<String> byId = await().atMost(Duration.ofSeconds(30))
        .until(() -> get("/cases/" + task.getCaseId(), LEAD), response -> response.statusCode() == 200);
    assertThat(JsonRecords.mapper().readTree(byId.body()).get("status").asText()).isEqualTo("OPEN");
    HttpResponse<String> byCustomer = get("/customers/" + customer + "/cases", LEAD);
    assertThat(byCustomer.statusCode()).isEqualTo(200);
    assertThat(JsonRecords.mapper().readTree(byCustomer.body())).hasSize(1);
    assertThat(get("/cases/case-unknown", LEAD).statusCode()).isEqualTo(404);

    String metrics = get("/actuator/prometheus", null).body();
    assertThat(metrics).contains("winback_tasks_total{").contains("channel=\"EMAIL\"")
        .contains("winback_cases_total{").contains("kafka_stream");

    theLocalUsersLogInWithHttpBasic("/cases/" + task.getCaseId());
    theDataProtectionOfficerGetsTheSubjectAccessReport(customer, task.getCaseId());
    theChangelogsAreCompactedWithinTheErasureDeadline();
  }

  /** Streams created the changelogs with the compaction the default 24 h erasure deadline asks for. */
  private void theChangelogsAreCompactedWithinTheErasureDeadline() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        KafkaTestBroker.bootstrapServers()))) {
      for (String store : List.of("cases", "relationships", "customer-keys")) {
        ConfigResource changelog = new ConfigResource(ConfigResource.Type.TOPIC,
            APPLICATION_ID + "-" + store + "-changelog");
        Config config = admin.describeConfigs(List.of(changelog)).all().get().get(changelog);
        assertThat(config.get(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG).value()).as(store).isEqualTo("21600000");
        assertThat(config.get(TopicConfig.SEGMENT_MS_CONFIG).value()).as(store).isEqualTo("21600000");
        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(store).isEqualTo("compact");
      }
    }
  }

  /** `curl -u dpo:dpo .../privacy/customers/C-1`: the report, for the embedded setup's dpo and nobody else. */
  private void theDataProtectionOfficerGetsTheSubjectAccessReport(String customer, String caseId) throws Exception {
    String path = "/privacy/customers/" + customer;
    HttpResponse<String> report = get(path, TestLogin.basic("dpo", "dpo"));
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    JsonNode json = JsonRecords.mapper().readTree(report.body());
    assertThat(json.get("customerId").asText()).isEqualTo(customer);
    Map<String, JsonNode> parts = new HashMap<>();
    json.get("parts").forEach(part -> parts.put(part.get("store").asText(), part.get("value")));
    assertThat(parts.get("relationships").get("lastName").asText()).isEqualTo("Brown");
    assertThat(parts.get("customer-keys").get("keyExists").asBoolean()).isTrue();
    assertThat(parts.get("cases").get(0).get("case").get("caseId").asText()).isEqualTo(caseId);
    assertThat(get(path, LEAD).statusCode()).as("the case API's users do not get it").isEqualTo(403);
    assertThat(get("/customers/" + customer + "/cases", TestLogin.basic("dpo", "dpo")).statusCode())
        .as("nor does the dpo get the case API").isEqualTo(403);
  }

  /** `curl -u lead:lead ...` works on the embedded setup; nobody else gets in, and the probes need no login. */
  private void theLocalUsersLogInWithHttpBasic(String casePath) throws Exception {
    HttpResponse<String> anonymous = get(casePath, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"Winback churn processor\"");
    assertThat(anonymous.body()).doesNotContain("OPEN");
    assertThat(get(casePath, TestLogin.basic("lead", "wrong")).statusCode()).isEqualTo(401);
    assertThat(get(casePath, TestLogin.basic("agent", "agent")).statusCode()).as("no local user agent here")
        .isEqualTo(401);
    assertThat(get(casePath, TestLogin.basic("ops", "ops")).statusCode()).isEqualTo(200);
    assertThat(get(casePath, TestLogin.basic("opsadmin", "opsadmin")).statusCode()).isEqualTo(200);

    HttpResponse<String> health = get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JsonRecords.mapper().readTree(health.body()).has("components")).as(health.body()).isFalse();
    HttpResponse<String> healthForOps = get("/actuator/health", TestLogin.basic("ops", "ops"));
    assertThat(JsonRecords.mapper().readTree(healthForOps.body()).get("components").has("streams"))
        .as(healthForOps.body()).isTrue();
    assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/metrics", TestLogin.basic("ops", "ops")).statusCode()).isEqualTo(403);
    assertThat(get("/actuator/metrics", TestLogin.basic("opsadmin", "opsadmin")).statusCode()).isEqualTo(200);
  }

  /** Readiness as `./winback up` waits for it: without credentials. */
  private void awaitReady() {
    await().atMost(Duration.ofSeconds(90)).until(() -> get("/actuator/health/readiness", null).statusCode() == 200);
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
