package io.winback.desk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.winback.desk.consent.ConsentVerdict;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.Channel;
import io.winback.events.Consent;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.schemas.rules.QuietHours;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.ServiceJar;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The desk's own last check before any contact, on a real broker, database and SMTP server: a
 * consent withdrawal that arrives after the task and before its send, a task whose customer the
 * CRM never knew, a task for a customer the CRM erased, and a mail due in the customer's night.
 */
@KafkaIntegrationTest
// The embedded setup's local users; its SMTP sink stays off, spring.mail.host names GreenMail.
@ActiveProfiles("embedded")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
// Closed after the class: a cached desk would keep consuming the shared topics and sending.
@DirtiesContext
class ContactRulesIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final int SMTP_PORT = ServiceJar.freePort();

  private static GreenMail smtp;
  private final DeskWorld world = new DeskWorld(KafkaTestBroker.bootstrapServers());

  @Autowired
  WorklistRepository worklist;

  @BeforeAll
  static void startSmtp() {
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @DynamicPropertySource
  static void desk(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.consumer.group-id", () -> "desk-rules-it-" + RUN);
    PostgresTestServer.get().newDatabase("desk_rules").register(registry);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("winback.desk.send-interval", () -> "300ms");
    // Shortened from 15 minutes: how long a task waits for its customer's CRM data.
    registry.add("winback.desk.consent-wait", () -> "4s");
    registry.add("winback.desk.consent-sweep-interval", () -> "1s");
  }

  @Test
  void aConsentWithdrawalAfterTheTaskAndBeforeItsSendMeansNoMailAndASuppressedTask() {
    String customerId = "C-withdraws-" + RUN;
    world.publishCustomers(List.of(DeskWorld.customer(customerId).setTimezone(dayZone()).build()));
    OutreachTask task = DeskWorld.task("t-withdraws-" + RUN, customerId, Channel.EMAIL,
        Instant.now().plusSeconds(8)).build();
    world.publishTasks(List.of(task));
    await("the task at the desk").atMost(WAIT).until(() -> worklist.find(task.getTaskId()).isPresent());

    world.publishCustomers(List.of(DeskWorld.customer(customerId).setTimezone(dayZone())
        .setConsent(Consent.newBuilder().setEmail(false).setPhone(true).build()).build()));

    WorklistItem suppressed = awaitStatus(task.getTaskId(), TaskStatus.SUPPRESSED);
    assertThat(suppressed.statusReason()).isEqualTo(ConsentVerdict.noConsentFor(Channel.EMAIL));
    OutreachFeedback feedback = awaitFeedback(task.getTaskId());
    assertThat(feedback.getOutcome()).isEqualTo(Outcome.SUPPRESSED);
    assertThat(feedback.getFeedbackId()).isEqualTo("fb-suppressed-" + task.getTaskId());
    assertThat(feedback.getReason()).isEqualTo("no consent for EMAIL");
    await("past the due time").atMost(WAIT).until(() -> Instant.now().isAfter(task.getDueAt().plusSeconds(3)));
    assertThat(mailsTo(task.getTaskId())).isEmpty();
  }

  @Test
  void aTaskWhoseCustomerTheCrmNeverKnewIsSuppressedForLackOfConsentData() {
    OutreachTask email = DeskWorld.task("t-unknown-mail-" + RUN, "C-unknown-a-" + RUN, Channel.EMAIL, Instant.now())
        .build();
    OutreachTask call = DeskWorld.task("t-unknown-call-" + RUN, "C-unknown-b-" + RUN, Channel.PHONE, Instant.now())
        .build();
    world.publishTasks(List.of(email, call));

    for (OutreachTask task : List.of(email, call)) {
      assertThat(awaitStatus(task.getTaskId(), TaskStatus.SUPPRESSED).statusReason())
          .isEqualTo(ConsentVerdict.NO_CONSENT_DATA);
      assertThat(awaitFeedback(task.getTaskId()).getReason()).isEqualTo("no consent data");
    }
    assertThat(mailsTo(email.getTaskId())).isEmpty();
  }

  @Test
  void aTaskForAnErasedCustomerIsNotExecutedAndItsPersonalDataIsNotStored() {
    String customerId = "C-erased-" + RUN;
    world.publishCustomers(List.of(DeskWorld.customer(customerId).build()));
    world.eraseCustomer(customerId);
    await("the erasure at the desk").atMost(WAIT).until(() -> worklist.openTasksOf(customerId).isEmpty()
        && erased(customerId));
    OutreachTask task = DeskWorld.task("t-erased-" + RUN, customerId, Channel.EMAIL, Instant.now()).build();
    world.publishTasks(List.of(task));

    WorklistItem stored = awaitStatus(task.getTaskId(), TaskStatus.SUPPRESSED);
    assertThat(stored.statusReason()).isEqualTo(ConsentVerdict.ERASED);
    assertThat(stored.contact()).isNull();
    assertThat(stored.message()).isEmpty();
    assertThat(stored.subject()).isNull();
    // The case's facts stay (product, reason, dates: no personal data); the customer's own words go.
    assertThat(stored.context().path("reasonText").isMissingNode() || stored.context().path("reasonText").isNull())
        .isTrue();
    assertThat(stored.sealed()).isFalse();
    assertThat(awaitFeedback(task.getTaskId()).getReason()).isEqualTo(ConsentVerdict.ERASED);
    assertThat(mailsTo(task.getTaskId())).isEmpty();
  }

  @Test
  void aMailDueInTheCustomersNightWaitsForTheirMorning() throws Exception {
    String customerId = "C-night-" + RUN;
    ZoneId night = nightZone();
    world.publishCustomers(List.of(DeskWorld.customer(customerId).setTimezone(night.getId()).build()));
    OutreachTask task = DeskWorld.task("t-night-" + RUN, customerId, Channel.EMAIL, Instant.now()).build();
    world.publishTasks(List.of(task));

    ZonedDateTime morning = QuietHours.defaults().earliestAllowedFrom(ZonedDateTime.now(night));
    await("the send moved to the morning").atMost(WAIT).until(() -> worklist.find(task.getTaskId())
        .map(item -> item.status() == TaskStatus.OPEN).orElse(false) && nextSend(task.getTaskId())
        .map(at -> !at.isBefore(morning.toInstant().minusSeconds(60))).orElse(false));
    Thread.sleep(2_000); // more send rounds
    assertThat(worklist.find(task.getTaskId()).orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
    assertThat(mailsTo(task.getTaskId())).isEmpty();
  }

  // ---- helpers --------------------------------------------------------------------------------

  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient db;

  private Optional<Instant> nextSend(String taskId) {
    return db.sql("SELECT next_send_at FROM task WHERE task_id = :id").param("id", taskId)
        .query((rs, n) -> io.winback.desk.db.Timestamps.read(rs, "next_send_at")).optional();
  }

  private boolean erased(String customerId) {
    return db.sql("SELECT COUNT(*) FROM customer WHERE customer_id = :id AND erased").param("id", customerId)
        .query(Integer.class).single() == 1;
  }

  private WorklistItem awaitStatus(String taskId, TaskStatus status) {
    return await(taskId + " " + status).atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> worklist.find(taskId).orElse(null), item -> item != null && item.status() == status);
  }

  private OutreachFeedback awaitFeedback(String taskId) {
    return await("feedback of " + taskId).atMost(WAIT).until(() -> world.feedback().stream()
        .filter(feedback -> taskId.equals(feedback.getTaskId())).toList(), found -> !found.isEmpty()).get(0);
  }

  private static List<MimeMessage> mailsTo(String taskId) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
      try {
        return ("<" + taskId + "@winback.local>").equals(message.getMessageID());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** A zone in which it is a weekday between 10:00 and 18:00 now: no quiet hours in the test's minute. */
  private static String dayZone() {
    return zoneWhere(hour -> hour >= 10 && hour < 18).getId();
  }

  /** A zone in which it is a weekday night (22:00 to 05:59): quiet hours now. */
  private static ZoneId nightZone() {
    return zoneWhere(hour -> hour >= 22 || hour < 6);
  }

  private static ZoneId zoneWhere(java.util.function.IntPredicate hour) {
    Instant now = Instant.now();
    return IntStream.rangeClosed(-12, 14).mapToObj(offset -> ZoneId.of(offset == 0 ? "UTC"
            : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset))) // Etc/GMT-2 is UTC+2
        .filter(zone -> {
          ZonedDateTime local = now.atZone(zone);
          return hour.test(local.getHour()) && local.getDayOfWeek() != DayOfWeek.SUNDAY
              && local.plusHours(1).getDayOfWeek() != DayOfWeek.SUNDAY;
        })
        .findFirst().orElseThrow(() -> new IllegalStateException("no such zone now"));
  }
}
