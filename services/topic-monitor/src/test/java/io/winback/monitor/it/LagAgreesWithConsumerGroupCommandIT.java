package io.winback.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestProducers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * GET /api/lag gives, partition by partition, the same committed offset, log-end offset and lag
 * as Kafka's own `kafka-consumer-groups.sh --describe` on the same broker; and the time lag and
 * status make sense for a group that consumed part of a topic and went away.
 */
class LagAgreesWithConsumerGroupCommandIT extends MonitorItBase {

  private static final int RECORDS = 40;
  private static final int CONSUMED = 15;
  private static final long AGE_MILLIS = 60_000;

  @Test
  void lagPerPartitionEqualsWhatKafkasConsumerGroupsToolReports() {
    awaitCatalogue();
    String bootstrap = KafkaTestBroker.bootstrapServers();
    // The feedback topic: no other IT writes to it, so its end offsets hold still during the comparison.
    String topic = Topics.FEEDBACK.name();
    String group = "lag-it-" + UUID.randomUUID().toString().substring(0, 8);

    long written = Instant.now().toEpochMilli() - AGE_MILLIS;
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      // Lag does not look at values; the timestamp, a minute back, makes the time lag measurable.
      records.add(new ProducerRecord<>(topic, null, written, "C-" + i, ("feedback " + i).getBytes()));
    }
    TestProducers.sendAll(bootstrap, new StringSerializer(), new ByteArraySerializer(), records);
    Map<TopicPartition, Long> committed = consumeSomeAndCommit(bootstrap, topic, group);

    // The monitor has seen the commits...
    await().atMost(Duration.ofSeconds(30)).until(() -> committedIn(http().json("/api/lag", OPS), group, topic)
        .equals(committed));

    // ... Kafka's tool describes the group ...
    long toolRan = Instant.now().toEpochMilli();
    ConsumerGroupsTool.Result tool = ConsumerGroupsTool.describe(bootstrap, group);
    assertThat(tool.exitCode()).as(tool.output()).isZero();
    List<ConsumerGroupsTool.Row> rows = tool.rows().stream().filter(row -> row.topic().equals(topic)).toList();
    assertThat(rows).as(tool.output()).hasSize(Topics.FEEDBACK.partitions());

    // ... and a sample taken after it agrees, partition by partition.
    JsonNode lag = await().atMost(Duration.ofSeconds(30)).until(() -> http().json("/api/lag", OPS),
        json -> Instant.parse(json.path("sampledAt").asText()).toEpochMilli() > toolRan);
    Map<Integer, JsonNode> partitions = partitions(lag, group, topic);
    assertThat(partitions.keySet()).containsExactlyInAnyOrderElementsOf(
        rows.stream().map(ConsumerGroupsTool.Row::partition).toList());
    long laggingPartitions = 0;
    for (ConsumerGroupsTool.Row row : rows) {
      JsonNode ours = partitions.get(row.partition());
      assertThat(ours.path("committedOffset").asLong()).as("CURRENT-OFFSET of partition %d", row.partition())
          .isEqualTo(row.currentOffset());
      assertThat(ours.path("endOffset").asLong()).as("LOG-END-OFFSET of partition %d", row.partition())
          .isEqualTo(row.logEndOffset());
      assertThat(ours.path("lagRecords").asLong()).as("LAG of partition %d", row.partition()).isEqualTo(row.lag());
      // Time lag: the oldest unconsumed record was written a minute before the test ran.
      double seconds = ours.path("lagSeconds").asDouble();
      if (row.lag() > 0) {
        laggingPartitions++;
        assertThat(seconds).as("lag in seconds of partition %d", row.partition())
            .isGreaterThanOrEqualTo(AGE_MILLIS / 1000.0).isLessThan(AGE_MILLIS / 1000.0 + 600);
      } else {
        assertThat(seconds).isZero();
      }
    }
    assertThat(laggingPartitions).isPositive();
    assertThat(rows.stream().mapToLong(ConsumerGroupsTool.Row::lag).sum()).isEqualTo(RECORDS - CONSUMED);

    // The group left with records waiting and commits no more: Burrow's STOP, once a window has passed.
    JsonNode stopped = await().atMost(Duration.ofSeconds(30)).until(
        () -> group(http().json("/api/lag", OPS), group), json -> "STOP".equals(json.path("status").asText()));
    assertThat(stopped.path("members").asInt()).isZero();
    assertThat(stopped.path("lagRecords").asLong()).isEqualTo(RECORDS - CONSUMED);
  }

  /** Joins the group, reads {@value #CONSUMED} records, commits where it got to on every partition, leaves. */
  private static Map<TopicPartition, Long> consumeSomeAndCommit(String bootstrap, String topic, String group) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    Map<TopicPartition, Long> committed = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      int read = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (read < CONSUMED && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      assertThat(read).isEqualTo(CONSUMED);
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      consumer.assignment().forEach(partition -> {
        long position = consumer.position(partition);
        offsets.put(partition, new OffsetAndMetadata(position));
        committed.put(partition, position);
      });
      consumer.commitSync(offsets);
    }
    assertThat(committed).hasSize(Topics.FEEDBACK.partitions());
    return committed;
  }

  private static JsonNode group(JsonNode lag, String group) {
    for (JsonNode candidate : lag.path("groups")) {
      if (candidate.path("group").asText().equals(group)) {
        return candidate;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static Map<Integer, JsonNode> partitions(JsonNode lag, String group, String topic) {
    Map<Integer, JsonNode> partitions = new HashMap<>();
    for (JsonNode candidate : group(lag, group).path("topics")) {
      if (candidate.path("topic").asText().equals(topic)) {
        candidate.path("partitions").forEach(p -> partitions.put(p.path("partition").asInt(), p));
      }
    }
    return partitions;
  }

  private static Map<TopicPartition, Long> committedIn(JsonNode lag, String group, String topic) {
    Map<TopicPartition, Long> committed = new HashMap<>();
    partitions(lag, group, topic).forEach((partition, json) ->
        committed.put(new TopicPartition(topic, partition), json.path("committedOffset").asLong()));
    return committed;
  }
}
