package io.winback.cli.bench;

import io.winback.schemas.topics.TopicSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Client settings and the few admin look-ups the benchmark needs. */
final class BenchKafka {

  private static final long TIMEOUT_SECONDS = 30;

  private BenchKafka() {}

  static Admin admin(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "winback-bench-admin");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(config);
  }

  /** For pre-loading: batches fill up, nobody waits on a single record. */
  static Map<String, Object> bulkProducer(String bootstrap, String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    return config;
  }

  /** For the steady rate: what a billing system would use, the client defaults with acks=all. */
  static Map<String, Object> steadyProducer(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "winback-bench-steady");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  /**
   * A group-less consumer that sees committed records only. A short fetch wait, so that the time
   * a record is seen is close to the time it was committed.
   */
  static Map<String, Object> readCommittedConsumer(String bootstrap, String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  /** The current end offset of every partition of the given topics. */
  static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<? extends TopicSpec<?, ?>> topics) {
    return endOffsetsOf(admin, topics.stream().map(TopicSpec::name).collect(Collectors.toSet()));
  }

  /** The current end offset of every partition of the named topics. */
  static Map<TopicPartition, Long> endOffsetsOf(Admin admin, Collection<String> topics) {
    try {
      Set<String> names = Set.copyOf(topics);
      Map<String, TopicDescription> described =
          admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      described.values().forEach(topic -> topic.partitions().forEach(partition ->
          request.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
          admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, Long> offsets = new HashMap<>();
      answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
      return offsets;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read end offsets of " + topics + ": " + e.getMessage(), e);
    }
  }

  static Map<TopicPartition, Long> endOffsets(Admin admin, TopicSpec<?, ?> topic) {
    return endOffsets(admin, List.of(topic));
  }

  /**
   * Commits start offsets for a consumer group that has not run yet, so that a new Kafka Streams
   * application reads exactly this run's input, also on a broker that holds older records.
   */
  static void commitStartOffsets(Admin admin, String groupId, Map<TopicPartition, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    offsets.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
    try {
      admin.alterConsumerGroupOffsets(groupId, commit).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not set the start offsets of " + groupId + ": " + e.getMessage(), e);
    }
  }

  /**
   * The changelog topics Kafka Streams created for an application id ({@code <id>-<store>-changelog}),
   * with their partition counts.
   */
  static Map<String, Integer> changelogs(Admin admin, String applicationId) {
    try {
      Set<String> names = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
          .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-changelog"))
          .collect(Collectors.toSet());
      Map<String, Integer> partitions = new java.util.TreeMap<>();
      if (!names.isEmpty()) {
        admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .forEach((name, topic) -> partitions.put(name, topic.partitions().size()));
      }
      return partitions;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not list the changelogs of " + applicationId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes whatever members a consumer group still has. A Kafka Streams instance that was shut down
   * does not leave its group (so that a quick restart keeps its tasks): its member would hold its
   * partitions until the session timeout, and a new instance would wait for that instead of
   * restoring. Returns how many there were.
   */
  static int removeMembers(Admin admin, String groupId) {
    try {
      int members = admin.describeConsumerGroups(List.of(groupId)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(groupId).members().size();
      if (members > 0) {
        admin.removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions()).all()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      return members;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not remove the members of " + groupId + ": " + e.getMessage(), e);
    }
  }

  /**
   * How far a consumer group is behind on the given topics: records between its committed offsets
   * and the end, less one per partition for a trailing transaction marker (which a consumer that
   * has read everything may or may not have stepped over).
   */
  static long lag(Admin admin, String groupId, Collection<? extends TopicSpec<?, ?>> topics) {
    Map<TopicPartition, Long> ends = endOffsets(admin, topics);
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      long lag = 0;
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        OffsetAndMetadata at = committed.get(end.getKey());
        long position = at == null ? 0 : at.offset();
        lag += Math.max(0, end.getValue() - position - 1);
      }
      return lag;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read the offsets of " + groupId + ": " + e.getMessage(), e);
    }
  }
}
