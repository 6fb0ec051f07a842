package io.winback.schemas.topics;

import io.winback.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the catalogue: its name, layout, retention and the serdes of its key and value.
 *
 * @param keyField the value field the key is taken from ({@code null} where the key is not a
 *     field of the value, as on the dead-letter topic)
 * @param retention how long records are kept; {@code null} for compacted topics (kept forever)
 */
public record TopicSpec<K, V>(
    String name,
    int partitions,
    CleanupPolicy cleanupPolicy,
    Duration retention,
    String keyField,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    String description,
    Map<String, String> extraConfigs) {

  public TopicSpec {
    extraConfigs = extraConfigs == null ? Map.of() : Map.copyOf(extraConfigs);
  }

  /** A topic whose configs follow from its cleanup policy and retention alone. */
  public TopicSpec(String name, int partitions, CleanupPolicy cleanupPolicy, Duration retention, String keyField,
      Serde<K> keySerde, Serde<V> valueSerde, String description) {
    this(name, partitions, cleanupPolicy, retention, keyField, keySerde, valueSerde, description, Map.of());
  }

  public enum CleanupPolicy {
    DELETE, COMPACT;

    String config() {
      return this == DELETE ? TopicConfig.CLEANUP_POLICY_DELETE : TopicConfig.CLEANUP_POLICY_COMPACT;
    }
  }

  public boolean compacted() {
    return cleanupPolicy == CleanupPolicy.COMPACT;
  }

  /** The Avro schema of the value, empty for topics that carry raw bytes. */
  public Optional<Schema> valueSchema() {
    return valueSerde instanceof AvroSerde<?> avro ? Optional.of(avro.schema()) : Optional.empty();
  }

  /** The topic-level configs this topic is created with. */
  public Map<String, String> configs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.config());
    configs.put(TopicConfig.RETENTION_MS_CONFIG,
        retention == null ? "-1" : Long.toString(retention.toMillis()));
    configs.putAll(extraConfigs);
    return configs;
  }

  public NewTopic newTopic(short replicationFactor) {
    return new NewTopic(name, partitions, replicationFactor).configs(configs());
  }

  /** The topic with the broker's default replication factor (what Spring's KafkaAdmin creates at start-up). */
  public NewTopic newTopic() {
    return new NewTopic(name, java.util.Optional.of(partitions), java.util.Optional.empty()).configs(configs());
  }
}
