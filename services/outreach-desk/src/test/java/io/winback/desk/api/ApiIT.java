package io.winback.desk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winback.desk.DeskProperties;
import io.winback.desk.ProcessorProcess;
import io.winback.desk.TestKeys;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.schemas.rules.ChannelConsent;
import io.winback.events.CancellationReason;
import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.WinbackCase;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestProducers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The REST API on a real broker: tasks enter the way the processor publishes them (on
 * outreach.tasks.phone.v1, with the CRM's consent on crm.relationships.v1), outcomes are read back
 * from outreach.feedback.v1.
 */
@KafkaIntegrationTest
// The embedded setup's SMTP sink and demo users.
@ActiveProfiles("embedded")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: a cached desk would keep consuming the shared task topics.
@DirtiesContext
class ApiIT {

  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The processor's keys: its tasks come sealed, and it opens the desk's sealed outcomes. */
  private static final TestKeys KEYS = new TestKeys();

  @DynamicPropertySource
  static void desk(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    registry.add("spring.kafka.consumer.group-id", () -> "desk-api-it-" + UUID.randomUUID());
    PostgresTestServer.get().newDatabase("desk_api").register(registry);
    registry.add("winback.desk.embedded-smtp-port", ProcessorProcess::freePort);
  }

  @LocalServerPort
  int port;

  @Autowired
  WorklistRepository worklist;

  @Autowired
  CustomerRepository customers;

  @Autowired
  DeskProperties properties;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  // ---- security ---------------------------------------------------------------------------

  @Test
  void withoutCredentialsOrWithAWrongPasswordTheApiAnswers401() throws Exception {
    assertThat(send(request("/api/tasks").GET().build()).statusCode()).isEqualTo(401);
    assertThat(send(request("/api/tasks").header("Authorization", basic("agent", "wrong")).GET().build())
        .statusCode()).isEqualTo(401);
    assertThat(send(request("/api/tasks/any/claim").header("Authorization", basic("nobody", "agent"))
        .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(401);
    assertThat(get("agent", "/api/tasks").statusCode()).isEqualTo(200);
  }

  @Test
  void onlyALeadReassigns() throws Exception {
    String taskId = phoneTaskInTheDesk();

    assertThat(post("agent", "/api/tasks/" + taskId + "/reassign", "{\"assignee\":\"jonas\"}").statusCode())
        .isEqualTo(403);

    HttpResponse<String> unknownUser = post("lead", "/api/tasks/" + taskId + "/reassign", "{\"assignee\":\"x\"}");
    assertThat(assertProblem(unknownUser, 400).path("field").asText()).isEqualTo("assignee");
    assertThat(assertProblem(post("lead", "/api/tasks/" + taskId + "/reassign", "{}"), 400).path("field").asText()).isEqualTo("assignee");

    HttpResponse<String> reassigned = post("lead", "/api/tasks/" + taskId + "/reassign", "{\"assignee\":\"jonas\"}");
    assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(200);
    assertThat(json(reassigned).path("claimedBy").asText()).isEqualTo("jonas");

    // Now jonas's task: gone from agent's list, in jonas's, and agent cannot claim it.
    assertThat(taskIds(get("agent", "/api/tasks"))).doesNotContain(taskId);
    assertThat(taskIds(get("jonas", "/api/tasks"))).contains(taskId);
    assertThat(taskIds(get("lead", "/api/tasks"))).contains(taskId);
    assertProblem(post("agent", "/api/tasks/" + taskId + "/claim", ""), 409);
  }

  // ---- validation -------------------------------------------------------------------------

  @Test
  void invalidOutcomesAre400ProblemsNamingTheField() throws Exception {
    String taskId = phoneTaskInTheDesk();
    String outcome = "/api/tasks/" + taskId + "/outcome";

    JsonNode missing = assertProblem(post("agent", outcome, "{\"text\":\"no outcome\"}"), 400);
    assertThat(missing.path("field").asText()).isEqualTo("outcome");
    assertThat(missing.path("instance").asText()).isEqualTo(outcome);

    String tooLong = "x".repeat(properties.maxTextLength() + 1);
    assertThat(assertProblem(post("agent", outcome, "{\"outcome\":\"FEEDBACK_RECEIVED\",\"text\":\"" + tooLong + "\"}"), 400).path("field").asText()).isEqualTo("text");

    JsonNode unknown = assertProblem(post("agent", outcome, "{\"outcome\":\"SOLD_SOMETHING\"}"), 400);
    assertThat(unknown.path("field").asText()).isEqualTo("outcome");
    assertThat(unknown.path("detail").asText()).contains("SOLD_SOMETHING", "FEEDBACK_RECEIVED");

    assertThat(assertProblem(post("agent", outcome, "{\"outcome\":\"FEEDBACK_RECEIVED\",\"category\":\"MOON\"}"), 400).path("field").asText()).isEqualTo("category");

    assertThat(assertProblem(post("agent", outcome, "{\"outcome\":\"MEETING_SCHEDULED\",\"meetingAt\":\"tomorrow\"}"), 400).path("field").asText()).isEqualTo("meetingAt");

    assertThat(assertProblem(post("agent", outcome, "{\"outcome\":\"MEETING_SCHEDULED\"}"), 400).path("field").asText()).isEqualTo("meetingAt");

    assertThat(assertProblem(post("agent", outcome, "{\"outcome\":\"SUPPRESSED\"}"), 400).path("field").asText()).isEqualTo("outcome");

    assertThat(assertProblem(post("agent", outcome, "{\"outcome\": \"FEEDBACK_RECEIVED\""), 400)
        .path("detail").asText()).contains("not valid JSON");

    assertProblem(post("agent", outcome, ""), 400);

    assertThat(assertProblem(get("agent", "/api/tasks?channel=FAX"), 400).path("field").asText()).isEqualTo("channel");

    // Nothing of that was recorded.
    HttpResponse<String> task = get("agent", "/api/tasks/" + taskId);
    assertThat(json(task).path("status").asText()).isEqualTo("OPEN");
    assertThat(json(task).path("outcome").isNull()).isTrue();
  }

  @Test
  void anUnknownTaskOrCaseIs404() throws Exception {
    assertThat(assertProblem(get("agent", "/api/tasks/task-nope"), 404).path("detail").asText()).contains("task-nope");
    assertProblem(post("agent", "/api/tasks/task-nope/claim", ""), 404);
    assertProblem(post("agent", "/api/tasks/task-nope/outcome", "{\"outcome\":\"REACHED\"}"), 404);
    assertProblem(post("lead", "/api/tasks/task-nope/reassign", "{\"assignee\":\"jonas\"}"), 404);
    assertProblem(get("agent", "/api/cases/case-nope/status"), 404);
  }

  // ---- the happy path, read back from Kafka -----------------------------------------------

  @Test
  void aClaimedTasksOutcomeIsPublishedOnTheFeedbackTopic() throws Exception {
    String taskId = phoneTaskInTheDesk();

    HttpResponse<String> listed = get("agent", "/api/tasks?channel=PHONE&status=OPEN");
    assertThat(taskIds(listed)).contains(taskId);
    assertThat(taskIds(get("agent", "/api/tasks?channel=EMAIL"))).isEmpty();

    HttpResponse<String> claimed = post("agent", "/api/tasks/" + taskId + "/claim", "");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
    JsonNode task = json(claimed);
    assertThat(task.path("claimedBy").asText()).isEqualTo("agent");
    assertThat(task.path("status").asText()).isEqualTo("OPEN");
    assertThat(task.path("channel").asText()).isEqualTo("PHONE");
    assertThat(task.path("contact").path("phone").asText()).isEqualTo("+4930123456");
    assertThat(task.path("rationale").get(0).path("ruleId").asText()).isEqualTo("phone.positive-response");
    assertThat(task.path("context").path("effectiveAt").asText()).isEqualTo("2027-03-31");
    assertThat(Instant.parse(task.path("dueAt").asText())).isNotNull();
    assertThat(task.has("sendAttempts")).isFalse();
    assertThat(task.has("lastError")).isFalse();

    // Claiming one's own task again is harmless.
    assertThat(post("agent", "/api/tasks/" + taskId + "/claim", "").statusCode()).isEqualTo(200);

    HttpResponse<String> recorded = post("agent", "/api/tasks/" + taskId + "/outcome",
        "{\"outcome\":\"FEEDBACK_RECEIVED\",\"category\":\"PRICE\",\"text\":\"Zu teuer für mich – danke der Nachfrage\"}");
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
    assertThat(json(recorded).path("status").asText()).isEqualTo("DONE");
    assertThat(json(recorded).path("outcome").asText()).isEqualTo("FEEDBACK_RECEIVED");

    OutreachFeedback feedback = awaitFeedbackFor(taskId).get(0);
    assertThat(feedback.getOutcome()).isEqualTo(Outcome.FEEDBACK_RECEIVED);
    assertThat(feedback.getFeedbackCategory()).isEqualTo(CancellationReason.PRICE);
    assertThat(feedback.getFeedbackText()).isEqualTo("Zu teuer für mich – danke der Nachfrage");
    assertThat(feedback.getRecordedBy()).isEqualTo("agent");
    assertThat(feedback.getChannel()).isEqualTo(Channel.PHONE);
    assertThat(feedback.getFeedbackId()).startsWith("fb-");

    // Finished: a second outcome is a conflict, and nothing more is published.
    assertProblem(post("agent", "/api/tasks/" + taskId + "/outcome", "{\"outcome\":\"WON_BACK\"}"), 409);
    assertThat(feedbackFor(taskId)).hasSize(1);
  }

  @Test
  void aWhatsAppMessageTheCallerSendsCarriesTheCustomersPreferencePageACallDoesNot() throws Exception {
    assertThat(json(get("agent", "/api/tasks/" + phoneTaskInTheDesk())).path("preferenceUrl").isNull()).isTrue();

    String whatsApp = taskInTheDesk(Channel.WHATSAPP, true);
    String url = json(get("agent", "/api/tasks/" + whatsApp)).path("preferenceUrl").asText();

    String path = URI.create(url).getPath();
    assertThat(path).startsWith("/p/");
    HttpResponse<String> page = send(request(path).GET().build());
    assertThat(page.statusCode()).as("the page opens without a login").isEqualTo(200);
    assertThat(page.body()).doesNotContain("Anna", "+4930123456");
  }

  @Test
  void aMeetingIsRecordedWithItsTimeAndPlace() throws Exception {
    String taskId = phoneTaskInTheDesk();
    HttpResponse<String> recorded = post("jonas", "/api/tasks/" + taskId + "/outcome",
        "{\"outcome\":\"MEETING_SCHEDULED\",\"meetingAt\":\"2026-12-01T10:00:00+01:00\",\"meetingPlace\":\"Filiale Mitte\"}");
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
    assertThat(json(recorded).path("claimedBy").asText()).isEqualTo("jonas");

    OutreachFeedback feedback = awaitFeedbackFor(taskId).get(0);
    assertThat(feedback.getOutcome()).isEqualTo(Outcome.MEETING_SCHEDULED);
    assertThat(feedback.getMeetingAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    assertThat(feedback.getMeetingPlace()).isEqualTo("Filiale Mitte");
    assertThat(feedback.getRecordedBy()).isEqualTo("jonas");
  }

  @Test
  void aCustomerWhoOptsOutAfterTheTaskWasCreatedIsNotContactedAndTheTaskIsSuppressedOnce() throws Exception {
    String taskId = phoneTaskInTheDesk(true);
    String customerId = json(get("agent", "/api/tasks/" + taskId)).path("customerId").asText();
    String outcome = "/api/tasks/" + taskId + "/outcome";

    withdrawConsentToCalls(customerId);

    await("task " + taskId + " suppressed").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> json(get("agent", "/api/tasks/" + taskId)).path("status").asText().equals("SUPPRESSED"));
    assertThat(assertProblem(post("agent", outcome, "{\"outcome\":\"REACHED\"}"), 409).path("detail").asText())
        .contains("SUPPRESSED");
    assertProblem(post("agent", outcome, "{\"outcome\":\"REACHED\"}"), 409);
    assertProblem(post("agent", "/api/tasks/" + taskId + "/claim", ""), 409);

    List<OutreachFeedback> feedback = awaitFeedbackFor(taskId);
    assertThat(feedback).extracting(OutreachFeedback::getOutcome).containsExactly(Outcome.SUPPRESSED);
  }

  @Test
  void ofTwoConcurrentClaimsExactlyOneWins() throws Exception {
    String taskId = phoneTaskInTheDesk();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> claims = new ArrayList<>();
      for (String user : List.of("agent", "jonas")) {
        Callable<HttpResponse<String>> claim = () -> {
          start.await();
          return post(user, "/api/tasks/" + taskId + "/claim", "");
        };
        claims.add(pool.submit(claim));
      }
      start.countDown();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> claim : claims) {
        answers.add(claim.get(30, TimeUnit.SECONDS));
      }
      assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
      HttpResponse<String> winner = answers.stream().filter(a -> a.statusCode() == 200).findFirst().orElseThrow();
      HttpResponse<String> loser = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
      String owner = json(winner).path("claimedBy").asText();
      assertThat(owner).isIn("agent", "jonas");
      assertThat(loser.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(json(get("lead", "/api/tasks/" + taskId)).path("claimedBy").asText()).isEqualTo(owner);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theCaseStatusComesFromWinbackCases() throws Exception {
    String caseId = "case-" + UUID.randomUUID();
    WinbackCase state = JsonRecords.fromJson(JSON.readTree("""
        {"caseId":"%s","customerId":"C-x","cancellationEventId":"evt-x","status":"AWAITING_MEETING",
         "statusReason":"meeting on 2026-12-01","openedAt":"2026-11-20T09:15:00Z","updatedAt":"2026-11-21T10:00:00Z"}
        """.formatted(caseId)), WinbackCase.getClassSchema());
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), new StringSerializer(),
        Topics.CASES.valueSerde().serializer(), List.of(new ProducerRecord<>(Topics.CASES.name(), caseId, state)));

    HttpResponse<String> status = await("case " + caseId + " at the desk").atMost(WAIT)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> get("lead", "/api/cases/" + caseId + "/status"), response -> response.statusCode() == 200);
    // An agent knows a case only through a task of it they may see: none here.
    assertProblem(get("agent", "/api/cases/" + caseId + "/status"), 404);
    JsonNode body = json(status);
    assertThat(body.path("caseId").asText()).isEqualTo(caseId);
    assertThat(body.path("status").asText()).isEqualTo("AWAITING_MEETING");
    assertThat(body.path("statusReason").asText()).isEqualTo("meeting on 2026-12-01");
    assertThat(body.path("updatedAt").asText()).isEqualTo("2026-11-21T10:00:00Z");
  }

  // ---- documentation ----------------------------------------------------------------------

  @Test
  void theApiIsDocumentedWithOpenApi() throws Exception {
    HttpResponse<String> docs = send(request("/v3/api-docs").GET().build());
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode api = JSON.readTree(docs.body());
    assertThat(api.path("paths").has("/api/tasks")).isTrue();
    assertThat(api.path("paths").has("/api/tasks/{taskId}")).isTrue();
    assertThat(api.path("paths").has("/api/tasks/{taskId}/claim")).isTrue();
    assertThat(api.path("paths").has("/api/tasks/{taskId}/outcome")).isTrue();
    assertThat(api.path("paths").has("/api/tasks/{taskId}/reassign")).isTrue();
    assertThat(api.path("paths").has("/api/cases/{caseId}/status")).isTrue();
    assertThat(api.path("components").path("securitySchemes").path("basicAuth").path("scheme").asText())
        .isEqualTo("basic");
    JsonNode outcome = api.path("paths").path("/api/tasks/{taskId}/outcome").path("post");
    assertThat(outcome.path("tags").toString()).contains("Tasks");
    assertThat(outcome.path("summary").asText()).isNotBlank();
    assertThat(outcome.path("responses").has("400")).isTrue();
    assertThat(outcome.path("responses").has("409")).isTrue();
    assertThat(outcome.path("responses").has("202")).isTrue(); // recorded, Kafka away: published later
    assertThat(outcome.path("security").toString()).contains("basicAuth");
    assertThat(api.path("components").path("schemas").has("Task")).isTrue();
    assertThat(api.path("components").path("schemas").path("Problem").path("properties").has("field")).isTrue();

    HttpResponse<String> ui = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
        .send(request("/swagger-ui.html").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).containsIgnoringCase("swagger");
  }

  // ---- helpers ----------------------------------------------------------------------------

  /**
   * A fresh customer who consents to calls, and an unassigned phone task for them, published the
   * way the processor does; returns once the desk lists it.
   */
  private String phoneTaskInTheDesk() throws Exception {
    return phoneTaskInTheDesk(true);
  }

  private String phoneTaskInTheDesk(boolean consent) throws Exception {
    return taskInTheDesk(Channel.PHONE, consent);
  }

  /** A call (on the phone topic) or a written task (WHATSAPP, LETTER) as the processor publishes it. */
  private String taskInTheDesk(Channel channel, boolean consent) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String customerId = "C-api-" + suffix;
    String taskId = "task-api-" + suffix;
    if (consent) {
      publishConsent(customerId, true, channel);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    OutreachTask task = JsonRecords.fromJson(JSON.readTree("""
        {"taskId":"%s","caseId":"case-api-%s","customerId":"%s","action":"CREATE","channel":"%s",
         "goal":"FEEDBACK","attempt":1,"dueAt":"%s","language":"de","message":"Gesprächsleitfaden …",
         "contact":{"name":"Anna Schmidt","salutation":"MS","firstName":"Anna","lastName":"Schmidt",
                    "phone":"+4930123456"},
         "rationale":[{"ruleId":"phone.positive-response","reason":"responded well to personal contact"}],
         "policyVersion":"2026-11.1","createdAt":"%s",
         "context":{"product":"Glasfaser 250","reason":"PRICE","effectiveAt":"2027-03-31","tier":"STANDARD"}}
        """.formatted(taskId, suffix, customerId, channel, now.plus(Duration.ofDays(2)), now)),
        OutreachTask.getClassSchema());
    // As the processor writes it: the customer's key on winback.keys.v1, the task's personal fields sealed with it.
    KEYS.publish(KafkaTestBroker.bootstrapServers(), customerId);
    var topic = channel == Channel.PHONE ? Topics.TASKS_PHONE : Topics.TASKS_WRITTEN;
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), new StringSerializer(), topic.valueSerde().serializer(),
        List.of(new ProducerRecord<>(topic.name(), customerId, KEYS.seal(task))));
    await("task " + taskId + " at the desk, opened with its key").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          HttpResponse<String> response = get("agent", "/api/tasks/" + taskId);
          return response.statusCode() == 200 && json(response).path("personalData").asText().equals("OPENED");
        });
    return taskId;
  }

  private void withdrawConsentToCalls(String customerId) throws Exception {
    publishConsent(customerId, false, Channel.PHONE);
  }

  /** The customer's CRM record with consent to this one channel (phone or WhatsApp), or without it. */
  private void publishConsent(String customerId, boolean allowed, Channel channel) throws Exception {
    String field = channel == Channel.WHATSAPP ? "whatsapp" : "phone";
    CustomerRelationship customer = JsonRecords.fromJson(JSON.readTree("""
        {"customerId":"%s","salutation":"MS","firstName":"Anna","lastName":"Schmidt","language":"de",
         "timezone":"Europe/Berlin","phone":"+4930123456","consent":{"%s":%s},"customerSince":"2023-05-01",
         "personalContactResponse":"POSITIVE"}""".formatted(customerId, field, allowed)),
        CustomerRelationship.getClassSchema());
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), new StringSerializer(),
        Topics.RELATIONSHIPS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.RELATIONSHIPS.name(), customerId, customer)));
    await("consent of " + customerId + " at the desk").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> customers.find(customerId)
            .map(known -> ChannelConsent.allows(known.consent(), channel) == allowed).orElse(false));
  }

  /**
   * Every feedback for the task on outreach.feedback.v1 now (reads the whole topic, a few seconds),
   * its free text opened as the processor opens it: on the topic it is sealed.
   */
  private static List<OutreachFeedback> feedbackFor(String taskId) {
    List<OutreachFeedback> onTopic = TestConsumers.readToEnd(KafkaTestBroker.bootstrapServers(), Topics.FEEDBACK.name(),
            new StringDeserializer(), Topics.FEEDBACK.valueSerde().deserializer())
        .stream().map(ConsumerRecord::value).filter(feedback -> taskId.equals(feedback.getTaskId())).toList();
    onTopic.forEach(feedback -> assertThat(feedback.getFeedbackText()).as("free text in the clear").isNull());
    return onTopic.stream().map(KEYS::open).toList();
  }

  private static List<OutreachFeedback> awaitFeedbackFor(String taskId) {
    return await("feedback for " + taskId + " on " + Topics.FEEDBACK.name()).atMost(WAIT)
        .until(() -> feedbackFor(taskId), found -> !found.isEmpty());
  }

  private static List<String> taskIds(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(response.body()).forEach(task -> ids.add(task.path("taskId").asText()));
    return ids;
  }

  /** Asserts an RFC 9457 problem with this status and returns it. */
  private static JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).as("content type of " + response.body())
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotBlank();
    return problem;
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> get(String user, String path) throws Exception {
    return send(request(path).header("Authorization", basic(user, user)).GET().build());
  }

  private HttpResponse<String> post(String user, String path, String body) throws Exception {
    return send(request(path).header("Authorization", basic(user, user)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
