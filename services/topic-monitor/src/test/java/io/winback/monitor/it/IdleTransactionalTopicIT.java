package io.winback.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestProducers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The processor writes its outputs in transactions, so each batch ends with a commit marker that
 * takes an offset. A reader that committed right after the last record shows a lag of one forever,
 * with nothing left to read. Kafka's tools report that lag and so does the monitor; but it is not a
 * backlog, so it must not alarm, while a real record waiting behind the same marker must.
 */
class IdleTransactionalTopicIT extends MonitorItBase {

  @Test
  void aLagOfOnlyATransactionMarkerIsReportedButRaisesNoAlarm() {
    awaitCatalogue();
    String bootstrap = KafkaTestBroker.bootstrapServers();
    // The in-person tasks topic is this test's alone.
    TopicPartition partition = new TopicPartition(Topics.TASKS_IN_PERSON.name(), 0);
    try (KafkaProducer<byte[], byte[]> producer = TestProducers.transactional(bootstrap,
        "idle-it-" + UUID.randomUUID(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.beginTransaction();
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), null, new byte[] {(byte) i}));
      }
      producer.commitTransaction(); // records at 0, 1, 2; the commit marker at 3; end offset 4
    }
    String caughtUp = "idle-it-" + UUID.randomUUID().toString().substring(0, 8);
    String behind = "behind-it-" + UUID.randomUUID().toString().substring(0, 8);
    commit(bootstrap, caughtUp, partition, 3);
    commit(bootstrap, behind, partition, 2);

    // Both groups have no member and commit no more. The one with a real record waiting stops...
    JsonNode stopped = await().atMost(Duration.ofSeconds(30)).until(() -> partitionOf(behind, partition),
        json -> "STOP".equals(json.path("status").asText()));
    assertThat(stopped.path("lagRecords").asLong()).isEqualTo(2);
    assertThat(stopped.path("lagSeconds").asDouble()).isPositive();

    // ... the one with only the marker left stays OK, with Kafka's lag of one and no time lag.
    JsonNode idle = partitionOf(caughtUp, partition);
    assertThat(idle.path("endOffset").asLong()).isEqualTo(4);
    assertThat(idle.path("committedOffset").asLong()).isEqualTo(3);
    assertThat(idle.path("lagRecords").asLong()).isEqualTo(1);
    assertThat(idle.path("lagSeconds").asDouble()).isZero();
    assertThat(idle.path("status").asText()).isEqualTo("OK");
    assertThat(idle.path("reason").asText()).isEqualTo("only transaction markers left to read");
  }

  private JsonNode partitionOf(String group, TopicPartition partition) {
    for (JsonNode candidate : http().json("/api/lag", OPS).path("groups")) {
      if (!candidate.path("group").asText().equals(group)) {
        continue;
      }
      for (JsonNode topic : candidate.path("topics")) {
        for (JsonNode p : topic.path("partitions")) {
          if (topic.path("topic").asText().equals(partition.topic()) && p.path("partition").asInt() == partition.partition()) {
            return p;
          }
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static void commit(String bootstrap, String group, TopicPartition partition, long offset) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
    }
  }
}
