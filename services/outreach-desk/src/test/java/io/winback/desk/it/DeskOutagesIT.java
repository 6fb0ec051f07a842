package io.winback.desk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.cli.broker.LocalBrokerConfig;
import io.winback.cli.broker.LocalBrokerProcess;
import io.winback.events.Channel;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.schemas.topics.TopicProvisioner;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.ServiceJar;
import io.winback.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk through outages that are not bad input: its broker stopped for 30 s while agents record
 * outcomes, and its PostgreSQL killed and started again while tasks arrive. The desk runs as its own
 * JVM against a broker of its own (the CLI's local broker, which can be stopped and started on the
 * same port and data) and a database on the test server.
 */
@Tag("integration")
class DeskOutagesIT {

  private static final Logger log = LoggerFactory.getLogger(DeskOutagesIT.class);
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final Duration BROKER_AWAY = Duration.ofSeconds(30);
  private static final int OUTCOMES = 20;
  private static final int TASKS_THROUGH_RESTART = 200;
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private static LocalBrokerConfig brokerConfig;
  private static LocalBrokerProcess broker;
  private static TestDatabase db;
  private static DeskWorld world;
  private static ServiceJar desk;

  @BeforeAll
  static void startBrokerAndDesk() throws Exception {
    Path dir = Files.createTempDirectory("desk-outages");
    brokerConfig = LocalBrokerConfig.of(dir.resolve("kafka"), ServiceJar.freePortAndNext());
    broker = LocalBrokerProcess.start(brokerConfig).awaitReady(Duration.ofSeconds(90));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicProvisioner.ensureAll(admin);
    }
    world = new DeskWorld(broker.bootstrapServers());
    db = PostgresTestServer.get().newDatabase("outages");
    desk = ServiceJar.of(Path.of("target", "outreach-desk.jar"), "desk-outages-" + RUN)
        .env("SPRING_PROFILES_ACTIVE", "embedded") // demo users and the SMTP sink (no email here)
        .env("SPRING_DATASOURCE_URL", db.jdbcUrl())
        .env("SPRING_DATASOURCE_USERNAME", db.username())
        .env("SPRING_DATASOURCE_PASSWORD", db.password())
        .arg("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers())
        .arg("--winback.desk.embedded-smtp-port=" + ServiceJar.freePort())
        .start()
        .awaitReady(WAIT);
  }

  @AfterAll
  static void stopEverything() {
    if (desk != null) {
      desk.close();
    }
    if (broker != null) {
      broker.stop(Duration.ofSeconds(30));
    }
  }

  @Test
  void outcomesRecordedWhileTheBrokerIsAwayReachTheFeedbackTopicOnceItIsBackEachOnce() throws Exception {
    List<String> customers = IntStream.range(0, OUTCOMES).mapToObj(i -> "C-away-" + RUN + "-" + i).toList();
    world.publishCustomers(customers.stream().map(id -> DeskWorld.customer(id).build()).toList());
    List<OutreachTask> tasks = customers.stream()
        .map(id -> DeskWorld.task("t-away-" + id, id, Channel.PHONE, Instant.now()).build()).toList();
    world.publishSealedTasks(tasks);
    DeskApi api = new DeskApi(desk.port());
    await("the calls at the desk, opened with their keys, their customers' consent known").atMost(WAIT).until(() ->
        tasks.stream().allMatch(task -> {
          HttpResponse<String> response = api.get("/api/tasks/" + task.getTaskId(), "agent");
          return response.statusCode() == 200
              && DeskApi.parse(response.body()).path("personalData").asText().equals("OPENED");
        }) && Sql.rowsIfUp(db, "SELECT customer_id FROM customer", rs -> rs.getString(1)).containsAll(customers));

    broker.stop(Duration.ofSeconds(30));
    Instant away = Instant.now();
    List<String> recorded = new ArrayList<>();
    for (OutreachTask task : tasks) {
      HttpResponse<String> response = api.post("/api/tasks/" + task.getTaskId() + "/outcome", "agent",
          "{\"outcome\":\"FEEDBACK_RECEIVED\",\"category\":\"PRICE\",\"text\":\"Zu teuer.\"}");
      // Recorded, not yet applied: 202, never an error, and the feedbackId is fixed now.
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      JsonNode body = DeskApi.parse(response.body());
      assertThat(body.path("status").asText()).isEqualTo("DONE");
      assertThat(body.path("lastFeedback").path("published").asBoolean()).isFalse();
      recorded.add(body.path("lastFeedback").path("feedbackId").asText());
    }
    log.info("{} outcomes recorded in {} with the broker away", recorded.size(), Duration.between(away, Instant.now()));
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), away.plus(BROKER_AWAY)).toMillis()));
    assertThat(world.feedback()).isEmpty(); // nothing could have gone anywhere

    broker = LocalBrokerProcess.start(brokerConfig).awaitReady(Duration.ofSeconds(90));

    await("the recorded outcomes on " + "outreach.feedback.v1").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
        .until(() -> world.feedback().stream().map(OutreachFeedback::getFeedbackId).collect(Collectors.toSet())
            .containsAll(recorded));
    Map<String, Long> copies = world.feedback().stream()
        .collect(Collectors.groupingBy(OutreachFeedback::getFeedbackId, Collectors.counting()));
    assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(recorded);
    assertThat(copies.values()).containsOnly(1L);
    // Sealed right before publishing, after the outage as before it; the processor opens them with the keys.
    assertThat(world.feedback()).allSatisfy(feedback -> {
      assertThat(feedback.getFeedbackText()).isNull();
      assertThat(world.keys().open(feedback).getFeedbackText()).isEqualTo("Zu teuer.");
    });
    for (OutreachTask task : tasks) {
      await().atMost(WAIT).until(() -> api.json("/api/tasks/" + task.getTaskId(), "agent")
          .path("lastFeedback").path("published").asBoolean());
    }
  }

  @Test
  void tasksArrivingWhilePostgresqlIsKilledAndStartedAgainAreAllKeptAndNoneIsDeadLettered() throws Exception {
    List<OutreachTask> tasks = IntStream.range(0, TASKS_THROUGH_RESTART)
        .mapToObj(i -> DeskWorld.task("t-pg-" + RUN + "-" + i, "C-pg-" + RUN + "-" + i, Channel.PHONE,
            Instant.now()).build()).toList();
    Set<String> taskIds = tasks.stream().map(OutreachTask::getTaskId).collect(Collectors.toSet());
    Thread publisher = new Thread(() -> {
      for (OutreachTask task : tasks) {
        world.publishTasks(List.of(task));
        sleep(40);
      }
    }, "tasks");
    publisher.start();
    await().atMost(WAIT).until(() -> Sql.rowsIfUp(db, "SELECT task_id FROM task WHERE task_id LIKE 't-pg-%'",
        rs -> rs.getString(1)).size() >= TASKS_THROUGH_RESTART / 4);
    PostgresTestServer.get().kill();
    log.info("PostgreSQL killed with tasks still arriving");
    Thread.sleep(5_000);
    PostgresTestServer.get().start();
    publisher.join(WAIT.toMillis());

    await("every task in the database").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
        .until(() -> Sql.rowsIfUp(db, "SELECT task_id FROM task", rs -> rs.getString(1)).containsAll(taskIds));
    assertThat(world.deadLetters()).isEmpty();
    desk.awaitReady(WAIT); // and the desk is serving again
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
