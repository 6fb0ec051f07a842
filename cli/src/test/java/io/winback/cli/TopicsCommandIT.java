package io.winback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.topics.TopicProvisioner;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaIntegrationTest;
import io.winback.testsupport.KafkaTestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@KafkaIntegrationTest
class TopicsCommandIT {

  @Test
  void listsTheCatalogueWithEndOffsetsAndTheLagOfEachGroup(KafkaTestBroker broker, @TempDir Path dir) throws Exception {
    String bootstrap = broker.bootstrapServers();
    try (Admin admin = broker.admin()) {
      TopicProvisioner.ensureAll(admin);
      Path input = Files.writeString(dir.resolve("in.jsonl"),
          ProduceAndTailIT.cancellation("e-" + UUID.randomUUID(), "C-lag") + "\n");
      assertThat(CliRun.of(bootstrap, "produce", Topics.CANCELLATIONS.name(), input.toString()).exitCode()).isZero();
      // A group that has read nothing: it commits offset 0 on every partition of the topic.
      String group = "lag-test-" + UUID.randomUUID();
      Map<TopicPartition, OffsetAndMetadata> zero = new java.util.HashMap<>();
      for (int p = 0; p < Topics.CANCELLATIONS.partitions(); p++) {
        zero.put(new TopicPartition(Topics.CANCELLATIONS.name(), p), new OffsetAndMetadata(0));
      }
      admin.alterConsumerGroupOffsets(group, zero).all().get();

      CliRun json = CliRun.of(bootstrap, "topics", "--json");
      CliRun table = CliRun.of(bootstrap, "topics");

      JsonNode root = JsonRecords.mapper().readTree(json.out());
      JsonNode cancellations = find(root.get("topics"), "name", Topics.CANCELLATIONS.name());
      assertThat(cancellations.get("partitions").asInt()).isEqualTo(6);
      assertThat(cancellations.get("cleanupPolicy").asText()).isEqualTo("delete");
      long end = cancellations.get("endOffsets").asLong();
      assertThat(end).isPositive();
      JsonNode lag = find(root.get("consumerGroups"), "group", group);
      assertThat(lag.get("topic").asText()).isEqualTo(Topics.CANCELLATIONS.name());
      assertThat(lag.get("lag").asLong()).isEqualTo(end);
      assertThat(root.get("topics")).hasSize(Topics.ALL.size());
      assertThat(table.out()).contains("crm.relationships.v1").contains("compact").contains("forever")
          .contains(group);
    }
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode node : array) {
      if (value.equals(node.get(field).asText())) {
        return node;
      }
    }
    throw new AssertionError("no " + field + "=" + value + " in " + array);
  }

}
