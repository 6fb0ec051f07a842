package io.winback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestConsumers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code winback produce} and {@code winback tail} against a real broker. */
@KafkaIntegrationTest
class ProduceAndTailIT {

  @TempDir
  Path dir;

  private final String bootstrap = KafkaTestBroker.bootstrapServers();

  @Test
  void publishesValidLinesKeyedByCustomerAndRejectsBadOnesWithTheirLineNumber() throws IOException {
    String customer = unique("C");
    Path input = lines(
        cancellation("evt-" + customer, customer),
        "{\"eventId\":\"x\",\"type\":\"CANCELED\",\"customerId\":\"" + customer + "\"}",
        "",
        "{not json");

    CliRun run = CliRun.of(bootstrap, "produce", Topics.CANCELLATIONS.name(), input.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("line 2: field type: 'CANCELED' is not one of [CANCELLED, WITHDRAWN]")
        .contains("line 4: not valid JSON")
        .contains("published 1 record(s) to billing.cancellations.v1; 2 bad line(s) not published");
    List<ConsumerRecord<String, CancellationEvent>> published = readCancellationsOf(customer, 1);
    assertThat(published).singleElement().satisfies(record -> {
      assertThat(record.key()).isEqualTo(customer);
      assertThat(record.value().getEventId()).isEqualTo("evt-" + customer);
      assertThat(record.value().getMonthlyRevenue()).isEqualByComparingTo("49.90");
    });
  }

  @Test
  void strictPublishesNothingWhenAnyLineIsBad() throws IOException {
    String customer = unique("C");
    Path input = lines(cancellation("evt-" + customer, customer), "{\"eventId\":\"only\"}");

    CliRun run = CliRun.of(bootstrap, "produce", "--strict", Topics.CANCELLATIONS.name(), input.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("line 2: field type: missing (required)").contains("nothing published");
    assertThat(readCancellationsOf(customer, 1)).isEmpty();
  }

  @Test
  void tailPrintsWhatProduceTookAsJson() throws Exception {
    String customer = unique("C");
    String line = cancellation("evt-" + customer, customer);
    assertThat(CliRun.of(bootstrap, "produce", Topics.CANCELLATIONS.name(), lines(line).toString()).exitCode())
        .isZero();

    CliRun tail = CliRun.of(bootstrap, "tail", Topics.CANCELLATIONS.name(), "--from-beginning", "--timeout", "3");

    JsonNode printed = tail.outLines().stream().map(ProduceAndTailIT::json)
        .filter(record -> customer.equals(record.get("key").asText())).findFirst().orElseThrow();
    assertThat(printed.get("topic").asText()).isEqualTo(Topics.CANCELLATIONS.name());
    assertThat(printed.has("partition")).isTrue();
    assertThat(printed.has("offset")).isTrue();
    assertThat(printed.get("headers").isObject()).isTrue();
    assertThat(printed.get("value")).isEqualTo(JsonRecords.toJson(
        JsonRecords.<CancellationEvent>fromJson(json(line), CancellationEvent.getClassSchema())));
    assertThat(printed.get("value").get("occurredAt").asText()).isEqualTo("2026-11-20T09:15:00Z");
  }

  @Test
  void tailStopsAfterMaxRecords() throws IOException {
    String customer = unique("C");
    CliRun.of(bootstrap, "produce", Topics.CANCELLATIONS.name(), lines(
        cancellation("a-" + customer, customer), cancellation("b-" + customer, customer)).toString());

    CliRun tail = CliRun.of(bootstrap, "tail", Topics.CANCELLATIONS.name(), "--from-beginning", "--max", "1");

    assertThat(tail.exitCode()).isZero();
    assertThat(tail.outLines()).hasSize(1);
  }

  @Test
  void tailShowsOnlyCommittedRecords() throws Exception {
    String committed = unique("T");
    String aborted = unique("T");
    try (KafkaProducer<String, CustomerRelationship> producer = io.winback.testsupport.TestProducers.transactional(
        bootstrap, "cli-test-" + UUID.randomUUID(), new StringSerializer(), Topics.RELATIONSHIPS.valueSerde().serializer())) {
      CustomerRelationship relationship = relationship();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(Topics.RELATIONSHIPS.name(), aborted, relationship));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(Topics.RELATIONSHIPS.name(), committed, relationship));
      producer.commitTransaction();
    }

    CliRun tail = CliRun.of(bootstrap, "tail", Topics.RELATIONSHIPS.name(), "--from-beginning", "--timeout", "3");

    assertThat(tail.out()).contains("\"key\":\"" + committed + "\"").doesNotContain(aborted);
  }

  @Test
  void aNullValuePublishesATombstoneOnACompactedTopicOnly() throws IOException {
    String customer = unique("C");

    CliRun tombstone = CliRun.of(bootstrap, "produce", Topics.RELATIONSHIPS.name(),
        lines("{\"key\":\"" + customer + "\",\"value\":null}").toString());
    CliRun refused = CliRun.of(bootstrap, "produce", Topics.CANCELLATIONS.name(),
        lines("{\"key\":\"" + customer + "\",\"value\":null}").toString());

    assertThat(tombstone.exitCode()).isZero();
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("line 1: field value: a null value (tombstone) is only allowed on compacted topics");
    List<ConsumerRecord<String, String>> records = TestConsumers.readToEnd(bootstrap, Topics.RELATIONSHIPS.name(),
        new StringDeserializer(), new StringDeserializer());
    assertThat(records).filteredOn(record -> customer.equals(record.key()))
        .singleElement().satisfies(record -> assertThat(record.value()).isNull());
  }

  @Test
  void anUnknownTopicIsAUsageError() {
    CliRun run = CliRun.of(bootstrap, "produce", "billing.cancelations.v1", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown topic 'billing.cancelations.v1'").contains("billing.cancellations.v1");
  }

  @Test
  void anUnreachableBrokerIsReportedPlainly() throws IOException {
    CliRun run = CliRun.of("127.0.0.1:1", "produce", Topics.CANCELLATIONS.name(),
        lines(cancellation("e", "c")).toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("cannot reach Kafka at 127.0.0.1:1");
  }

  private List<ConsumerRecord<String, CancellationEvent>> readCancellationsOf(String customer, int expected) {
    return TestConsumers.readToEnd(bootstrap, Topics.CANCELLATIONS.name(), new StringDeserializer(),
            Topics.CANCELLATIONS.valueSerde().deserializer())
        .stream().filter(record -> customer.equals(record.key())).toList();
  }

  private Path lines(String... lines) throws IOException {
    Path file = Files.createTempFile(dir, "input", ".jsonl");
    Files.write(file, List.of(lines));
    return file;
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String cancellation(String eventId, String customerId) {
    return "{\"eventId\":\"" + eventId + "\",\"type\":\"CANCELLED\",\"customerId\":\"" + customerId
        + "\",\"contractId\":\"K-77\",\"product\":\"Glasfaser 250\",\"occurredAt\":\"2026-11-20T09:15:00Z\","
        + "\"effectiveAt\":\"2027-01-31\",\"reason\":\"PRICE\",\"monthlyRevenue\":49.90}";
  }

  private static CustomerRelationship relationship() {
    return JsonRecords.fromJson(json("{\"customerId\":\"x\",\"firstName\":\"Anna\",\"lastName\":\"Schmidt\","
        + "\"consent\":{},\"customerSince\":\"2015-03-01\"}"), CustomerRelationship.getClassSchema());
  }

  private static JsonNode json(String text) {
    try {
      return JsonRecords.mapper().readTree(text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
