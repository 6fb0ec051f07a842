package io.winback.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void namesAreUniqueAndVersioned() {
    assertThat(new HashSet<>(Topics.names())).hasSameSizeAs(Topics.ALL);
    assertThat(Topics.names()).allMatch(name -> name.matches("[a-z-]+(\\.[a-z-]+)+\\.v\\d+"));
  }

  @Test
  void customerKeyedTopicsAreCoPartitionedForJoins() {
    List<TopicSpec<?, ?>> byCustomer = Topics.ALL.stream()
        .filter(topic -> "customerId".equals(topic.keyField())).toList();

    assertThat(byCustomer).hasSizeGreaterThanOrEqualTo(5)
        .allMatch(topic -> topic.partitions() == Topics.CUSTOMER_PARTITIONS);
  }

  @Test
  void theKeyIsAFieldOfEveryAvroValue() {
    Topics.ALL.stream().filter(topic -> topic.valueSchema().isPresent()).forEach(topic ->
        assertThat(topic.valueSchema().get().getField(topic.keyField()))
            .as("key field %s of %s", topic.keyField(), topic.name()).isNotNull());
  }

  @Test
  void compactedTopicsKeepTheirRecordsAndOthersExpire() {
    assertThat(Topics.RELATIONSHIPS.configs()).containsEntry("cleanup.policy", "compact")
        .containsEntry("retention.ms", "-1");
    assertThat(Topics.CANCELLATIONS.configs()).containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(java.time.Duration.ofDays(90).toMillis()));
    assertThat(Topics.byName("winback.dlq.v1")).contains(Topics.DEAD_LETTERS);
  }

  @Test
  void onlyTheProcessorsInputsMayBeRedrivenTo() {
    assertThat(Topics.INPUTS).containsExactly(Topics.CANCELLATIONS, Topics.RELATIONSHIPS, Topics.FEEDBACK);
    assertThat(Topics.ALL).containsAll(Topics.INPUTS);
  }

  @Test
  void theRedriveAuditIsACompactedCatalogueTopicKeyedByTheLetter() {
    assertThat(Topics.ALL).contains(Topics.REDRIVE_AUDIT);
    assertThat(Topics.REDRIVE_AUDIT.compacted()).isTrue();
    assertThat(Topics.REDRIVE_AUDIT.keyField()).isEqualTo("letterId");
  }
}
