package io.winback.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.events.Consent;
import io.winback.events.CustomerRelationship;
import io.winback.monitor.TopicMonitorApplication;
import io.winback.monitor.deadletters.DeadLetterFixtures;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestConsumers;
import io.winback.testsupport.TestProducers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Redrive on a real broker cannot overwrite newer data: a stale record of the compacted CRM topic
 * is refused while a newer one exists or after the customer was erased, a record whose source is
 * an output topic is refused, and what was redriven is kept on the audit topic, so a restarted
 * monitor (and every other instance) knows it and will not redrive it again. Reveals of the
 * payload, kept in the same history, neither count as a redrive nor make one be forgotten.
 */
class SafeRedriveIT extends MonitorItBase {

  private final String bootstrap = KafkaTestBroker.bootstrapServers();

  @Test
  void aStaleCrmRecordIsRefusedWhileANewerOneExistsAndNothingIsWritten() {
    awaitCatalogue();
    String customer = customer();
    RecordMetadata stale = relationship(customer, true);
    RecordMetadata newer = relationship(customer, false); // the customer withdrew email consent
    RecordMetadata letter = deadLetterOf(Topics.RELATIONSHIPS.name(), customer, stale, relationshipBytes(customer, true));

    JsonNode result = redrive(port, letter);

    assertThat(result.path("outcome").asText()).isEqualTo("REFUSED");
    assertThat(result.path("note").asText()).contains("a newer record for this key exists", "offset " + newer.offset());
    assertThat(lastValueOf(customer)).as("the consent withdrawal stands").isEqualTo(relationshipBytes(customer, false));
  }

  @Test
  void aCrmRecordOfACustomerErasedSinceIsRefused() {
    awaitCatalogue();
    String customer = customer();
    RecordMetadata record = relationship(customer, true);
    erase(customer);
    RecordMetadata letter = deadLetterOf(Topics.RELATIONSHIPS.name(), customer, record, relationshipBytes(customer, true));

    JsonNode result = redrive(port, letter);

    assertThat(result.path("outcome").asText()).isEqualTo("REFUSED");
    assertThat(result.path("note").asText()).contains("erased");
    assertThat(lastValueOf(customer)).as("still erased").isNull();
  }

  @Test
  void theLatestCrmRecordOfItsKeyGoesBackToItsPartition() {
    awaitCatalogue();
    String customer = customer();
    RecordMetadata record = relationship(customer, true);
    RecordMetadata letter = deadLetterOf(Topics.RELATIONSHIPS.name(), customer, record, relationshipBytes(customer, true));

    JsonNode result = redrive(port, letter);

    assertThat(result.path("outcome").asText()).isEqualTo("REDRIVEN");
    assertThat(result.path("targetPartition").asInt()).isEqualTo(record.partition());
    assertThat(result.path("targetOffset").asLong()).isGreaterThan(record.offset());
    assertThat(lastValueOf(customer)).isEqualTo(relationshipBytes(customer, true));
  }

  @Test
  void aDeadLetterFromAnOutputTopicIsRefused() {
    awaitCatalogue();
    String caseId = "case-" + UUID.randomUUID();
    RecordHeaders headers = DeadLetterFixtures.headers(Topics.CASES.name(), "could not apply the case");
    RecordMetadata letter = TestProducers.sendAll(bootstrap, new ByteArraySerializer(), new ByteArraySerializer(),
        List.of(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, utf8(caseId), new byte[] {1, 2}, headers)))
        .get(0);

    JsonNode result = redrive(port, letter);

    assertThat(result.path("outcome").asText()).isEqualTo("REFUSED");
    assertThat(result.path("note").asText()).contains("not an input of the processor");
  }

  @Test
  void aRestartedMonitorStillKnowsWhatWasRedrivenAndSoDoesEveryOtherInstanceWhateverWasRevealed() {
    awaitCatalogue();
    String customer = customer();
    byte[] value = DeadLetterFixtures.cancellationBytes(customer);
    RecordMetadata letter = TestProducers.sendAll(bootstrap, new ByteArraySerializer(), new ByteArraySerializer(),
        List.of(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, utf8(customer), value,
            DeadLetterFixtures.headers(Topics.CANCELLATIONS.name(), "contract ends before it was cancelled")))).get(0);

    String redriveId;
    try (ConfigurableApplicationContext first = startMonitor()) {
      assertThat(reveal(portOf(first), letter)).as("a reveal first is no redrive").isEqualTo("REVEALED");
      JsonNode result = redrive(portOf(first), letter);
      assertThat(result.path("outcome").asText()).isEqualTo("REDRIVEN");
      redriveId = result.path("id").asText();
    }

    try (ConfigurableApplicationContext restarted = startMonitor()) {
      int restartedPort = portOf(restarted);
      JsonNode audit = new Http(restartedPort).json("/api/dead-letters/audit", ADMIN);
      assertThat(audit.findValuesAsText("id")).contains(redriveId);
      // A reveal rewrites the letter's history: the redrive must stay in it.
      assertThat(reveal(restartedPort, letter)).isEqualTo("REVEALED");
      JsonNode again = redrive(restartedPort, letter);
      assertThat(again.path("outcome").asText()).isEqualTo("SKIPPED");
      assertThat(again.path("note").asText()).contains("already redriven by " + ADMIN + " (" + redriveId + ")");
    }

    // The monitor that ran all along saw it too.
    assertThat(redrive(port, letter).path("outcome").asText()).isEqualTo("SKIPPED");
    long copies = TestConsumers.readToEnd(bootstrap, Topics.CANCELLATIONS.name(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer()).stream().filter(record -> Arrays.equals(record.key(), utf8(customer))).count();
    assertThat(copies).as("sent back once, by three instances asked").isEqualTo(1);
    List<String> history = new java.util.ArrayList<>();
    for (JsonNode entry : http().json("/api/dead-letters/audit", ADMIN)) {
      if (entry.path("dlqPartition").asInt() == letter.partition() && entry.path("dlqOffset").asLong() == letter.offset()) {
        history.add(0, entry.path("outcome").asText()); // the API lists newest first
      }
    }
    assertThat(history).containsExactly("REVEALED", "REDRIVEN", "REVEALED", "SKIPPED", "SKIPPED");
  }

  private ConfigurableApplicationContext startMonitor() {
    // Arguments, not default properties: those would lose to application.yml's fixed port 8082.
    return new SpringApplicationBuilder(TopicMonitorApplication.class).profiles("embedded").run(
        "--server.port=0",
        "--spring.kafka.bootstrap-servers=" + bootstrap,
        "--winback.monitor.sample-interval=500ms");
  }

  private static int portOf(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** The outcome of a reveal on that monitor. */
  private static String reveal(int monitorPort, RecordMetadata letter) {
    HttpResponse<String> response = new Http(monitorPort).post("/api/dead-letters/" + letter.partition() + "/"
        + letter.offset() + "/reveal", ADMIN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.parse(response).path("audit").path("outcome").asText();
  }

  private JsonNode redrive(int monitorPort, RecordMetadata letter) {
    HttpResponse<String> response = new Http(monitorPort).postJson("/api/dead-letters/redrive", ADMIN,
        "{\"records\":[{\"partition\":" + letter.partition() + ",\"offset\":" + letter.offset() + "}]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      return Http.JSON.readTree(response.body()).path("results").get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String customer() {
    return "C-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private RecordMetadata relationship(String customer, boolean emailConsent) {
    return TestProducers.sendAll(bootstrap, new ByteArraySerializer(), new ByteArraySerializer(), List.of(
        new ProducerRecord<>(Topics.RELATIONSHIPS.name(), utf8(customer), relationshipBytes(customer, emailConsent))))
        .get(0);
  }

  private void erase(String customer) {
    TestProducers.sendAll(bootstrap, new ByteArraySerializer(), new ByteArraySerializer(),
        List.of(new ProducerRecord<>(Topics.RELATIONSHIPS.name(), utf8(customer), (byte[]) null)));
  }

  private static byte[] relationshipBytes(String customer, boolean emailConsent) {
    CustomerRelationship relationship = CustomerRelationship.newBuilder()
        .setCustomerId(customer)
        .setFirstName("Anna")
        .setLastName("Schmidt")
        .setEmail("anna@example.org")
        .setConsent(new Consent(emailConsent, false, false, false, false))
        .setCustomerSince(LocalDate.parse("2020-01-01"))
        .build();
    return Topics.RELATIONSHIPS.valueSerde().serializer().serialize(Topics.RELATIONSHIPS.name(), relationship);
  }

  /** A dead letter as a service writes it for the record at {@code source}. */
  private RecordMetadata deadLetterOf(String topic, String customer, RecordMetadata source, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(topic));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(source.offset())));
    headers.add(DeadLetterHeaders.ERROR_CLASS, utf8("io.winback.processor.intake.InvalidInputException"));
    headers.add(DeadLetterHeaders.ERROR_MESSAGE, utf8("lastName is blank"));
    headers.add(DeadLetterHeaders.SERVICE, utf8("churn-processor"));
    return TestProducers.sendAll(bootstrap, new ByteArraySerializer(), new ByteArraySerializer(),
        List.of(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, utf8(customer), value, headers))).get(0);
  }

  /** The value of the customer's last record on the CRM topic (null for a tombstone). */
  private byte[] lastValueOf(String customer) {
    List<ConsumerRecord<byte[], byte[]>> records = TestConsumers.readToEnd(bootstrap, Topics.RELATIONSHIPS.name(),
        new ByteArrayDeserializer(), new ByteArrayDeserializer()).stream()
        .filter(record -> Arrays.equals(record.key(), utf8(customer))).toList();
    assertThat(records).isNotEmpty();
    return records.get(records.size() - 1).value();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
