package io.winback.monitor.lag;

import java.util.List;
import java.util.Optional;

/**
 * A consumer group reading catalogue topics.
 *
 * @param state the coordinator's view (STABLE, EMPTY, ...)
 * @param members live members; -1 when unknown
 * @param status the worst status of its partitions
 */
public record GroupView(String group, String state, int members, ConsumerStatus status, List<GroupTopicLag> topics) {

  public long lagRecords() {
    return topics.stream().mapToLong(GroupTopicLag::lagRecords).sum();
  }

  public double lagSeconds() {
    return topics.stream().mapToDouble(GroupTopicLag::lagSeconds).max().orElse(0);
  }

  public double recordsPerSecond() {
    return topics.stream().mapToDouble(GroupTopicLag::recordsPerSecond).sum();
  }

  public boolean growing() {
    return topics.stream().anyMatch(GroupTopicLag::growing);
  }

  public Optional<GroupTopicLag> topic(String name) {
    return topics.stream().filter(topic -> topic.topic().equals(name)).findFirst();
  }
}
