package io.winback.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.monitor.TopicMonitorApplication;
import io.winback.monitor.pipeline.ServiceProbe;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.ServiceJar;
import io.winback.testsupport.TestProducers;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded setup's logins (HTTP basic and the form, its local users) and what each role gets;
 * health for probes without details, everything on the Prometheus scrape. The single sign-on side
 * is {@link AccessMatrixIT} and {@link SingleSignOnBrowserIT}.
 */
class SecurityHealthPrometheusIT extends MonitorItBase {

  @Test
  void healthIsOpenToProbesButItsComponentsAndDetailsAreForOperators() throws Exception {
    HttpResponse<String> health = http().get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode json = Http.JSON.readTree(health.body());
    assertThat(json.path("status").asText()).isEqualTo("UP");
    assertThat(json.has("components")).as("anonymous callers see the status only").isFalse();
    assertThat(http().get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    assertThat(http().get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);

    JsonNode operator = http().json("/actuator/health", OPS);
    assertThat(operator.path("components").path("kafka").path("status").asText()).isEqualTo("UP");
    assertThat(operator.path("components").path("kafka").path("details").has("clusterId")).isTrue();
  }

  @Test
  void theServiceProbeOfThePipelineOverviewStillGetsAnAnswerWithoutCredentials() {
    // What the overview does for every service (the monitor itself among them): an anonymous GET
    // of /actuator/health, here against this secured monitor.
    ServiceProbe probe = new ServiceProbe(Map.of("topic-monitor", "http://localhost:" + port), Duration.ofSeconds(2),
        Clock.systemUTC());

    probe.probeAll();

    assertThat(probe.latest().get("topic-monitor").status()).isEqualTo("UP");
  }

  @Test
  void prometheusExportsRatesLagStatusAndDeadLetters() {
    awaitCatalogue();
    String bootstrap = KafkaTestBroker.bootstrapServers();
    // The phone tasks topic is this test's alone: three records, and a group that read none of them.
    String topic = Topics.TASKS_PHONE.name();
    String group = "prom-it-" + UUID.randomUUID().toString().substring(0, 8);
    TopicPartition partition = new TopicPartition(topic, 0);
    TestProducers.sendAll(bootstrap, new ByteArraySerializer(), new ByteArraySerializer(), List.of(
        new ProducerRecord<>(topic, 0, null, new byte[] {1}),
        new ProducerRecord<>(topic, 0, null, new byte[] {2}),
        new ProducerRecord<>(topic, 0, null, new byte[] {3})));
    commit(bootstrap, group, partition, 0);

    String scrape = await().atMost(Duration.ofSeconds(30)).until(() -> http().get("/actuator/prometheus", null).body(),
        body -> lines(body, "winback_consumer_lag_records{", "group=\"" + group + "\"").stream()
            .anyMatch(line -> line.contains("partition=\"0\"") && line.endsWith(" 3.0")));

    assertThat(lines(scrape, "winback_topic_records_per_second{", "topic=\"" + topic + "\"")).hasSize(1);
    assertThat(lines(scrape, "winback_topic_end_offset{", "topic=\"" + topic + "\"")).hasSize(1);
    assertThat(lines(scrape, "winback_consumer_lag_seconds{", "group=\"" + group + "\"", "topic=\"" + topic + "\""))
        .hasSize(1);
    List<String> statuses = lines(scrape, "winback_consumer_status{", "group=\"" + group + "\"");
    assertThat(statuses).hasSize(5).filteredOn(line -> line.endsWith(" 1.0")).hasSize(1);
    assertThat(lines(scrape, "winback_dlq_depth")).hasSize(1);
    assertThat(lines(scrape, "winback_dlq_records_per_second")).hasSize(1);
    assertThat(lines(scrape, "winback_monitor_kafka_reachable")).singleElement().satisfies(
        line -> assertThat(line).endsWith(" 1.0"));
  }

  @Test
  void theApiTakesTheEmbeddedUsersOverHttpBasicAndTheirRoles() {
    HttpResponse<String> anonymous = http().get("/api/lag", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Basic"));
    assertThat(Http.bearer(port, "not-a-token").get("/api/lag", null).statusCode())
        .as("no token issuer is configured here: a bearer header is no login").isEqualTo(401);

    for (String user : List.of(OPS, ADMIN)) {
      assertThat(http().get("/api/lag", user).statusCode()).isEqualTo(200);
      assertThat(http().get("/api/history", user).statusCode()).isEqualTo(200);
      assertThat(http().get("/api/overview", user).statusCode()).isEqualTo(200);
      assertThat(http().get("/api/cases/needs-attention", user).statusCode()).isEqualTo(200);
      assertThat(http().get("/api/dead-letters", user).statusCode()).isEqualTo(200);
    }
    assertThat(http().get("/api/dead-letters/audit", OPS).statusCode()).as("the audit is OPS_ADMIN's").isEqualTo(403);
    assertThat(http().get("/api/dead-letters/audit", ADMIN).statusCode()).isEqualTo(200);
  }

  @Test
  void actuatorEndpointsBesidesHealthAndTheScrapeAreForAdmins() {
    for (String endpoint : List.of("/actuator", "/actuator/metrics", "/actuator/info")) {
      assertThat(http().get(endpoint, null).statusCode()).as(endpoint).isEqualTo(401);
      assertThat(http().get(endpoint, OPS).statusCode()).as(endpoint).isEqualTo(403);
      assertThat(http().get(endpoint, ADMIN).statusCode()).as(endpoint).isEqualTo(200);
    }
    assertThat(http().get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
  }

  @Test
  void onTheManagementPortTheActuatorIsLockedTheSameWay() {
    // As in Kubernetes (MANAGEMENT_SERVER_PORT=9090): the actuator on a port of its own.
    int management = ServiceJar.freePort();
    try (ConfigurableApplicationContext monitor = new SpringApplicationBuilder(TopicMonitorApplication.class)
        .profiles("embedded").run(
            "--server.port=0",
            "--management.server.port=" + management,
            "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
            "--winback.monitor.create-topics=false")) {
      Http actuator = new Http(management);
      assertThat(actuator.get("/actuator/health", null).statusCode()).isEqualTo(200);
      assertThat(actuator.get("/actuator/health", null).body()).doesNotContain("components");
      assertThat(actuator.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
      assertThat(actuator.get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
      assertThat(actuator.get("/actuator/metrics", null).statusCode()).isEqualTo(401);
      assertThat(actuator.get("/actuator/metrics", OPS).statusCode()).isEqualTo(403);
      assertThat(actuator.get("/actuator/metrics", ADMIN).statusCode()).isEqualTo(200);
      assertThat(actuator.json("/actuator/health", OPS).path("components").has("kafka")).isTrue();
    }
  }

  @Test
  void pagesWantALoginWithAnOperatorsRole() {
    HttpResponse<String> anonymous = browser().get("/");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith("/login"));
    assertThat(browser().get("/live/history").statusCode()).isEqualTo(302);
    assertThat(browser().get("/login").body()).contains("name=\"password\"")
        .as("no single sign-on is configured here").doesNotContain("single sign-on</a>");

    Browser wrongPassword = browser();
    assertThat(wrongPassword.logIn(OPS, "not-the-password").headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).contains("/login?error"));

    awaitCatalogue();
    for (String user : List.of(OPS, ADMIN)) {
      Browser operator = browser();
      operator.logIn(user, user);
      HttpResponse<String> overview = operator.get("/");
      assertThat(overview.statusCode()).isEqualTo(200);
      assertThat(overview.body()).contains("billing", "processor", "tasks", "desk", "feedback", "dead letters",
          user.equals(ADMIN) ? "OPS_ADMIN" : "OPS_VIEWER");
      assertThat(operator.get("/live/pipeline").body()).contains("id=\"pipeline\"").doesNotContain("<html");
      assertThat(operator.get("/topics").body()).contains(Topics.names().toArray(String[]::new));
      assertThat(operator.get("/groups").statusCode()).isEqualTo(200);
      assertThat(operator.get("/live/groups").statusCode()).isEqualTo(200);
      assertThat(operator.get("/live/topics").body()).contains(Topics.CANCELLATIONS.name());
      assertThat(operator.get("/live/history").body()).contains("\"topics\"", Topics.CANCELLATIONS.name());
      assertThat(operator.get("/css/monitor.css").statusCode()).isEqualTo(200);
      assertThat(operator.get("/js/monitor.js").statusCode()).isEqualTo(200);
    }

    // Logout ends the session.
    Browser operator = browser();
    operator.logIn(OPS, OPS);
    HttpResponse<String> out = operator.post("/logout", java.util.Map.of("_csrf", Browser.csrf(operator.get("/").body())));
    assertThat(out.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith("/login?logout"));
    assertThat(operator.get("/").statusCode()).isEqualTo(302);
  }

  private static void commit(String bootstrap, String group, TopicPartition partition, long offset) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
    }
  }

  private static List<String> lines(String scrape, String prefix, String... containing) {
    return scrape.lines()
        .filter(line -> line.startsWith(prefix.endsWith("{") ? prefix : prefix + " ")
            || (!prefix.endsWith("{") && line.startsWith(prefix + "{")))
        .filter(line -> List.of(containing).stream().allMatch(line::contains))
        .toList();
  }
}
