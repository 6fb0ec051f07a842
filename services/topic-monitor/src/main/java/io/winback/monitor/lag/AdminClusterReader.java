package io.winback.monitor.lag;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the catalogue topics' offsets and every consumer group's commits with the Admin client:
 * the same calls Kafka's consumer-groups tool makes (log-end offsets read uncommitted, like the
 * tool), so the lag figures agree with it.
 */
public final class AdminClusterReader implements ClusterReader {

  private final Admin admin;
  private final Collection<String> catalogue;
  private final int timeoutMs;
  private final Clock clock;

  public AdminClusterReader(Admin admin, Collection<String> catalogue, Duration timeout, Clock clock) {
    this.admin = admin;
    this.catalogue = List.copyOf(catalogue);
    this.timeoutMs = (int) timeout.toMillis();
    this.clock = clock;
  }

  @Override
  public ClusterReading read() {
    try {
      Set<String> existing = get(admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs)).names());
      List<String> present = catalogue.stream().filter(existing::contains).toList();
      Map<String, Integer> topics = new LinkedHashMap<>();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      if (!present.isEmpty()) {
        Map<String, TopicDescription> descriptions =
            get(admin.describeTopics(present, new DescribeTopicsOptions().timeoutMs(timeoutMs)).allTopicNames());
        for (String name : present) {
          TopicDescription description = descriptions.get(name);
          topics.put(name, description.partitions().size());
          description.partitions().forEach(partition -> {
            TopicPartition tp = new TopicPartition(name, partition.partition());
            latest.put(tp, OffsetSpec.latest());
            earliest.put(tp, OffsetSpec.earliest());
          });
        }
      }
      long at = clock.millis();
      Map<TopicPartition, Long> ends = offsets(latest);
      Map<TopicPartition, Long> starts = offsets(earliest);
      return new ClusterReading(at, topics, starts, ends, groups(ends.keySet()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading offsets", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the broker did not answer within " + timeoutMs + " ms", e);
    }
  }

  private Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetSpec> request)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (request.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, ListOffsetsResultInfo> result =
        get(admin.listOffsets(request, new ListOffsetsOptions().timeoutMs(timeoutMs)).all());
    Map<TopicPartition, Long> offsets = new HashMap<>();
    result.forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private List<ClusterReading.GroupOffsets> groups(Set<TopicPartition> catalogued)
      throws InterruptedException, ExecutionException, TimeoutException {
    Collection<GroupListing> listings = get(admin.listGroups(new ListGroupsOptions().timeoutMs(timeoutMs)).all());
    // Share groups keep no committed offsets of this kind; asking would only fail.
    List<String> ids = listings.stream()
        .filter(listing -> listing.type().map(type -> type != GroupType.SHARE).orElse(true))
        .map(GroupListing::groupId)
        .sorted()
        .toList();
    if (ids.isEmpty() || catalogued.isEmpty()) {
      return List.of();
    }
    Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
    ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
    ListConsumerGroupOffsetsResult offsets =
        admin.listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs));
    Map<String, Map<TopicPartition, Long>> committedByGroup = new TreeMap<>();
    for (String id : ids) {
      Map<TopicPartition, OffsetAndMetadata> committed;
      try {
        committed = get(offsets.partitionsToOffsetAndMetadata(id));
      } catch (ExecutionException notAConsumerGroup) {
        continue; // e.g. a streams-protocol group: nothing this monitor can read the classic way
      }
      Map<TopicPartition, Long> onCatalogue = new TreeMap<>(
          Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
      committed.forEach((partition, offset) -> {
        if (offset != null && catalogued.contains(partition)) {
          onCatalogue.put(partition, offset.offset());
        }
      });
      if (!onCatalogue.isEmpty()) {
        committedByGroup.put(id, onCatalogue);
      }
    }
    if (committedByGroup.isEmpty()) {
      return List.of();
    }
    Map<String, KafkaFuture<ConsumerGroupDescription>> descriptions = admin.describeConsumerGroups(
        committedByGroup.keySet(), new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs)).describedGroups();
    List<ClusterReading.GroupOffsets> groups = new ArrayList<>();
    for (Map.Entry<String, Map<TopicPartition, Long>> entry : committedByGroup.entrySet()) {
      String state = "UNKNOWN";
      int members = -1;
      try {
        ConsumerGroupDescription description = get(descriptions.get(entry.getKey()));
        state = String.valueOf(description.groupState());
        members = description.members().size();
      } catch (ExecutionException undescribable) {
        // Keep the offsets; membership stays unknown, which the evaluator treats as live.
      }
      groups.add(new ClusterReading.GroupOffsets(entry.getKey(), state, members, entry.getValue()));
    }
    return groups;
  }

  private <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
    // A little beyond the request timeout: the client's own timeout should fire first, with its reason.
    return future.get(timeoutMs + 1_000L, TimeUnit.MILLISECONDS);
  }
}
