package io.winback.desk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.winback.desk.DatabaseText;
import io.winback.desk.ProcessorProcess;
import io.winback.desk.TestKeys;
import io.winback.desk.mail.Mailer;
import io.winback.desk.worklist.TaskStatus;
import io.winback.desk.worklist.WorklistItem;
import io.winback.desk.worklist.WorklistRepository;
import io.winback.events.CaseContext;
import io.winback.events.Channel;
import io.winback.events.Contact;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.PostalAddress;
import io.winback.events.Sealed;
import io.winback.schemas.privacy.DeadLetterSeals;
import io.winback.schemas.privacy.SealBrokenException;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestDatabase;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The desk's part of privacy by design on the real broker, database and SMTP server: tasks sealed
 * by the processor (here the test, with a key it writes on winback.keys.v1 as the processor does)
 * are shown and mailed while the key exists, and read as erased the moment the erased key arrives;
 * free text leaves the desk sealed; a task whose seal does not open is a dead letter (sealed), not
 * a row; and after the erasure a full dump of the desk's database holds none of the customer's data.
 */
@KafkaIntegrationTest
@ActiveProfiles("embedded") // the demo users (agent, dpo); a real SMTP server instead of the sink
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PrivacyIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int SMTP_PORT = ProcessorProcess.freePort();
  private static final TestDatabase DB = PostgresTestServer.get().newDatabase("desk_privacy_it");
  private static volatile GreenMail smtp;

  private final TestKeys processor = new TestKeys();
  private DeskWorld world;
  private DeskApi api;

  @LocalServerPort
  int port;

  @Autowired
  WorklistRepository worklist;

  @BeforeAll
  static void startSmtp() {
    smtp = startSmtpServer();
  }

  @AfterAll
  static void stopSmtp() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  @DynamicPropertySource
  static void desk(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
    registry.add("spring.kafka.consumer.group-id", () -> "desk-privacy-it-" + UUID.randomUUID());
    DB.register(registry);
    registry.add("winback.policy.quiet-hours-start", () -> "00:00");
    registry.add("winback.policy.quiet-hours-end", () -> "00:00");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "3000");
    registry.add("spring.mail.properties.mail.smtp.timeout", () -> "5000");
    registry.add("winback.desk.send-interval", () -> "500ms");
    registry.add("winback.desk.retry-initial", () -> "500ms");
    registry.add("winback.desk.retry-max", () -> "2s");
  }

  private DeskWorld world() {
    if (world == null) {
      world = new DeskWorld(KafkaTestBroker.bootstrapServers());
      api = new DeskApi(port);
    }
    return world;
  }

  @Test
  void personalDataIsUsedWhileTheKeyExistsAndIsGoneFromPagesApiMailerAndDatabaseOnceItIsErased() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Fixture quirina = new Fixture(run);
    String customerId = "C-priv-" + run;
    knownCustomer(customerId);

    // ---- while the key exists: mailed, shown, opened ------------------------------------------
    OutreachTask email = quirina.task("t-priv-mail-" + run, customerId, Channel.EMAIL, Instant.now());
    OutreachTask call = quirina.task("t-priv-call-" + run, customerId, Channel.PHONE, Instant.now().plusSeconds(86_400));
    world().publishTasks(List.of(processor.seal(email), processor.seal(call)));

    MimeMessage mail = awaitMessage(email.getTaskId());
    assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
        .containsExactly(quirina.email);
    assertThat(mail.getSubject()).isEqualTo(quirina.subject);
    assertThat(mail.getContent().toString()).contains(quirina.name);
    await("the email task SENT").atMost(WAIT).until(() -> status(email.getTaskId()) == TaskStatus.SENT);
    assertThat(Sql.rows(DB, "SELECT recipient FROM sent_email WHERE task_id = '" + email.getTaskId() + "'",
        rs -> rs.getString(1))).containsExactly("(sealed)");

    JsonNode shown = await("the call at the desk").atMost(WAIT).until(
        () -> api.get("/api/tasks/" + call.getTaskId(), "agent"), response -> response.statusCode() == 200)
        .body().transform(DeskApi::parse);
    assertThat(shown.path("personalData").asText()).isEqualTo("OPENED");
    assertThat(shown.path("contact").path("name").asText()).isEqualTo(quirina.name);
    assertThat(shown.path("contact").path("phone").asText()).isEqualTo(quirina.phone);
    assertThat(shown.path("context").path("reasonText").asText()).isEqualTo(quirina.reason);
    DeskApi.Session agent = new DeskApi.Session();
    agent.logIn(port, "agent", "agent");
    assertThat(agent.get(port, "/worklist/tasks/" + call.getTaskId() + "?lang=en").body()).contains(quirina.name,
        quirina.phone, quirina.street);

    // ---- free text leaves sealed, and the processor opens it with the key ----------------------
    HttpResponse<String> recorded = api.post("/api/tasks/" + call.getTaskId() + "/outcome", "agent",
        "{\"outcome\":\"MEETING_SCHEDULED\",\"meetingAt\":\"2026-12-01T10:00:00+01:00\",\"meetingPlace\":\""
            + quirina.place + "\",\"text\":\"" + quirina.said + "\"}");
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
    String feedbackId = DeskApi.parse(recorded.body()).path("lastFeedback").path("feedbackId").asText();
    ConsumerRecord<String, byte[]> onTopic = await("the outcome on " + Topics.FEEDBACK.name()).atMost(WAIT)
        .until(() -> feedbackRecords(customerId), found -> !found.isEmpty()).get(0);
    String raw = new String(onTopic.value(), StandardCharsets.UTF_8);
    assertThat(raw).doesNotContain(quirina.said, quirina.place, "Rückruf", "Café");
    OutreachFeedback published = Topics.FEEDBACK.valueSerde().deserializer().deserialize(Topics.FEEDBACK.name(),
        onTopic.value());
    assertThat(published.getFeedbackId()).isEqualTo(feedbackId);
    assertThat(published.getFeedbackText()).isNull();
    assertThat(published.getSealed()).isNotNull();
    OutreachFeedback opened = processor.open(published);
    assertThat(opened.getFeedbackText()).isEqualTo(quirina.said);
    assertThat(opened.getMeetingPlace()).isEqualTo(quirina.place);

    String before = api.get("/api/privacy/customers/" + customerId, "dpo").body();
    assertThat(before).contains(quirina.name, quirina.email, quirina.said, quirina.place, "\"OPENED\"");

    // ---- a mail under way when the key is erased: not sent ------------------------------------
    smtp.stop();
    OutreachTask late = quirina.task("t-priv-late-" + run, customerId, Channel.EMAIL, Instant.now());
    world().publishTasks(List.of(processor.seal(late)));
    await("a failed try to send " + late.getTaskId()).atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> worklist.find(late.getTaskId()).map(WorklistItem::sendAttempts).orElse(0) >= 1);

    processor.publishErased(KafkaTestBroker.bootstrapServers(), customerId);

    JsonNode erased = await("the call read as erased").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
        () -> DeskApi.parse(api.get("/api/tasks/" + call.getTaskId(), "agent").body()),
        task -> task.path("personalData").asText().equals("ERASED"));
    assertThat(erased.path("contact").isNull()).isTrue();
    assertThat(erased.toString()).doesNotContain(quirina.name, quirina.phone, quirina.reason);
    assertThat(agent.get(port, "/worklist/tasks/" + call.getTaskId() + "?lang=en").body())
        .contains("(customer erased)").doesNotContain(quirina.name, quirina.phone, quirina.street);
    await("the late email suppressed").atMost(WAIT).until(() -> status(late.getTaskId()) == TaskStatus.SUPPRESSED);
    assertThat(worklist.find(late.getTaskId()).orElseThrow().statusReason()).isEqualTo("the customer's data was erased");
    world().eraseCustomer(customerId); // the CRM's tombstone too, which the processor erased the key for

    // The SMTP server back: another customer's mail goes out, the erased one's never.
    smtp = startSmtpServer();
    String other = "C-priv-other-" + run;
    knownCustomer(other);
    OutreachTask next = quirina.task("t-priv-next-" + run, other, Channel.EMAIL, Instant.now());
    world().publishTasks(List.of(processor.seal(next)));
    awaitMessage(next.getTaskId());
    assertThat(messagesFor(late.getTaskId())).isEmpty();

    // ---- a task still in flight for the erased customer: kept without personal data ------------
    OutreachTask inFlight = quirina.task("t-priv-flight-" + run, customerId, Channel.PHONE, Instant.now());
    world().publishTasks(List.of(processor.seal(inFlight)));
    WorklistItem kept = await("the task in flight at the desk").atMost(WAIT)
        .until(() -> worklist.find(inFlight.getTaskId()).orElse(null), item -> item != null);
    assertThat(kept.sealed()).isFalse();
    assertThat(kept.contact()).isNull();
    assertThat(kept.status()).isEqualTo(TaskStatus.SUPPRESSED);

    // ---- nothing of the customer anywhere in the database; the report lists ids and statuses ----
    await("the customer's row erased").atMost(WAIT).until(() -> Sql.rows(DB,
        "SELECT erased FROM customer WHERE customer_id = '" + customerId + "'", rs -> rs.getBoolean(1))
        .contains(true));
    DatabaseText dump;
    try (var connection = DB.connect()) {
      dump = DatabaseText.of(connection);
    }
    assertThat(dump.find(quirina.strings())).as("personal data left in the desk's database").isEmpty();
    String after = api.get("/api/privacy/customers/" + customerId, "dpo").body();
    assertThat(after).contains(email.getTaskId(), call.getTaskId(), late.getTaskId(), inFlight.getTaskId(), feedbackId,
        "\"ERASED\"", "SUPPRESSED", "MEETING_SCHEDULED");
    assertThat(quirina.strings()).allSatisfy(personal -> assertThat(after).doesNotContain(personal));
    assertThat(DeskApi.parse(after).path("erased").asBoolean()).isTrue();
  }

  @Test
  void aTaskWhoseSealDoesNotOpenIsADeadLetterSealedItselfAndNotStored() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String customerId = "C-tamper-" + run;
    knownCustomer(customerId);
    OutreachTask tampered = tampered(processor.seal(new Fixture(run).task("t-tamper-" + run, customerId,
        Channel.PHONE, Instant.now())));
    world().publishTasks(List.of(tampered));

    ConsumerRecord<byte[], byte[]> letter = await("the tampered task on " + Topics.DEAD_LETTERS.name()).atMost(WAIT)
        .until(() -> world().deadLetters().stream().filter(record -> record.key() != null
            && customerId.equals(new String(record.key(), StandardCharsets.UTF_8))).toList(),
            found -> !found.isEmpty()).get(0);
    assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo(SealBrokenException.class.getName());
    assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains("t-tamper-" + run, "do not open");
    assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.TASKS_PHONE.name());
    assertThat(header(letter, DeadLetterHeaders.SEALED)).isEqualTo(DeadLetterSeals.CUSTOMER_KEY);
    // The dead letter's value is sealed for its source position; the monitor opens it with the key.
    byte[] original = DeadLetterSeals.open(letter.value(), processor.ring(), customerId, Topics.TASKS_PHONE.name(),
        Integer.parseInt(header(letter, DeadLetterHeaders.SOURCE_PARTITION)),
        Long.parseLong(header(letter, DeadLetterHeaders.SOURCE_OFFSET))).value();
    assertThat(Topics.TASKS_PHONE.valueSerde().deserializer().deserialize(Topics.TASKS_PHONE.name(), original))
        .isEqualTo(tampered);

    assertThat(worklist.find(tampered.getTaskId())).isEmpty();
    assertThat(api.get("/api/tasks/" + tampered.getTaskId(), "lead").statusCode()).isEqualTo(404);
  }

  // ---- the world ------------------------------------------------------------------------------

  /** A customer whose key the desk has read and whose consent (email, phone) it knows. */
  private void knownCustomer(String customerId) {
    processor.publish(KafkaTestBroker.bootstrapServers(), customerId);
    world().publishCustomers(List.of(DeskWorld.customer(customerId).build()));
    await("the key and the consent of " + customerId + " at the desk").atMost(WAIT)
        .pollInterval(Duration.ofMillis(200)).until(() -> {
          HttpResponse<String> report = api.get("/api/privacy/customers/" + customerId, "dpo");
          JsonNode body = DeskApi.parse(report.body());
          return report.statusCode() == 200 && body.path("key").asText().equals("KNOWN")
              && body.path("parts").get(0).path("rows").size() == 1;
        });
  }

  /** Personal data unique to the run: what a dump must not find after the erasure. */
  record Fixture(String name, String email, String phone, String street, String reason, String subject,
      String said, String place) {

    Fixture(String run) {
      this("Quirina Zwetschge-" + run, "quirina." + run + "@example.org", "+4930" + Math.abs(run.hashCode()),
          "Pflaumenallee " + run, "Zu teuer, sagt Quirina " + run, "Ihre Entscheidung, Quirina " + run,
          "Rückruf erbeten " + run, "Café Zwetschge " + run);
    }

    List<String> strings() {
      return List.of(name, email, phone, street, reason, subject, said, place);
    }

    OutreachTask task(String taskId, String customerId, Channel channel, Instant dueAt) {
      OutreachTask base = DeskWorld.task(taskId, customerId, channel, dueAt).build();
      return OutreachTask.newBuilder(base).setSubject(channel == Channel.EMAIL ? subject : null)
          .setMessage("Liebe " + name + ",\nwir würden gern mit Ihnen sprechen.")
          .setContact(Contact.newBuilder(base.getContact()).setName(name).setEmail(email).setPhone(phone)
              .setPostalAddress(new PostalAddress(street, "10115", "Berlin", "DE")).build())
          .setContext(CaseContext.newBuilder(base.getContext()).setReasonText(reason).build())
          .build();
    }
  }

  private TaskStatus status(String taskId) {
    return worklist.find(taskId).map(WorklistItem::status).orElse(null);
  }

  private static List<ConsumerRecord<String, byte[]>> feedbackRecords(String customerId) {
    return TestConsumers.readToEnd(KafkaTestBroker.bootstrapServers(), Topics.FEEDBACK.name(),
            new StringDeserializer(), new ByteArrayDeserializer()).stream()
        .filter(record -> customerId.equals(record.key())).filter(record -> Topics.FEEDBACK.valueSerde()
            .deserializer().deserialize(Topics.FEEDBACK.name(), record.value()).getOutcome().name()
            .equals("MEETING_SCHEDULED"))
        .toList();
  }

  private static MimeMessage awaitMessage(String taskId) {
    return await("the email of " + taskId + " at the SMTP server").atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> messagesFor(taskId), found -> !found.isEmpty()).get(0);
  }

  private static List<MimeMessage> messagesFor(String taskId) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
      try {
        return Mailer.messageId(taskId).equals(message.getMessageID());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** One bit of the sealed ciphertext flipped, as on a record changed on its way. */
  private static OutreachTask tampered(OutreachTask sealed) {
    ByteBuffer ciphertext = sealed.getSealed().getCiphertext().duplicate();
    byte[] bytes = new byte[ciphertext.remaining()];
    ciphertext.get(bytes);
    bytes[bytes.length / 2] ^= 0x01;
    return OutreachTask.newBuilder(sealed).setSealed(Sealed.newBuilder(sealed.getSealed())
        .setCiphertext(ByteBuffer.wrap(bytes)).build()).build();
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static GreenMail startSmtpServer() {
    GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }
}
