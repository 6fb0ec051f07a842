package io.winback.desk.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.winback.desk.DatabaseText;
import io.winback.desk.DeskProperties;
import io.winback.desk.TestKeys;
import io.winback.desk.cases.CaseStatusRepository;
import io.winback.desk.consent.ConsentCheck;
import io.winback.desk.consent.CrmFeed;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.db.Timestamps;
import io.winback.desk.mail.EmailAttempts;
import io.winback.desk.mail.SentEmail;
import io.winback.desk.mail.SentEmailRepository;
import io.winback.desk.metrics.DeskMetrics;
import io.winback.desk.outbox.FeedbackOutbox;
import io.winback.desk.people.People;
import io.winback.desk.preferences.PreferenceAudit;
import io.winback.desk.preferences.RateLimiter;
import io.winback.desk.reports.ReportReadModel;
import io.winback.desk.tasks.OutcomeCommand;
import io.winback.desk.tasks.Outcomes;
import io.winback.desk.tasks.Suppression;
import io.winback.desk.web.TestTasks;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.CancellationReason;
import io.winback.events.CaseContext;
import io.winback.events.CaseStatus;
import io.winback.events.Channel;
import io.winback.events.Contact;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.PostalAddress;
import io.winback.events.WinbackCase;
import io.winback.schemas.privacy.FeedbackSeals;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.topics.Topics;
import io.winback.security.WinbackSecurity;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.TestDatabase;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderValidatorAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure, retention and the subject access report on the desk's real schema (PostgreSQL, Flyway's
 * migrations): every row of an erased customer loses its personal data, to the last byte of a full
 * dump; expired rows go in bounded batches and young ones stay; the report lists what there is.
 */
@SpringBootTest(classes = PrivacyDatabaseTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "winback.privacy.retention-batch=2")
@ActiveProfiles("embedded")
class PrivacyDatabaseTest {

  static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");
  private static final TestDatabase DB = PostgresTestServer.get().newDatabase("desk_privacy");

  /** The desk's repositories and rules on the database, without Kafka, mail or the web. */
  @Configuration
  @EnableAutoConfiguration(exclude = {KafkaAutoConfiguration.class, KafkaMetricsAutoConfiguration.class,
      MailSenderAutoConfiguration.class, MailSenderValidatorAutoConfiguration.class,
      MailHealthContributorAutoConfiguration.class})
  @EnableConfigurationProperties({DeskProperties.class, DeskRetention.class})
  @Import({WinbackSecurity.class, WorklistRepository.class, CustomerRepository.class, CrmFeed.class,
      ConsentCheck.class, SentEmailRepository.class, EmailAttempts.class, FeedbackOutbox.class,
      CaseStatusRepository.class, People.class, Outcomes.class, Suppression.class, DeskMetrics.class,
      CustomerKeys.class, TaskOpener.class, KeyRingHealthIndicator.class, Retention.class, SubjectAccess.class,
      PreferenceAudit.class, RateLimiter.class, ReportReadModel.class})
  static class Slice {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    KeyRing keyRing() {
      return new KeyRing();
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Autowired
  JdbcClient db;

  @Autowired
  WorklistRepository worklist;

  @Autowired
  SentEmailRepository sentEmails;

  @Autowired
  EmailAttempts attempts;

  @Autowired
  CaseStatusRepository cases;

  @Autowired
  Outcomes outcomes;

  @Autowired
  Suppression suppression;

  @Autowired
  Retention retention;

  @Autowired
  ReportReadModel reports;

  @Autowired
  SubjectAccess subjectAccess;

  @Autowired
  KeyRing ring;

  @Autowired
  MeterRegistry meters;

  @Autowired
  PlatformTransactionManager transactions;

  private final TestKeys processor = new TestKeys();

  // ---- erasure --------------------------------------------------------------------------------

  @Test
  void anErasedCustomerKeepsIdsStatusesAndDatesInEveryTableAndNoByteOfPersonalData() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Fixture anna = new Fixture(run);
    String customerId = "C-erase-" + run;
    ring.apply(customerId, TestKeys.record(customerId, processor.keyOf(customerId)));
    saveConsent(customerId);

    OutreachTask email = anna.task("t-mail-" + run, customerId, Channel.EMAIL);
    OutreachTask call = anna.task("t-call-" + run, customerId, Channel.PHONE);
    worklist.addTask(processor.seal(email), 0, NOW); // as the processor writes it now
    worklist.addTask(call, 0, NOW); // as an older processor wrote it: in the clear
    assertThat(DatabaseText.of(connection()).find(List.of(anna.name, anna.email))).containsExactly(anna.name,
        anna.email); // only the older task's columns: the sealed one is not readable in the database
    sentEmails.record(new SentEmail(email.getTaskId(), "<" + email.getTaskId() + "@winback.local>",
        SentEmailRepository.SEALED, null, "de", NOW, "desk-1", false));
    sentEmails.record(new SentEmail(call.getTaskId(), "<" + call.getTaskId() + "@winback.local>", anna.email,
        anna.subject, "de", NOW, "desk-1", false));
    worklist.markRetry(call.getTaskId(), NOW.plusSeconds(60), "550 no mailbox " + anna.email, NOW);
    attempts.begin(email.getTaskId(), "desk-1", 0, NOW);
    cases.save(caseState(email.getCaseId(), customerId));
    reports.taskCreated(email, NOW);
    reports.caseChanged(caseState(email.getCaseId(), customerId), NOW);
    inTransaction(() -> outcomes.record(worklist.find(call.getTaskId()).orElseThrow(),
        new OutcomeCommand(Outcome.MEETING_SCHEDULED, null, anna.said, NOW.plus(Duration.ofDays(3)), anna.place),
        "agent"));
    OutreachFeedback published = inTransaction(() -> outcomes.record(worklist.find(email.getTaskId()).orElseThrow(),
        new OutcomeCommand(Outcome.FEEDBACK_RECEIVED, CancellationReason.PRICE, anna.said, null, null), "agent"));
    publishedSealed(published); // as the relay leaves a published outcome

    SubjectAccessReport before = subjectAccess.report(customerId);
    assertThat(before.key()).isEqualTo("KNOWN");
    assertThat(before.erased()).isFalse();
    assertThat(before.parts()).extracting(SubjectAccessReport.Part::table).containsExactly("customer", "task",
        "sent_email", "email_attempt", "feedback_outbox", "case_status", "preference_action", "report_case");
    // Oldest first, then by id: the call (an older processor's, in the clear), then the sealed email, opened.
    assertThat(rows(before, "task")).extracting(row -> row.get("personalData")).containsExactly("PLAIN", "OPENED");
    assertThat(rows(before, "task").get(1).toString()).contains(anna.name, anna.email, anna.street, anna.reason,
        anna.subject);
    assertThat(rows(before, "sent_email")).extracting(row -> row.get("recipient")).containsOnly(anna.email);
    assertThat(rows(before, "feedback_outbox")).extracting(row -> row.get("feedbackText")).containsOnly(anna.said);
    assertThat(rows(before, "feedback_outbox")).extracting(row -> row.get("personalData"))
        .containsExactly("PLAIN", "OPENED");
    assertThat(rows(before, "email_attempt")).hasSize(1);
    assertThat(rows(before, "case_status")).hasSize(1);

    ring.apply(customerId, TestKeys.erasedRecord(customerId));
    suppression.customerErased(customerId, "test");

    DatabaseText dump = DatabaseText.of(connection());
    assertThat(dump.tables()).isGreaterThanOrEqualTo(10);
    assertThat(dump.find(anna.strings())).as("personal data left in the database").isEmpty();
    // What stays: the rows, their ids, statuses, outcomes, channels and dates.
    assertThat(worklist.tasksOf(customerId)).extracting(task -> task.status().name())
        .containsExactlyInAnyOrder("SUPPRESSED", "SUPPRESSED");
    assertThat(db.sql("SELECT COUNT(*) FROM feedback_outbox WHERE customer_id = :id").param("id", customerId)
        .query(Integer.class).single()).isEqualTo(4); // the two outcomes and the two suppressions
    assertThat(db.sql("SELECT COUNT(*) FROM sent_email").query(Integer.class).single()).isGreaterThanOrEqualTo(2);
    assertThat(cases.find(email.getCaseId())).isPresent();
    // The reports' rows hold nothing personal: they stay as they were, ids, statuses, channels, dates and codes.
    assertThat(db.sql("SELECT case_id, status, first_channel, tier, cancellation_reason, opened_at IS NOT NULL "
        + "FROM report_case WHERE customer_id = :id").param("id", customerId).query().listOfRows())
        .singleElement().satisfies(row -> assertThat(row.values()).containsExactly(email.getCaseId(), "OPEN", null,
            "PREMIUM", "PRICE", true));
    assertThat(db.sql("SELECT channel FROM report_task WHERE case_id = :id").param("id", email.getCaseId())
        .query(String.class).list()).containsExactly("EMAIL");

    SubjectAccessReport after = subjectAccess.report(customerId);
    assertThat(after.erased()).isTrue();
    assertThat(after.key()).isEqualTo("ERASED");
    assertThat(anna.strings()).allSatisfy(personal -> assertThat(after.toString()).doesNotContain(personal));
    assertThat(rows(after, "task")).extracting(row -> row.get("taskId"))
        .containsExactly(call.getTaskId(), email.getTaskId());
    assertThat(rows(after, "task")).extracting(row -> row.get("personalData")).containsOnly("ERASED");
    assertThat(rows(after, "feedback_outbox")).extracting(row -> row.get("outcome"))
        .contains("MEETING_SCHEDULED", "FEEDBACK_RECEIVED", "SUPPRESSED");
    assertThat(rows(after, "report_case")).singleElement().satisfies(row -> assertThat(row.get("case_id"))
        .isEqualTo(email.getCaseId()));
    assertThat(rows(after, "customer")).singleElement().satisfies(row -> {
      assertThat(row.get("erased")).isEqualTo(true);
      assertThat(row.get("timezone")).isNull();
    });
  }

  // ---- retention ------------------------------------------------------------------------------

  @Test
  void rowsPastTheirPeriodGoInBoundedBatchesAndYoungerOnesStay() {
    for (String table : List.of(Retention.TASK, Retention.SENT_EMAIL, Retention.FEEDBACK_OUTBOX, Retention.PERSON,
        Retention.CASE_STATUS, Retention.REPORT_CASE)) {
      assertThat(removed(table)).as("%s counted from zero at start-up", table).isZero();
    }
    String run = UUID.randomUUID().toString().substring(0, 8);
    Instant longAgo = NOW.minus(Duration.ofDays(401));
    Instant recently = NOW.minus(Duration.ofDays(399));
    List<String> expired = List.of("t-old1-" + run, "t-old2-" + run, "t-old3-" + run);
    for (String id : expired) {
      task(id, "DONE", longAgo);
    }
    task("t-young-" + run, "DONE", recently);
    task("t-open-" + run, "OPEN", longAgo); // not finished: kept, whatever its age
    task("t-waiting-" + run, "DONE", longAgo);
    inTransaction(() -> outcomes.record(worklist.find("t-waiting-" + run).orElseThrow(), Outcome.SENT, "desk", null));
    sentEmails.record(new SentEmail("t-old1-" + run, "<m1>", "a@example.org", "s", "de", longAgo, "desk-1", false));
    sentEmails.record(new SentEmail("t-young-" + run, "<m2>", "b@example.org", "s", "de", recently, "desk-1", false));
    inTransaction(() -> outcomes.record(worklist.find("t-young-" + run).orElseThrow(), Outcome.SENT, "desk", null));
    db.sql("UPDATE feedback_outbox SET published_at = :at WHERE task_id = :id")
        .param("at", Timestamps.of(NOW.minus(Duration.ofDays(8)))).param("id", "t-young-" + run).update();
    db.sql("""
        INSERT INTO person (username, display_name, roles, last_seen_at) VALUES
          (:gone, 'Gone Agent', 'AGENT', :longAgo), (:here, 'Here Agent', 'AGENT', :recently)
        """).param("gone", "gone-" + run).param("here", "here-" + run)
        .param("longAgo", Timestamps.of(NOW.minus(Duration.ofDays(181))))
        .param("recently", Timestamps.of(NOW.minus(Duration.ofDays(179)))).update();
    caseStatus("case-closed-old-" + run, "WON_BACK", longAgo);
    caseStatus("case-closed-young-" + run, "DECLINED", recently);
    caseStatus("case-open-old-" + run, "OPEN", longAgo);
    reportCase("case-closed-old-" + run, "WON_BACK", longAgo);
    reportCase("case-closed-young-" + run, "DECLINED", recently);
    reportCase("case-open-old-" + run, "OPEN", longAgo);

    Map<String, Integer> counts = retention.removeExpired(NOW);

    assertThat(counts).containsEntry(Retention.TASK, 3).containsEntry(Retention.SENT_EMAIL, 1)
        .containsEntry(Retention.FEEDBACK_OUTBOX, 1).containsEntry(Retention.PERSON, 1)
        .containsEntry(Retention.CASE_STATUS, 1).containsEntry(Retention.REPORT_CASE, 1);
    assertThat(removed(Retention.TASK)).isEqualTo(3.0); // in two batches of at most two
    assertThat(expired).allSatisfy(id -> assertThat(worklist.find(id)).isEmpty());
    assertThat(worklist.find("t-young-" + run)).isPresent();
    assertThat(worklist.find("t-open-" + run)).isPresent();
    assertThat(worklist.find("t-waiting-" + run)).as("its outcome is not on the topic yet").isPresent();
    assertThat(sentEmails.wasSent("t-old1-" + run)).isFalse();
    assertThat(sentEmails.wasSent("t-young-" + run)).isTrue();
    assertThat(db.sql("SELECT COUNT(*) FROM feedback_outbox WHERE task_id = :id").param("id", "t-waiting-" + run)
        .query(Integer.class).single()).isEqualTo(1);
    assertThat(db.sql("SELECT username FROM person WHERE username LIKE :run").param("run", "%-" + run)
        .query(String.class).list()).containsExactly("here-" + run);
    assertThat(cases.find("case-closed-old-" + run)).isEmpty();
    assertThat(cases.find("case-closed-young-" + run)).isPresent();
    assertThat(cases.find("case-open-old-" + run)).isPresent();
    assertThat(db.sql("SELECT case_id FROM report_case WHERE case_id LIKE :run ORDER BY case_id")
        .param("run", "case-%-" + run).query(String.class).list())
        .containsExactly("case-closed-young-" + run, "case-open-old-" + run);
    assertThat(db.sql("SELECT COUNT(*) FROM report_outcome WHERE case_id = :id").param("id", "case-closed-old-" + run)
        .query(Integer.class).single()).as("its outcomes went with it").isZero();

    assertThat(retention.removeExpired(NOW).values()).containsOnly(0); // nothing left to do
  }

  // ---- the world ------------------------------------------------------------------------------

  /** A customer's personal data, unique to the run, so a dump finds only this test's. */
  record Fixture(String name, String email, String phone, String street, String reason, String subject,
      String said, String place) {

    Fixture(String run) {
      this("Quirina Zwetschge-" + run, "quirina." + run + "@example.org", "+49301" + run.hashCode(),
          "Pflaumenallee " + run, "Zu teuer, sagt Quirina " + run, "Betreff für Quirina " + run,
          "Rückruf erbeten " + run, "Café Zwetschge " + run);
    }

    List<String> strings() {
      return List.of(name, email, phone, street, reason, subject, said, place);
    }

    OutreachTask task(String taskId, String customerId, Channel channel) {
      return TestTasks.task(taskId, channel, NOW).setCustomerId(customerId).setSubject(subject)
          .setMessage("Liebe " + name + ",\nwir melden uns.")
          .setContact(Contact.newBuilder(TestTasks.contact(name)).setEmail(email).setPhone(phone)
              .setPostalAddress(new PostalAddress(street, "10115", "Berlin", "DE")).build())
          .setContext(CaseContext.newBuilder(TestTasks.task(taskId, channel, NOW).getContext()).setReasonText(reason)
              .build())
          .build();
    }
  }

  private void saveConsent(String customerId) {
    db.sql("""
        INSERT INTO customer (customer_id, consent_email, consent_phone, consent_letter, consent_whatsapp,
          consent_visit, do_not_contact, timezone, updated_at) VALUES (:id, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE,
          'Europe/Berlin', :now)""").param("id", customerId).param("now", Timestamps.of(NOW)).update();
  }

  private void task(String taskId, String status, Instant updatedAt) {
    worklist.addTask(TestTasks.task(taskId, Channel.PHONE, NOW).build(), 0, NOW);
    db.sql("UPDATE task SET status = :status, updated_at = :at WHERE task_id = :id").param("status", status)
        .param("at", Timestamps.of(updatedAt)).param("id", taskId).update();
  }

  private void caseStatus(String caseId, String status, Instant updatedAt) {
    db.sql("INSERT INTO case_status (case_id, status, updated_at) VALUES (:id, :status, :at)").param("id", caseId)
        .param("status", status).param("at", Timestamps.of(updatedAt)).update();
  }

  /** A case in the reports' read model, opened and (unless OPEN) closed at {@code at}, with one outcome. */
  private void reportCase(String caseId, String status, Instant at) {
    boolean closed = !status.equals("OPEN");
    reports.caseChanged(WinbackCase.newBuilder(caseState(caseId, "C-" + caseId)).setStatus(CaseStatus.valueOf(status))
        .setOpenedAt(at).setClosedAt(closed ? at : null).setUpdatedAt(at)
        .setTasks(List.of(new io.winback.events.CaseTask("t-" + caseId, Channel.PHONE, io.winback.events.TaskState.DONE,
            1, at)))
        .setOutcomes(List.of(new io.winback.events.OutcomeEntry("f-" + caseId, "t-" + caseId, Outcome.REACHED, null,
            at))).build(), at);
  }

  private void publishedSealed(OutreachFeedback feedback) {
    OutreachFeedback sealed = FeedbackSeals.seal(feedback, processor.keyOf(feedback.getCustomerId()));
    db.sql("UPDATE feedback_outbox SET published_at = :now, payload = :payload WHERE feedback_id = :id")
        .param("now", Timestamps.of(NOW))
        .param("payload", Topics.FEEDBACK.valueSerde().serializer().serialize(Topics.FEEDBACK.name(), sealed))
        .param("id", feedback.getFeedbackId()).update();
  }

  private static WinbackCase caseState(String caseId, String customerId) {
    return WinbackCase.newBuilder().setCaseId(caseId).setCustomerId(customerId).setCancellationEventId("evt-" + caseId)
        .setStatus(CaseStatus.OPEN).setStatusReason(null).setGoal(null).setTasks(List.of()).setOutcomes(List.of())
        .setOpenedAt(NOW).setClosedAt(null).setUpdatedAt(NOW).build();
  }

  private static List<Map<String, Object>> rows(SubjectAccessReport report, String table) {
    return report.parts().stream().filter(part -> part.table().equals(table)).findFirst().orElseThrow().rows();
  }

  private double removed(String table) {
    return meters.get("winback.desk.retention.removed").tag("table", table).counter().count();
  }

  private <T> T inTransaction(java.util.function.Supplier<T> work) {
    return new TransactionTemplate(transactions).execute(status -> work.get());
  }

  private static Connection connection() throws java.sql.SQLException {
    return DB.connect();
  }
}
