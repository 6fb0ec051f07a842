package io.winback.desk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.schemas.topics.TopicProvisioner;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.ServiceJar;
import io.winback.testsupport.TestDatabase;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two desk replicas as production runs them: each its own JVM (the desk's jar), one PostgreSQL
 * database, one broker, one SMTP server (GreenMail). Every email goes out once although both send,
 * also when one replica is killed with SIGKILL in the middle; of two claims on different replicas
 * exactly one wins; a session started on one replica is good on the other; and a replica started
 * on a new, empty machine directory (a rescheduled pod) has every open task and sends nothing twice.
 */
@KafkaIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeskReplicasIT {

  private static final Logger log = LoggerFactory.getLogger(DeskReplicasIT.class);
  private static final int EMAILS = 200;
  private static final int KILL_AFTER = 60;
  private static final int CLAIM_PAIRS = 50;
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private static GreenMail smtp;
  private static TestDatabase db;
  private static DeskWorld world;
  private static ServiceJar deskA;
  private static ServiceJar deskB;
  private static ServiceJar deskC;
  private static final List<String> phoneTasks = new ArrayList<>();

  @BeforeAll
  static void startTwoReplicas() throws Exception {
    String bootstrap = KafkaTestBroker.bootstrapServers();
    try (Admin admin = KafkaTestBroker.get().admin()) {
      TopicProvisioner.ensureAll(admin); // the catalogue's layout, before two JVMs race to create it
    }
    world = new DeskWorld(bootstrap);
    smtp = new GreenMail(new ServerSetup(ServiceJar.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    db = PostgresTestServer.get().newDatabase("replicas");
    String group = "desk-replicas-" + RUN;
    deskA = desk("desk-a", group).start();
    deskB = desk("desk-b", group).start();
    deskA.awaitReady(WAIT);
    deskB.awaitReady(WAIT);
  }

  @AfterAll
  static void stopEverything() {
    for (ServiceJar desk : Arrays.asList(deskA, deskB, deskC)) {
      if (desk != null) {
        desk.close();
      }
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  @Order(1)
  void everyEmailGoesOutOnceAndTheSurvivorFinishesAfterAReplicaIsKilled() throws Exception {
    List<String> customers = IntStream.range(0, EMAILS).mapToObj(i -> "C-rep-" + RUN + "-" + i).toList();
    world.publishCustomers(customers.stream().map(id -> DeskWorld.customer(id).build()).toList());
    awaitCustomersAtTheDesk(customers);
    List<OutreachTask> tasks = customers.stream()
        .map(id -> DeskWorld.task("t-mail-" + id, id, Channel.EMAIL, Instant.now()).build()).toList();
    Set<String> taskIds = tasks.stream().map(OutreachTask::getTaskId).collect(Collectors.toSet());
    world.publishTasks(tasks);

    await("the first " + KILL_AFTER + " mails").atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> mailsFor(taskIds).size() >= KILL_AFTER);
    deskA.kill();
    int atKill = mailsFor(taskIds).size();
    log.info("desk-a killed with SIGKILL after {} of {} mails", atKill, EMAILS);

    await("a mail for every task").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> distinctTasks(mailsFor(taskIds)).size() == EMAILS);
    Thread.sleep(3_000); // several more send rounds of the survivor: nothing more may come

    Map<String, Long> copies = mailsFor(taskIds).stream().collect(Collectors.groupingBy(m -> m, Collectors.counting()));
    // The shared broker also carries other tests' tasks, which these replicas send too: only ours count.
    String ours = "task_id LIKE 't-mail-C-rep-" + RUN + "-%'";
    Set<String> resentInDoubt = Sql.rows(db, "SELECT task_id FROM sent_email WHERE resent_in_doubt AND " + ours,
        rs -> rs.getString(1));
    // One mail per task. A second copy only for a task whose sending was cut off by the kill
    // (the documented crash window), with the same Message-ID, and recorded as such.
    assertThat(copies.keySet()).hasSize(EMAILS);
    // (Sent again does not mean received twice: the kill may have cut the first attempt short.)
    copies.forEach((messageId, count) -> assertThat(count).as("copies of %s", messageId)
        .isBetween(1L, resentInDoubt.contains(taskOf(messageId)) ? 2L : 1L));
    assertThat(resentInDoubt).hasSizeLessThanOrEqualTo(1);
    Map<String, Long> sentBy = Sql.rows(db,
        "SELECT sent_by, COUNT(*) FROM sent_email WHERE " + ours + " GROUP BY sent_by",
        rs -> Map.entry(rs.getString(1), rs.getLong(2))).stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    log.info("mails sent by replica: {}, sent again after the kill: {}", sentBy, resentInDoubt);
    assertThat(sentBy).containsOnlyKeys("desk-a", "desk-b"); // both replicas sent
    assertThat(sentBy.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(EMAILS);

    // Each task's SENT reached the processor's topic; a repeat carries the same feedbackId.
    Set<String> sentFeedback = world.feedback().stream()
        .filter(feedback -> taskIds.contains(feedback.getTaskId()))
        .map(OutreachFeedback::getFeedbackId).collect(Collectors.toSet());
    assertThat(sentFeedback).isEqualTo(taskIds.stream().map(id -> "fb-sent-" + id).collect(Collectors.toSet()));
  }

  @Test
  @Order(2)
  void ofTwoClaimsOnDifferentReplicasExactlyOneWins() throws Exception {
    deskA.start(); // back after the kill, as an orchestrator would restart it
    deskA.awaitReady(WAIT);
    List<String> customers = IntStream.range(0, CLAIM_PAIRS).mapToObj(i -> "C-claim-" + RUN + "-" + i).toList();
    world.publishCustomers(customers.stream().map(id -> DeskWorld.customer(id).build()).toList());
    awaitCustomersAtTheDesk(customers);
    List<OutreachTask> tasks = customers.stream()
        .map(id -> DeskWorld.task("t-call-" + id, id, Channel.PHONE, Instant.now()).build()).toList();
    world.publishTasks(tasks);
    tasks.forEach(task -> phoneTasks.add(task.getTaskId()));
    DeskApi onA = new DeskApi(deskA.port());
    DeskApi onB = new DeskApi(deskB.port());
    await("every phone task at both replicas").atMost(WAIT).until(() ->
        phoneTasks.stream().allMatch(id -> onA.get("/api/tasks/" + id, "lead").statusCode() == 200
            && onB.get("/api/tasks/" + id, "lead").statusCode() == 200));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (String taskId : phoneTasks) {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> agent = CompletableFuture.supplyAsync(() -> {
          awaitQuietly(go);
          return onA.post("/api/tasks/" + taskId + "/claim", "agent", "");
        }, pool);
        CompletableFuture<HttpResponse<String>> jonas = CompletableFuture.supplyAsync(() -> {
          awaitQuietly(go);
          return onB.post("/api/tasks/" + taskId + "/claim", "jonas", "");
        }, pool);
        go.countDown();
        List<Integer> statuses = List.of(agent.get().statusCode(), jonas.get().statusCode());
        assertThat(statuses).as("claims of %s", taskId).containsExactlyInAnyOrder(200, 409);
        String winner = agent.get().statusCode() == 200 ? "agent" : "jonas";
        // Both replicas tell the same story.
        assertThat(onA.json("/api/tasks/" + taskId, "lead").path("claimedBy").asText()).isEqualTo(winner);
        assertThat(onB.json("/api/tasks/" + taskId, "lead").path("claimedBy").asText()).isEqualTo(winner);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(3)
  void aSessionStartedOnOneReplicaIsGoodOnTheOther() {
    DeskApi.Session session = new DeskApi.Session();
    assertThat(session.logIn(deskA.port(), "lead", "lead").statusCode()).isEqualTo(302);
    HttpResponse<String> worklist = session.get(deskB.port(), "/worklist?status=ALL&lang=en");
    assertThat(worklist.statusCode()).isEqualTo(200);
    assertThat(worklist.body()).contains("id=\"worklist\"").contains(phoneTasks.get(0));
  }

  @Test
  @Order(4)
  void aReplicaOnANewEmptyMachineDirectoryHasEveryOpenTaskAndSendsNothingTwice() throws Exception {
    int mailsBefore = smtp.getReceivedMessages().length;
    deskA.close();
    deskC = desk("desk-c", "desk-replicas-" + RUN).start();
    deskC.awaitReady(WAIT);
    DeskApi onC = new DeskApi(deskC.port());
    DeskApi onB = new DeskApi(deskB.port());
    Set<String> openOnC = taskIds(onC.json("/api/tasks?status=OPEN&channel=PHONE", "lead"));
    assertThat(openOnC).containsAll(phoneTasks);
    assertThat(openOnC).isEqualTo(taskIds(onB.json("/api/tasks?status=OPEN&channel=PHONE", "lead")));
    Thread.sleep(3_000); // the new replica's send rounds
    assertThat(smtp.getReceivedMessages()).hasSize(mailsBefore);
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** A desk replica: the jar, the shared database and group, GreenMail, and a data directory of its own. */
  private static ServiceJar desk(String name, String group) throws Exception {
    Path machine = Files.createTempDirectory(name + "-machine");
    return ServiceJar.of(Path.of("target", "outreach-desk.jar"), name + "-" + RUN)
        .env("SPRING_PROFILES_ACTIVE", "embedded") // its demo users; the SMTP sink stays off with spring.mail.host
        .env("SPRING_DATASOURCE_URL", db.jdbcUrl())
        .env("SPRING_DATASOURCE_USERNAME", db.username())
        .env("SPRING_DATASOURCE_PASSWORD", db.password())
        .env("WINBACK_DATA_DIR", machine.toString())
        .jvmArg("-Djava.io.tmpdir=" + machine)
        .arg("--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers())
        .arg("--spring.kafka.consumer.group-id=" + group)
        // A killed member leaves the group after its session: shorter than the default 45 s.
        .arg("--spring.kafka.consumer.properties.session.timeout.ms=10000")
        .arg("--spring.mail.host=127.0.0.1")
        .arg("--spring.mail.port=" + smtp.getSmtp().getPort())
        .arg("--winback.policy.quiet-hours-start=00:00")
        .arg("--winback.policy.quiet-hours-end=00:00")
        .arg("--winback.desk.send-interval=200ms")
        .arg("--winback.desk.instance-id=" + name);
  }

  private static void awaitCustomersAtTheDesk(List<String> customers) {
    await("the CRM records at the desk").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
        Sql.rows(db, "SELECT customer_id FROM customer", rs -> rs.getString(1)).containsAll(customers));
  }

  /** The Message-IDs of every received mail of these tasks, one entry per copy. */
  private static List<String> mailsFor(Set<String> taskIds) {
    List<String> ids = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        String messageId = message.getMessageID();
        if (taskIds.contains(taskOf(messageId))) {
          ids.add(messageId);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return ids;
  }

  private static Set<String> distinctTasks(List<String> messageIds) {
    return messageIds.stream().map(DeskReplicasIT::taskOf).collect(Collectors.toSet());
  }

  /** {@code <taskId@winback.local>} to taskId. */
  private static String taskOf(String messageId) {
    return messageId == null ? "" : messageId.replaceAll("^<|@winback\\.local>$", "");
  }

  private static Set<String> taskIds(com.fasterxml.jackson.databind.JsonNode list) {
    Set<String> ids = new HashSet<>();
    list.forEach(task -> ids.add(task.path("taskId").asText()));
    return ids;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
