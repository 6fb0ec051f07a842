package io.winback.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@KafkaIntegrationTest
class KafkaTestBrokerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void startsOneBrokerAndPublishesItToSpring(KafkaTestBroker broker) throws Exception {
    assertThat(KafkaTestBroker.kind()).isIn(KafkaTestBroker.EMBEDDED, KafkaTestBroker.CONTAINER);
    assertThat(KafkaTestBroker.bootstrapServers()).isNotBlank();
    assertThat(System.getProperty(KafkaBrokerExtension.SPRING_BOOTSTRAP_PROPERTY))
        .isEqualTo(KafkaTestBroker.bootstrapServers());
    assertThat(KafkaTestBroker.get()).isSameAs(broker);
    try (Admin admin = broker.admin()) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
    }
  }

  @Test
  void createsTopics(KafkaTestBroker broker) throws Exception {
    String topic = broker.createTopic(broker.uniqueTopic("created"), 3);

    try (Admin admin = broker.admin()) {
      var description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(description.get(topic).partitions()).hasSize(3);
    }
    assertThat(broker.uniqueTopic("created")).isNotEqualTo(broker.uniqueTopic("created"));
  }

  @Test
  void readCommittedSeesCommittedTransactionsButNotAbortedOnes(KafkaTestBroker broker) throws Exception {
    // One partition, so the expected order is the produce order.
    String topic = broker.createTopic(broker.uniqueTopic("tx"), 1);
    try (KafkaProducer<String, String> producer = TestProducers.transactional(
        KafkaTestBroker.bootstrapServers(), broker.uniqueTopic("tx-id"),
        new StringSerializer(), new StringSerializer())) {
      inTransaction(producer, topic, true, "committed-1", "committed-2");
      inTransaction(producer, topic, false, "aborted-1", "aborted-2");
      inTransaction(producer, topic, true, "committed-3");
    }

    List<ConsumerRecord<String, String>> records = TestConsumers.readAll(KafkaTestBroker.bootstrapServers(),
        topic, new StringDeserializer(), new StringDeserializer(), 3, TIMEOUT);

    assertThat(records).extracting(ConsumerRecord::value)
        .containsExactly("committed-1", "committed-2", "committed-3");
    // The aborted records are in the log (5 records + 3 transaction markers), just filtered out.
    assertThat(endOffset(broker, new TopicPartition(topic, 0))).isEqualTo(8);
  }

  @Test
  void readAllReturnsWhatArrivedWhenFewerThanExpected(KafkaTestBroker broker) {
    String topic = broker.createTopic(broker.uniqueTopic("short"), 3);
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), new StringSerializer(), new StringSerializer(),
        List.of(new ProducerRecord<>(topic, "k", "only-one")));

    List<ConsumerRecord<String, String>> records = TestConsumers.readAll(KafkaTestBroker.bootstrapServers(),
        topic, new StringDeserializer(), new StringDeserializer(), 2, Duration.ofSeconds(10));

    assertThat(records).extracting(ConsumerRecord::value).containsExactly("only-one");
  }

  @Test
  void readAllReturnsNothingForATopicThatNeverAppears(KafkaTestBroker broker) {
    List<ConsumerRecord<String, String>> records = TestConsumers.readAll(KafkaTestBroker.bootstrapServers(),
        broker.uniqueTopic("missing"), new StringDeserializer(), new StringDeserializer(), 1,
        Duration.ofSeconds(1));

    assertThat(records).isEmpty();
  }

  @Test
  void rejectsAnUnknownForcedBrokerKind() {
    String previous = System.getProperty(KafkaTestBroker.CHOICE_PROPERTY);
    try {
      System.setProperty(KafkaTestBroker.CHOICE_PROPERTY, "Embedded ");
      assertThat(KafkaTestBroker.forcedChoice()).isEqualTo(KafkaTestBroker.EMBEDDED);
      System.setProperty(KafkaTestBroker.CHOICE_PROPERTY, "podman");
      assertThatThrownBy(KafkaTestBroker::forcedChoice).hasMessageContaining("podman");
    } finally {
      if (previous == null) {
        System.clearProperty(KafkaTestBroker.CHOICE_PROPERTY);
      } else {
        System.setProperty(KafkaTestBroker.CHOICE_PROPERTY, previous);
      }
    }
  }

  private static long endOffset(KafkaTestBroker broker, TopicPartition partition) throws Exception {
    try (Admin admin = broker.admin()) {
      return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
          .partitionResult(partition).get(30, TimeUnit.SECONDS).offset();
    }
  }

  private static void inTransaction(KafkaProducer<String, String> producer, String topic, boolean commit,
      String... values) {
    producer.beginTransaction();
    for (String value : values) {
      producer.send(new ProducerRecord<>(topic, "key", value));
    }
    if (commit) {
      producer.commitTransaction();
    } else {
      producer.flush(); // make sure the aborted records really reached the log
      producer.abortTransaction();
    }
  }

  @Test
  void readToEndReadsEverythingCommittedSoFarAndNothingAborted(KafkaTestBroker broker) {
    String topic = broker.createTopic(broker.uniqueTopic("to-end"), 3);
    TestProducers.sendAll(KafkaTestBroker.bootstrapServers(), new StringSerializer(), new StringSerializer(),
        List.of(new ProducerRecord<>(topic, "a", "1"), new ProducerRecord<>(topic, "b", "2"),
            new ProducerRecord<>(topic, "c", "3")));
    try (var producer = TestProducers.transactional(KafkaTestBroker.bootstrapServers(), "to-end-" + topic,
        new StringSerializer(), new StringSerializer())) {
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "d", "aborted"));
      producer.abortTransaction();
    }

    List<ConsumerRecord<String, String>> records = TestConsumers.readToEnd(KafkaTestBroker.bootstrapServers(),
        topic, new StringDeserializer(), new StringDeserializer());

    assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("1", "2", "3");
  }
}
