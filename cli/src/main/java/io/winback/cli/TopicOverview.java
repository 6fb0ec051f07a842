package io.winback.cli;

import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** End offsets of the catalogue's topics and the lag of every consumer group that reads them. */
public final class TopicOverview {

  private static final long TIMEOUT_SECONDS = 15;

  /** A catalogue topic as the broker has it; {@code exists} false when it was not created yet. */
  public record TopicState(TopicSpec<?, ?> spec, boolean exists, int partitions, long endOffsets) {}

  /** How far one group is behind on one topic, summed over its partitions. */
  public record GroupLag(String group, String topic, long committed, long end, long lag) {}

  public record Snapshot(List<TopicState> topics, List<GroupLag> lags) {}

  private TopicOverview() {}

  public static Snapshot read(Admin admin) {
    try {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<String> present = Topics.names().stream().filter(existing::contains).toList();
      Map<String, TopicDescription> descriptions = present.isEmpty() ? Map.of()
          : admin.describeTopics(present).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, Long> ends = endOffsets(admin, descriptions.values());

      List<TopicState> topics = new ArrayList<>();
      for (TopicSpec<?, ?> spec : Topics.ALL) {
        TopicDescription description = descriptions.get(spec.name());
        long end = ends.entrySet().stream().filter(e -> e.getKey().topic().equals(spec.name()))
            .mapToLong(Map.Entry::getValue).sum();
        topics.add(new TopicState(spec, description != null,
            description == null ? 0 : description.partitions().size(), end));
      }
      return new Snapshot(topics, lags(admin, ends));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw new CommandFailure("could not read topic offsets: " + e.getMessage());
    }
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<TopicDescription> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    topics.forEach(topic -> topic.partitions().forEach(partition ->
        request.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
    if (request.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, ListOffsetsResultInfo> result =
        admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, Long> ends = new HashMap<>();
    result.forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  private static List<GroupLag> lags(Admin admin, Map<TopicPartition, Long> ends)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<GroupLag> lags = new ArrayList<>();
    Collection<GroupListing> groups = admin.listGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    for (GroupListing group : groups.stream().sorted(java.util.Comparator.comparing(GroupListing::groupId)).toList()) {
      Map<TopicPartition, OffsetAndMetadata> committed;
      try {
        committed = admin.listConsumerGroupOffsets(group.groupId())
            .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException notAConsumerGroup) {
        continue;
      }
      Map<String, long[]> byTopic = new TreeMap<>();
      committed.forEach((partition, offset) -> {
        Long end = ends.get(partition);
        if (end == null || offset == null) {
          return; // not a catalogue topic
        }
        long[] sums = byTopic.computeIfAbsent(partition.topic(), t -> new long[3]);
        sums[0] += offset.offset();
        sums[1] += end;
        sums[2] += Math.max(0, end - offset.offset());
      });
      byTopic.forEach((topic, sums) -> lags.add(new GroupLag(group.groupId(), topic, sums[0], sums[1], sums[2])));
    }
    return lags;
  }
}
