package io.winback.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.winback.events.CustomerKey;
import io.winback.events.OutreachTask;
import io.winback.events.WinbackCase;
import io.winback.schemas.serde.TrustedPackages;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.PostgresTestServer;
import io.winback.testsupport.ServiceJar;
import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestDatabase;
import io.winback.testsupport.TestProducers;
import io.winback.testsupport.logs.PersonalData;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 12's "done when", end to end on the real parts: the processor's, the desk's and the topic
 * monitor's jars on a real broker, a real PostgreSQL and a real SMTP server (GreenMail), driven
 * from outside as the world drives Winback: the CRM and billing publish, an agent records feedback
 * through the desk's API, an operator reveals a dead letter in the monitor, a data protection
 * officer runs {@code ./winback privacy export} and {@code erase}.
 *
 * <p>A customer with a unique name, email, phone and address gets a case, a task, an email,
 * feedback with free text and a dead letter. The subject access report lists every copy. Then the
 * CRM tombstone: at once no API shows their personal data; after the erasure deadline (shortened
 * here to {@link #DEADLINE}) no byte of it is left in any topic Winback writes (the raw records of
 * every catalogue topic but billing's and the CRM's, and of the processor's changelogs), nor in any
 * row of the desk's database; the case and its outcome are still there without it, and the report
 * lists none.
 *
 * <p>The deadline is the services' {@code winback.privacy.erasure-deadline}: the processor derives
 * its changelogs' compaction from it; the keys topic, created here before the services start,
 * compacts within seconds instead of hours. Kafka's log cleaner never takes the segment a
 * partition is writing to, and a segment only rolls when a record arrives after its time is up, so
 * another customer's traffic on the same partitions (a bystander, as production always has) goes
 * on while the test waits.
 */
@KafkaIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyEndToEndIT {

  private static final Logger log = LoggerFactory.getLogger(PrivacyEndToEndIT.class);
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  /**
   * Beyond the deadline: the broker's log cleaner looks for work every 15 s
   * (log.cleaner.backoff.ms), and the last segment rolls with the first record after its time.
   */
  private static final Duration SLACK = Duration.ofSeconds(90);
  private static final Duration COMPACTION = Duration.ofSeconds(3);
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private static final UniqueCustomer CUSTOMER = UniqueCustomer.create("C-sys");
  private static String bootstrap;
  private static GreenMail smtp;
  private static TestDatabase db;
  private static ServiceJar processor;
  private static ServiceJar desk;
  private static ServiceJar monitor;
  private static String applicationId;

  // What the customer's journey left behind, for the steps after it.
  private static String taskId;
  private static String caseId;
  private static String feedbackId;
  private static ConsumerRecord<byte[], byte[]> deadLetter;
  private static byte[] keyBytes;

  @BeforeAll
  static void startWinback() throws Exception {
    TrustedPackages.install();
    PersonalData.fixture(CUSTOMER.logFixtures().toArray(String[]::new));
    bootstrap = KafkaTestBroker.bootstrapServers();
    createTopics();
    smtp = new GreenMail(new ServerSetup(ServiceJar.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    db = PostgresTestServer.get().newDatabase("privacy");
    applicationId = "privacy-it-" + RUN;
    Path state = Files.createTempDirectory(applicationId + "-state");
    processor = ServiceJar.of(SystemJars.processor(), "processor-" + RUN)
        .arg("--spring.profiles.active=embedded")
        .arg("--spring.kafka.bootstrap-servers=" + bootstrap)
        .arg("--spring.kafka.streams.application-id=" + applicationId)
        .arg("--spring.kafka.streams.state-dir=" + state)
        .arg("--winback.processor.advertised-host=localhost")
        .arg("--winback.policy.quiet-hours-start=00:00")
        .arg("--winback.policy.quiet-hours-end=00:00")
        .arg("--winback.privacy.erasure-deadline=" + DEADLINE.toSeconds() + "s")
        .start();
    Path machine = Files.createTempDirectory("desk-" + RUN);
    desk = ServiceJar.of(SystemJars.desk(), "desk-" + RUN)
        .env("SPRING_PROFILES_ACTIVE", "embedded") // its local users; spring.mail.host keeps its SMTP sink off
        .env("SPRING_DATASOURCE_URL", db.jdbcUrl())
        .env("SPRING_DATASOURCE_USERNAME", db.username())
        .env("SPRING_DATASOURCE_PASSWORD", db.password())
        .env("WINBACK_DATA_DIR", machine.toString())
        .arg("--spring.kafka.bootstrap-servers=" + bootstrap)
        .arg("--spring.kafka.consumer.group-id=desk-" + RUN)
        .arg("--spring.mail.host=127.0.0.1")
        .arg("--spring.mail.port=" + smtp.getSmtp().getPort())
        .arg("--winback.policy.quiet-hours-start=00:00")
        .arg("--winback.policy.quiet-hours-end=00:00")
        .arg("--winback.desk.send-interval=300ms")
        .arg("--winback.desk.instance-id=desk-" + RUN)
        .arg("--winback.privacy.erasure-deadline=" + DEADLINE.toSeconds() + "s")
        .start();
    monitor = ServiceJar.of(SystemJars.monitor(), "monitor-" + RUN)
        .arg("--spring.profiles.active=embedded")
        .arg("--spring.kafka.bootstrap-servers=" + bootstrap)
        .start();
    processor.awaitReady(WAIT);
    desk.awaitReady(WAIT);
    monitor.awaitReady(WAIT);
  }

  @AfterAll
  static void stopWinback() {
    for (ServiceJar service : Arrays.asList(monitor, desk, processor)) {
      if (service != null) {
        service.close();
      }
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  @Order(1)
  void theCustomerGetsACaseATaskAnEmailFeedbackWithFreeTextAndADeadLetter() {
    publish(Topics.RELATIONSHIPS, CUSTOMER.id, CUSTOMER.relationship());
    publish(Topics.CANCELLATIONS, CUSTOMER.id, CUSTOMER.cancellation());

    OutreachTask task = await("the processor's task").atMost(WAIT).pollInterval(Duration.ofMillis(500))
        .until(() -> tasksOf(CUSTOMER.id).stream().findFirst(), Optional::isPresent).orElseThrow();
    taskId = task.getTaskId();
    caseId = task.getCaseId();
    await("the email").atMost(WAIT).until(() -> mailsTo(CUSTOMER.email) > 0);
    await("the SENT feedback at the desk").atMost(WAIT).until(() -> "SENT".equals(deskTask("lead")
        .path("status").asText()));

    HttpResponse<String> recorded = desk().postJson("/api/tasks/" + taskId + "/outcome", "agent",
        "{\"outcome\":\"FEEDBACK_RECEIVED\",\"category\":\"PRICE\",\"text\":\"" + CUSTOMER.feedbackText + "\"}");
    assertThat(recorded.statusCode()).as(recorded.body()).isIn(200, 202);
    feedbackId = ServiceHttp.parse(recorded.body()).path("lastFeedback").path("feedbackId").asText();
    await("the case closes with the feedback").atMost(WAIT).until(() -> "FEEDBACK_COLLECTED".equals(
        processorCase().path("status").asText()));

    publish(Topics.RELATIONSHIPS, CUSTOMER.id, CUSTOMER.withoutLastName()); // the processor refuses it
    deadLetter = await("the dead letter").atMost(WAIT).until(() -> deadLettersOf(CUSTOMER.id).stream()
        .filter(letter -> Topics.RELATIONSHIPS.name().equals(header(letter, DeadLetterHeaders.SOURCE_TOPIC)))
        .findFirst(), Optional::isPresent).orElseThrow();
    keyBytes = await("the customer's key").atMost(WAIT).until(() -> currentKey(CUSTOMER.id), key -> key != null);
    log.info("journey done: case {}, task {}, feedback {}, dead letter {}@{}", caseId, taskId, feedbackId,
        deadLetter.partition(), deadLetter.offset());
  }

  @Test
  @Order(2)
  void theSubjectAccessReportBeforeTheErasureListsEveryCopy() {
    WinbackCli.Run export = privacy("export", CUSTOMER.id);

    assertThat(export.exit()).as(export.err()).isZero();
    JsonNode report = ServiceHttp.parse(export.out());
    assertThat(report.path("complete").asBoolean()).isTrue();
    JsonNode parts = report.path("parts");
    String processorPart = parts.path("churnProcessor").toString();
    assertThat(processorPart).as("the processor's report: the case, the CRM data it keeps")
        .contains(caseId, CUSTOMER.lastName, CUSTOMER.email);
    String deskPart = parts.path("outreachDesk").toString();
    assertThat(deskPart).as("the desk's report: the task, the email sent, the feedback with its free text")
        .contains(taskId, feedbackId, CUSTOMER.email, CUSTOMER.feedbackText);
    assertThat(parts.path("deadLetters").path("records")).anySatisfy(letter -> {
      assertThat(letter.path("partition").asInt()).isEqualTo(deadLetter.partition());
      assertThat(letter.path("offset").asLong()).isEqualTo(deadLetter.offset());
      assertThat(letter.path("valueState").asText()).as("sealed, and opened with the customer's key")
          .isEqualTo("OPENED");
      assertThat(letter.path("value").path("email").asText()).isEqualTo(CUSTOMER.email);
      assertThat(letter.path("value").path("firstName").asText()).isEqualTo(CUSTOMER.firstName);
    });
    assertThat(parts.path("customerKey").path("state").asText()).isEqualTo("KNOWN");
    assertThat(export.out()).doesNotContain(java.util.Base64.getEncoder().encodeToString(keyBytes));
    assertThat(CUSTOMER.foundIn(export.out())).as("every personal value is in the report")
        .containsAll(CUSTOMER.tokens.keySet());

    JsonNode revealed = await("the monitor has the customer's key").atMost(WAIT).until(this::revealDeadLetter,
        letter -> "OPENED".equals(letter.path("valueState").asText()));
    assertThat(revealed.path("value").path("email").asText()).as("an operator's reveal, audited").isEqualTo(
        CUSTOMER.email);
  }

  @Test
  @Order(3)
  void theScanFindsWhatIsThereBeforeTheErasure() throws Exception {
    List<String> found = RawTopicScan.find(bootstrap, scannedTopics(), this::personalDataOrKey);

    assertThat(found).as("the scan of step 5 sees what the topics hold: the key on the keys topic").anyMatch(place ->
        place.startsWith(Topics.KEYS.name() + " ") && place.contains("the customer's key"));
    assertThat(found).as("and the CRM data the processor keeps in its store, in the clear on its changelog")
        .anyMatch(place -> place.startsWith(applicationId + "-") && place.contains("last name"));
    assertThat(DatabaseDump.tables(db)).as("the dump of step 5 sees the desk's tables").contains("task",
        "sent_email", "feedback_outbox", "customer");
  }

  @Test
  @Order(4)
  void afterTheTombstoneNoApiShowsThePersonalDataAndEraseSaysEveryCopyIsGone() {
    WinbackCli.Run erase = privacy("erase", CUSTOMER.id, "--yes", "--timeout", "120", "--poll", "1");

    assertThat(erase.exit()).as(erase.out() + erase.err()).isZero();
    assertThat(erase.out()).contains("published the CRM tombstone for " + CUSTOMER.id,
        "the erased marker replaced the key", "none opens");
    assertThat(CUSTOMER.foundIn(desk().get("/api/tasks/" + taskId, "lead").body())).isEmpty();
    assertThat(CUSTOMER.foundIn(processor().get("/customers/" + CUSTOMER.id + "/cases", "lead").body())).isEmpty();
    assertThat(CUSTOMER.foundIn(processor().get("/cases/" + caseId, "lead").body())).isEmpty();
    JsonNode revealed = await("the erasure reaches the monitor").atMost(WAIT).until(this::revealDeadLetter,
        letter -> "ERASED".equals(letter.path("valueState").asText()));
    assertThat(CUSTOMER.foundIn(revealed.toString())).isEmpty();
    HttpResponse<String> redrive = monitor().postJson("/api/dead-letters/redrive", "opsadmin",
        "{\"records\":[{\"partition\":" + deadLetter.partition() + ",\"offset\":" + deadLetter.offset() + "}]}");
    assertThat(ServiceHttp.parse(redrive.body()).path("results").get(0).path("outcome").asText())
        .as("an erased customer's record is not sent back").isEqualTo("REFUSED");
  }

  @Test
  @Order(5)
  void afterTheDeadlineNoByteOfItIsLeftInAnyTopicOrTableWinbackWrites() throws Exception {
    List<String> topics = scannedTopics();
    log.info("scanning {} topics and the tables {} for the customer's personal data and key", topics.size(),
        DatabaseDump.tables(db));
    List<String> remaining = new ArrayList<>();
    try {
      await("no copy left within the deadline of " + DEADLINE.toSeconds() + " s (and the cleaner's slack)")
          .atMost(DEADLINE.plus(SLACK)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            bystander(); // traffic on the customer's partitions: their segments roll, the cleaner takes them
            remaining.clear();
            remaining.addAll(RawTopicScan.find(bootstrap, topics, this::personalDataOrKey));
            remaining.addAll(DatabaseDump.find(db, this::personalDataOrKey));
            return remaining.isEmpty();
          });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("still readable after " + DEADLINE.plus(SLACK).toSeconds() + " s:\n  "
          + String.join("\n  ", remaining), e);
    }
  }

  @Test
  @Order(6)
  void theCaseAndItsOutcomeAreStillThereWithoutThePersonalData() {
    JsonNode theCase = processorCase();
    assertThat(theCase.path("status").asText()).isEqualTo("FEEDBACK_COLLECTED");
    assertThat(theCase.path("outcomes").toString()).contains(feedbackId, "FEEDBACK_RECEIVED");
    JsonNode task = deskTask("lead");
    assertThat(task.path("status").asText()).isEqualTo("DONE");
    assertThat(task.path("outcome").asText()).isEqualTo("FEEDBACK_RECEIVED");
    assertThat(CUSTOMER.foundIn(task.toString())).isEmpty();
    WinbackCase published = latestCase(caseId);
    assertThat(published.getStatus().name()).isEqualTo("FEEDBACK_COLLECTED");
    assertThat(published.getOutcomes()).anySatisfy(outcome ->
        assertThat(outcome.getOutcome().name()).isEqualTo("FEEDBACK_RECEIVED"));
  }

  @Test
  @Order(7)
  void theSubjectAccessReportAfterTheErasureListsNoneWithPersonalData() {
    WinbackCli.Run export = privacy("export", CUSTOMER.id);

    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(CUSTOMER.foundIn(export.out())).isEmpty();
    JsonNode parts = ServiceHttp.parse(export.out()).path("parts");
    assertThat(parts.path("churnProcessor").toString()).as("ids, statuses and dates stay").contains(caseId);
    assertThat(parts.path("outreachDesk").toString()).contains(taskId);
    assertThat(parts.path("customerKey").path("state").asText()).isEqualTo("ERASED");
    assertThat(parts.path("deadLetters").path("records")).allSatisfy(letter ->
        assertThat(letter.path("valueState").asText()).isIn("ERASED", "DROPPED"));
  }

  // ---- the world around Winback -----------------------------------------------------------------

  /**
   * Every catalogue topic before the services start, as they would create it, but compacted topics
   * compact within seconds: segments roll after {@link #COMPACTION} and the cleaner may take them
   * at once. (The processor's changelogs follow its own erasure deadline.)
   */
  private static void createTopics() throws Exception {
    try (Admin admin = KafkaTestBroker.get().admin()) {
      for (TopicSpec<?, ?> spec : Topics.ALL) {
        NewTopic topic = spec.newTopic((short) 1);
        if (spec.compacted()) {
          Map<String, String> configs = new HashMap<>(spec.configs());
          configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(COMPACTION.toMillis()));
          configs.put(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(COMPACTION.toMillis()));
          configs.put(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01");
          configs.put(TopicConfig.DELETE_RETENTION_MS_CONFIG, "1000");
          topic = new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(configs);
        }
        try {
          admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }

  /** Every topic Winback writes: the catalogue but billing's and the CRM's, and the processor's own. */
  private static List<String> scannedTopics() throws Exception {
    List<String> topics = new ArrayList<>(Topics.ALL.stream()
        .filter(topic -> topic != Topics.CANCELLATIONS && topic != Topics.RELATIONSHIPS)
        .map(TopicSpec::name).toList());
    try (Admin admin = KafkaTestBroker.get().admin()) {
      List<String> internal = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(name -> name.startsWith(applicationId + "-")).sorted().toList();
      assertThat(internal).as("the processor's changelogs").anyMatch(name -> name.endsWith("-changelog"));
      topics.addAll(internal);
    }
    return topics;
  }

  private List<String> personalDataOrKey(byte[] bytes) {
    List<String> found = new ArrayList<>(CUSTOMER.foundIn(bytes));
    if (bytes != null && keyBytes != null && UniqueCustomer.contains(bytes, keyBytes)) {
      found.add("the customer's key");
    }
    return found;
  }

  /** Another customer on the same partition of every customer-keyed topic: a case, a task, a key. */
  private static void bystander() {
    UniqueCustomer other = UniqueCustomer.create("C-by");
    while (partition(other.id) != partition(CUSTOMER.id)) {
      other = UniqueCustomer.create("C-by");
    }
    publish(Topics.RELATIONSHIPS, other.id, other.relationship());
    publish(Topics.CANCELLATIONS, other.id, other.cancellation());
  }

  /** Where a producer's default partitioner puts the key on a customer-keyed topic. */
  private static int partition(String customerId) {
    return Utils.toPositive(Utils.murmur2(customerId.getBytes(StandardCharsets.UTF_8))) % Topics.CUSTOMER_PARTITIONS;
  }

  private static <V> void publish(TopicSpec<String, V> topic, String key, V value) {
    TestProducers.sendAll(bootstrap, new StringSerializer(), topic.valueSerde().serializer(),
        List.of(new ProducerRecord<>(topic.name(), key, value)));
  }

  private static List<OutreachTask> tasksOf(String customerId) {
    return TestConsumers.readToEnd(bootstrap, Topics.TASKS_WRITTEN.name(), new StringDeserializer(),
        Topics.TASKS_WRITTEN.valueSerde().deserializer()).stream()
        .filter(record -> customerId.equals(record.key())).map(ConsumerRecord::value).toList();
  }

  private static List<ConsumerRecord<byte[], byte[]>> deadLettersOf(String customerId) {
    byte[] key = customerId.getBytes(StandardCharsets.UTF_8);
    return TestConsumers.readToEnd(bootstrap, Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer()).stream().filter(record -> Arrays.equals(record.key(), key)).toList();
  }

  /** The customer's key bytes on winback.keys.v1 now, or null. */
  private static byte[] currentKey(String customerId) {
    CustomerKey latest = null;
    for (ConsumerRecord<String, CustomerKey> record : TestConsumers.readToEnd(bootstrap, Topics.KEYS.name(),
        new StringDeserializer(), Topics.KEYS.valueSerde().deserializer())) {
      if (customerId.equals(record.key())) {
        latest = record.value();
      }
    }
    if (latest == null || latest.getKey() == null) {
      return null;
    }
    ByteBuffer buffer = latest.getKey().duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static WinbackCase latestCase(String id) {
    WinbackCase latest = null;
    for (ConsumerRecord<String, WinbackCase> record : TestConsumers.readToEnd(bootstrap, Topics.CASES.name(),
        new StringDeserializer(), Topics.CASES.valueSerde().deserializer())) {
      if (id.equals(record.key())) {
        latest = record.value();
      }
    }
    assertThat(latest).as("case " + id + " on " + Topics.CASES.name()).isNotNull();
    return latest;
  }

  private static int mailsTo(String address) {
    int count = 0;
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        for (Address recipient : message.getAllRecipients()) {
          if (recipient.toString().contains(address)) {
            count++;
          }
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return count;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    org.apache.kafka.common.header.Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static JsonNode deskTask(String user) {
    JsonNode task = desk().json("/api/tasks/" + taskId, user);
    return task == null ? ServiceHttp.JSON.createObjectNode() : task;
  }

  /** The case as the processor's case API has it (empty until it has one). */
  private static JsonNode processorCase() {
    JsonNode cases = processor().json("/customers/" + CUSTOMER.id + "/cases", "lead");
    if (cases != null) {
      for (JsonNode found : cases) {
        if (caseId.equals(found.path("caseId").asText())) {
          return found;
        }
      }
    }
    return ServiceHttp.JSON.createObjectNode();
  }

  private static WinbackCli.Run privacy(String... args) {
    List<String> all = new ArrayList<>(List.of("privacy"));
    all.addAll(List.of(args));
    all.addAll(List.of("--bootstrap-servers=" + bootstrap, "--processor-url=" + processor.url(""),
        "--desk-url=" + desk.url(""), "--user=dpo", "--password=dpo"));
    return WinbackCli.run(all.toArray(String[]::new));
  }

  /** The dead letter's payload as the topic monitor reveals it to an OPS_ADMIN (audited). */
  private JsonNode revealDeadLetter() {
    HttpResponse<String> response = monitor().postJson("/api/dead-letters/" + deadLetter.partition() + "/"
        + deadLetter.offset() + "/reveal", "opsadmin", "");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ServiceHttp.parse(response.body()).path("letter");
  }

  private static ServiceHttp monitor() {
    return new ServiceHttp(monitor.url(""));
  }

  private static ServiceHttp desk() {
    return new ServiceHttp(desk.url(""));
  }

  private static ServiceHttp processor() {
    return new ServiceHttp(processor.url(""));
  }
}
