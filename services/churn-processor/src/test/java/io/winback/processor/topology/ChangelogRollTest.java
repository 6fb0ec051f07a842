package io.winback.processor.topology;

import static io.winback.processor.topology.ChurnTopologyTest.MONDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every roll interval each changelog that can hold personal data, and the task's partition of
 * winback.keys.v1, get a record even when nothing happens: a tombstone of a key nothing has, so the
 * broker rolls a quiet partition's segment and the log cleaner can take away what an erasure
 * superseded.
 */
class ChangelogRollTest {

  static final Duration ROLL = Duration.ofHours(3);

  final TopologyHarness app = new TopologyHarness(MONDAY_MORNING,
      new Housekeeping(Duration.ofDays(400), Duration.ofMinutes(1), 1_000, ROLL));

  @AfterEach
  void close() {
    app.close();
  }

  @Test
  void aQuietPartitionStillWritesToEachPersonalChangelogEveryRollInterval() {
    app.advance(ROLL.plusSeconds(1));

    for (String store : StoreNames.PERSONAL) {
      var changelog = app.driver.createOutputTopic("churn-test-" + store + "-changelog",
          Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
      assertThat(changelog.readRecordsToList()).as(store).singleElement().satisfies((TestRecord<String, byte[]> r) -> {
        assertThat(r.key()).isEqualTo(CaseStores.ROLL_KEY);
        assertThat(r.value()).isNull();
      });
    }
    assertThat(app.driver.getKeyValueStore(StoreNames.CASES).approximateNumEntries()).as("nothing stored").isZero();
  }

  @Test
  void theKeysTopicGetsATombstoneOfAKeyNoCustomerHasInThePartitionOfTheTask() {
    app.advance(ROLL.plusSeconds(1));

    assertThat(app.keyRecords()).singleElement().satisfies(roll -> {
      assertThat(roll.key()).isEqualTo(CustomerKeys.rollKeyFor(0, io.winback.schemas.topics.Topics.KEYS.partitions()));
      assertThat(roll.key()).startsWith("\u0000");
      assertThat(roll.value()).isNull();
    });
  }

  @Test
  void theRollKeyOfEachPartitionOfTheKeysTopicHashesToThatPartition() {
    int partitions = io.winback.schemas.topics.Topics.KEYS.partitions();
    for (int partition = 0; partition < partitions; partition++) {
      byte[] key = CustomerKeys.rollKeyFor(partition, partitions).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(key, partitions))
          .isEqualTo(partition);
    }
  }
}
