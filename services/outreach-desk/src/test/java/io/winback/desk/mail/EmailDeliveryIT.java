package io.winback.desk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.winback.desk.ProcessorProcess;
import io.winback.desk.consent.CustomerRepository;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.CancellationEvent;
import io.winback.events.Channel;
import io.winback.events.CustomerRelationship;
import io.winback.events.Outcome;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.TaskAction;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestProducers;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * Email end to end: a cancellation enters on billing.cancellations.v1, the real churn processor
 * (its jar, in a JVM of its own) writes the email task, the desk sends it over SMTP to GreenMail
 * and reports SENT on outreach.feedback.v1. Also: with the SMTP server down and up again, exactly
 * one copy arrives.
 */
@KafkaIntegrationTest
// The embedded setup's local users; its SMTP sink stays off, spring.mail.host names GreenMail.
@ActiveProfiles("embedded")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: a cached desk would keep consuming the shared task topics and sending.
@DirtiesContext
class EmailDeliveryIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SMTP_PORT = ProcessorProcess.freePort();

  private static volatile GreenMail smtp;
  private static ProcessorProcess processor;

  @Autowired
  WorklistRepository worklist;

  @Autowired
  CustomerRepository customers;

  @Autowired
  SentEmailRepository sentEmails;

  @BeforeAll
  static void startSmtpAndProcessor() {
    smtp = startSmtp();
    // Boots while Spring starts the desk; the tests wait for it to be ready.
    processor = ProcessorProcess.start(KafkaTestBroker.bootstrapServers(), ProcessorProcess.ANY_TIME_OF_DAY);
  }

  @AfterAll
  static void stopSmtpAndProcessor() {
    if (processor != null) {
      processor.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @DynamicPropertySource
  static void desk(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    registry.add("spring.kafka.consumer.group-id", () -> "desk-mail-it-" + UUID.randomUUID());
    PostgresTestServer.get().newDatabase("desk_mail").register(registry);
    // Any time of day, as for the processor: the desk checks the quiet hours again when it sends.
    registry.add("winback.policy.quiet-hours-start", () -> "00:00");
    registry.add("winback.policy.quiet-hours-end", () -> "00:00");
    // A configured SMTP server: the embedded sink stays off and the desk sends to GreenMail.
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "3000");
    registry.add("spring.mail.properties.mail.smtp.timeout", () -> "5000");
    registry.add("spring.mail.properties.mail.smtp.writetimeout", () -> "5000");
    registry.add("winback.desk.send-interval", () -> "500ms");
    registry.add("winback.desk.retry-initial", () -> "500ms");
    registry.add("winback.desk.retry-max", () -> "2s");
  }

  @Test
  void germanAndEnglishCustomersGetTheirEmailOnce() throws Exception {
    processor.awaitReady(Duration.ofSeconds(120));
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Customer anna = new Customer("C-de-" + suffix, "MS", "Anna", "Schmidt", "de",
        "anna.schmidt+" + suffix + "@example.org");
    Customer peter = new Customer("C-en-" + suffix, "MR", "Peter", "Brown", "en",
        "peter.brown+" + suffix + "@example.org");
    publishCustomer(anna);
    publishCustomer(peter);
    cancel(anna);
    cancel(peter);

    OutreachTask german = awaitEmailTask(anna);
    OutreachTask english = awaitEmailTask(peter);

    MimeMessage toAnna = awaitMessage(german.getTaskId());
    assertThat(toAnna.getSubject()).isEqualTo("Ihre Entscheidung – ein offenes Gespräch");
    assertThat(body(toAnna)).startsWith("Liebe Frau Schmidt,");
    assertThat(toAnna.getMessageID()).isEqualTo("<" + german.getTaskId() + "@winback.local>");
    assertThat(recipients(toAnna)).containsExactly(anna.email());
    assertThat(toAnna.getHeader("Content-Language")).containsExactly("de");

    MimeMessage toPeter = awaitMessage(english.getTaskId());
    assertThat(toPeter.getSubject()).isEqualTo("Your decision – an open conversation");
    assertThat(body(toPeter)).startsWith("Dear Mr Brown,");
    assertThat(toPeter.getMessageID()).isEqualTo("<" + english.getTaskId() + "@winback.local>");
    assertThat(recipients(toPeter)).containsExactly(peter.email());
    assertThat(toPeter.getHeader("Content-Language")).containsExactly("en");

    for (OutreachTask task : List.of(german, english)) {
      OutreachFeedback sent = awaitSentFeedback(task);
      assertThat(sent.getFeedbackId()).isEqualTo("fb-sent-" + task.getTaskId());
      assertThat(sent.getCaseId()).isEqualTo(task.getCaseId());
      assertThat(sent.getCustomerId()).isEqualTo(task.getCustomerId());
      assertThat(sent.getChannel()).isEqualTo(Channel.EMAIL);
      assertThat(sent.getRecordedBy()).isEqualTo("outreach-desk/mailer");
      assertThat(worklist.find(task.getTaskId())).get().extracting(WorklistItem::status).isEqualTo(TaskStatus.SENT);
      // Stored as the processor wrote it: sealed (then opened for the mail only), or in the clear by an older one.
      assertThat(worklist.find(task.getTaskId())).get().extracting(WorklistItem::sealed)
          .isEqualTo(task.getSealed() != null);
      assertThat(sentEmails.newest(500)).filteredOn(entry -> entry.taskId().equals(task.getTaskId()))
          .extracting(SentEmail::messageId).containsExactly("<" + task.getTaskId() + "@winback.local>");
    }

    // A few more send rounds: nothing is sent twice.
    Thread.sleep(3_000);
    assertThat(messagesFor(german.getTaskId())).hasSize(1);
    assertThat(messagesFor(english.getTaskId())).hasSize(1);
  }

  @Test
  void whileTheSmtpServerIsDownTheDeskRetriesAndExactlyOneMailArrivesOnceItIsBack() throws Exception {
    processor.awaitReady(Duration.ofSeconds(120));
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Customer klara = new Customer("C-down-" + suffix, "MS", "Klara", "Wagner", "de",
        "klara.wagner+" + suffix + "@example.org");
    smtp.stop();
    try {
      publishCustomer(klara);
      cancel(klara);
      OutreachTask task = awaitEmailTask(klara);

      WorklistItem failing = await("at least two failed attempts for " + task.getTaskId()).atMost(WAIT)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> worklist.find(task.getTaskId()).orElse(null),
              item -> item != null && item.sendAttempts() >= 2);
      assertThat(failing.status()).isEqualTo(TaskStatus.OPEN);
      assertThat(failing.lastError()).isNotBlank();
      assertThat(sentEmails.wasSent(task.getTaskId())).isFalse();

      smtp = startSmtp();

      MimeMessage message = awaitMessage(task.getTaskId());
      assertThat(recipients(message)).containsExactly(klara.email());
      assertThat(body(message)).startsWith("Liebe Frau Wagner,");
      OutreachFeedback sent = awaitSentFeedback(task);
      assertThat(sent.getFeedbackId()).isEqualTo("fb-sent-" + task.getTaskId());

      // Several more send intervals (500 ms) and the longest backoff (2 s): still exactly one copy.
      Thread.sleep(4_000);
      assertThat(messagesFor(task.getTaskId())).hasSize(1);
      assertThat(worklist.find(task.getTaskId())).get().extracting(WorklistItem::status).isEqualTo(TaskStatus.SENT);
      assertThat(sentFeedback(task)).extracting(OutreachFeedback::getFeedbackId).containsOnly(sent.getFeedbackId());
    } finally {
      if (!smtp.isRunning()) {
        smtp = startSmtp();
      }
    }
  }

  // ---- the world around the desk ----------------------------------------------------------

  record Customer(String id, String salutation, String firstName, String lastName, String language, String email) {}

  /** The CRM: email consent and address; a time zone where it is not Sunday, so the email is due at once. */
  private void publishCustomer(Customer customer) throws IOException {
    CustomerRelationship relationship = JsonRecords.fromJson(JSON.readTree("""
        {"customerId":"%s","salutation":"%s","firstName":"%s","lastName":"%s","language":"%s","timezone":"%s",
         "email":"%s","consent":{"email":true},"customerSince":"%s","tier":"STANDARD",
         "personalContactResponse":"NEUTRAL"}""".formatted(customer.id(), customer.salutation(),
        customer.firstName(), customer.lastName(), customer.language(), ProcessorProcess.weekdayZone(),
        customer.email(), LocalDate.now(ZoneOffset.UTC).minusYears(2))), CustomerRelationship.getClassSchema());
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), new StringSerializer(),
        Topics.RELATIONSHIPS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.RELATIONSHIPS.name(), customer.id(), relationship)));
    // The desk checks consent again right before sending; it must know it by the time the task is due.
    await("email consent of " + customer.id() + " at the desk").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> customers.find(customer.id()).isPresent());
  }

  /** Billing: the customer cancelled just now; the contract ends in three months. */
  private static void cancel(Customer customer) throws IOException {
    CancellationEvent cancellation = JsonRecords.fromJson(JSON.readTree("""
        {"eventId":"evt-%s","type":"CANCELLED","customerId":"%s","contractId":"K-%s","product":"Glasfaser 250",
         "occurredAt":"%s","effectiveAt":"%s","reason":"PRICE","monthlyRevenue":"49.90"}""".formatted(
        UUID.randomUUID(), customer.id(), customer.id(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
        LocalDate.now(ZoneOffset.UTC).plusMonths(3))), CancellationEvent.getClassSchema());
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), new StringSerializer(),
        Topics.CANCELLATIONS.valueSerde().serializer(),
        List.of(new ProducerRecord<>(Topics.CANCELLATIONS.name(), customer.id(), cancellation)));
  }

  /** The email task the processor wrote for the customer on outreach.tasks.written.v1. */
  private static OutreachTask awaitEmailTask(Customer customer) {
    List<OutreachTask> tasks = await("an email task for " + customer.id() + " on " + Topics.TASKS_WRITTEN.name())
        .atMost(WAIT)
        .until(() -> TestConsumers.readToEnd(KafkaTestBroker.bootstrapServers(), Topics.TASKS_WRITTEN.name(),
                new StringDeserializer(), Topics.TASKS_WRITTEN.valueSerde().deserializer())
            .stream().filter(record -> customer.id().equals(record.key())).map(ConsumerRecord::value).toList(),
            found -> !found.isEmpty() || !processor.isAlive());
    assertThat(processor.isAlive()).as("the processor runs; its log:\n%s", processor.logTail(40)).isTrue();
    // One task; a second record with the same taskId (a re-delivery) would be the same task.
    assertThat(tasks).extracting(OutreachTask::getTaskId).containsOnly(tasks.get(0).getTaskId());
    OutreachTask task = tasks.get(0);
    assertThat(task.getAction()).isEqualTo(TaskAction.CREATE);
    assertThat(task.getChannel()).isEqualTo(Channel.EMAIL);
    return task;
  }

  private static MimeMessage awaitMessage(String taskId) {
    List<MimeMessage> messages = await("the email of task " + taskId + " at the SMTP server").atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> messagesFor(taskId), found -> !found.isEmpty());
    return messages.get(0);
  }

  /** What the SMTP server received for the task, recognised by its Message-ID. */
  private static List<MimeMessage> messagesFor(String taskId) {
    String messageId = Mailer.messageId(taskId);
    return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
      try {
        return messageId.equals(message.getMessageID());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private static OutreachFeedback awaitSentFeedback(OutreachTask task) {
    return await("SENT for " + task.getTaskId() + " on " + Topics.FEEDBACK.name()).atMost(WAIT)
        .until(() -> sentFeedback(task), found -> !found.isEmpty()).get(0);
  }

  private static List<OutreachFeedback> sentFeedback(OutreachTask task) {
    return TestConsumers.readToEnd(KafkaTestBroker.bootstrapServers(), Topics.FEEDBACK.name(),
            new StringDeserializer(), Topics.FEEDBACK.valueSerde().deserializer())
        .stream().map(ConsumerRecord::value)
        .filter(feedback -> task.getTaskId().equals(feedback.getTaskId()) && feedback.getOutcome() == Outcome.SENT)
        .toList();
  }

  private static String body(MimeMessage message) throws IOException, MessagingException {
    return message.getContent().toString();
  }

  private static List<String> recipients(MimeMessage message) throws MessagingException {
    return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
  }

  private static GreenMail startSmtp() {
    GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }
}
