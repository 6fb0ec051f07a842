package io.winback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The KafkaTopics of each overlay are exactly the catalogue, laid out as the catalogue says. */
class KafkaTopicsTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void everyKafkaTopicIsACatalogueTopicAndEveryCatalogueTopicHasOne(String overlay) {
    Map<String, Map<String, Object>> byTopic = new TreeMap<>();
    for (Map<String, Object> topic : Kustomize.overlay(overlay).ofKind("KafkaTopic")) {
      String name = topicName(topic);
      assertThat(byTopic.put(name, topic)).as("%s: two KafkaTopics for %s", overlay, name).isNull();
    }
    assertThat(byTopic.keySet())
        .as("%s: KafkaTopics vs io.winback.schemas.topics.Topics.ALL", overlay)
        .containsExactlyInAnyOrderElementsOf(Topics.names());
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void partitionsCleanupAndRetentionAreTheCatalogues(String overlay) {
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> topic : Kustomize.overlay(overlay).ofKind("KafkaTopic")) {
      String name = topicName(topic);
      TopicSpec<?, ?> spec = Topics.byName(name).orElse(null);
      if (spec == null) {
        continue; // reported by the test above
      }
      softly.assertThat(Manifests.integer(topic, "spec", "partitions")).as("%s %s partitions", overlay, name)
          .isEqualTo(spec.partitions());
      Map<String, Object> config = Manifests.map(topic, "spec", "config");
      spec.configs().forEach((key, value) -> softly.assertThat(config.get(key) == null ? null : String.valueOf(config.get(key)))
          .as("%s %s %s", overlay, name, key).isEqualTo(value));
      softly.assertThat(Manifests.str(topic, "metadata", "labels", "strimzi.io/cluster"))
          .as("%s %s strimzi.io/cluster", overlay, name).isEqualTo(clusterName(overlay));
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("OVERLAYS")
  void replicationFitsTheBrokers(String overlay) {
    Manifests manifests = Kustomize.overlay(overlay);
    int brokers = brokers(manifests);
    SoftAssertions softly = new SoftAssertions();
    for (Map<String, Object> topic : manifests.ofKind("KafkaTopic")) {
      String name = topicName(topic);
      Integer replicas = Manifests.integer(topic, "spec", "replicas");
      softly.assertThat(replicas).as("%s %s replicas", overlay, name).isNotNull().isBetween(1, brokers);
      Integer minIsr = Manifests.integer(topic, "spec", "config", "min.insync.replicas");
      if (replicas != null && minIsr != null) {
        // One replica may be down without stopping producers with acks=all (the processor's transactions).
        softly.assertThat(minIsr).as("%s %s min.insync.replicas", overlay, name)
            .isBetween(1, Math.max(1, replicas - 1));
      }
    }
    Map<String, Object> config = Manifests.map(manifests.get("Kafka", clusterName(overlay)), "spec", "kafka", "config");
    int transactionLog = Manifests.integer(config, "transaction.state.log.replication.factor");
    softly.assertThat(transactionLog).as("%s transaction.state.log.replication.factor", overlay).isBetween(1, brokers);
    softly.assertThat(Manifests.integer(config, "transaction.state.log.min.isr"))
        .as("%s transaction.state.log.min.isr", overlay).isBetween(1, Math.max(1, transactionLog - 1));
    softly.assertThat(Manifests.integer(config, "offsets.topic.replication.factor"))
        .as("%s offsets.topic.replication.factor", overlay).isBetween(1, brokers);
    softly.assertThat(String.valueOf(config.get("auto.create.topics.enable")))
        .as("%s: only catalogue topics (and Streams' internal ones)", overlay).isEqualTo("false");
    softly.assertAll();
  }

  @org.junit.jupiter.api.Test
  void prodReplicatesThreeTimesWithMinInsyncTwoOnThreePersistentNodes() {
    Manifests prod = Kustomize.overlay("prod");
    assertThat(brokers(prod)).isEqualTo(3);
    for (Map<String, Object> pool : prod.ofKind("KafkaNodePool")) {
      for (Map<String, Object> volume : volumes(pool)) {
        assertThat(volume.get("type")).as("prod node pool %s storage", Manifests.name(pool)).isEqualTo("persistent-claim");
      }
    }
    for (Map<String, Object> topic : prod.ofKind("KafkaTopic")) {
      assertThat(Manifests.integer(topic, "spec", "replicas")).as("%s replicas", topicName(topic)).isEqualTo(3);
      assertThat(Manifests.integer(topic, "spec", "config", "min.insync.replicas"))
          .as("%s min.insync.replicas", topicName(topic)).isEqualTo(2);
    }
    Map<String, Object> config = Manifests.map(prod.get("Kafka", "winback"), "spec", "kafka", "config");
    assertThat(Manifests.integer(config, "min.insync.replicas")).isEqualTo(2);
    assertThat(Manifests.integer(config, "default.replication.factor")).isEqualTo(3);
  }

  @org.junit.jupiter.api.Test
  void devRunsOneEphemeralKafkaNode() {
    Manifests dev = Kustomize.overlay("dev");
    assertThat(brokers(dev)).isEqualTo(1);
    for (Map<String, Object> pool : dev.ofKind("KafkaNodePool")) {
      for (Map<String, Object> volume : volumes(pool)) {
        assertThat(volume.get("type")).as("dev node pool %s storage", Manifests.name(pool)).isEqualTo("ephemeral");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void kafkaIsKraftWithNodePoolsAndTheProjectsKafkaVersion() {
    for (String overlay : OVERLAYS) {
      Manifests manifests = Kustomize.overlay(overlay);
      Map<String, Object> kafka = manifests.get("Kafka", "winback");
      assertThat(Manifests.str(kafka, "apiVersion")).isEqualTo("kafka.strimzi.io/v1");
      assertThat(Manifests.str(kafka, "spec", "kafka", "version")).as("Kafka version (pom: kafka 4.1.2)").isEqualTo("4.1.2");
      assertThat(Manifests.at(kafka, "spec", "zookeeper")).as("KRaft only").isNull();
      assertThat(Manifests.str(kafka, "spec", "kafka", "authorization", "type")).isEqualTo("simple");
      List<Map<String, Object>> pools = manifests.ofKind("KafkaNodePool");
      assertThat(pools).isNotEmpty();
      assertThat(pools.stream().flatMap(pool -> Manifests.strings(pool, "spec", "roles").stream()))
          .contains("controller", "broker");
      assertThat(Manifests.at(kafka, "spec", "entityOperator", "topicOperator")).as("topic operator").isNotNull();
      assertThat(Manifests.at(kafka, "spec", "entityOperator", "userOperator")).as("user operator").isNotNull();
    }
  }

  static String topicName(Map<String, Object> topic) {
    String name = Manifests.str(topic, "spec", "topicName");
    return name != null ? name : Manifests.name(topic);
  }

  static String clusterName(String overlay) {
    List<Map<String, Object>> clusters = Kustomize.overlay(overlay).ofKind("Kafka");
    assertThat(clusters).as("%s: one Kafka cluster", overlay).hasSize(1);
    return Manifests.name(clusters.get(0));
  }

  static int brokers(Manifests manifests) {
    return manifests.ofKind("KafkaNodePool").stream()
        .filter(pool -> Manifests.strings(pool, "spec", "roles").contains("broker"))
        .mapToInt(pool -> Manifests.integer(pool, "spec", "replicas"))
        .sum();
  }

  static List<Map<String, Object>> volumes(Map<String, Object> pool) {
    Map<String, Object> storage = Manifests.map(pool, "spec", "storage");
    return "jbod".equals(storage.get("type")) ? Manifests.list(storage, "volumes") : List.of(storage);
  }
}
