package io.winback.monitor.lag;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What one pass over the cluster found.
 *
 * @param at when the offsets were read, epoch milliseconds
 * @param topics the catalogue topics that exist, with their partition counts
 * @param starts the log-start offset of each of their partitions
 * @param ends the log-end offset of each of their partitions
 * @param groups every consumer group with committed offsets on at least one of them
 */
public record ClusterReading(
    long at,
    Map<String, Integer> topics,
    Map<TopicPartition, Long> starts,
    Map<TopicPartition, Long> ends,
    List<GroupOffsets> groups) {

  /**
   * @param state the group's state as the coordinator reports it (STABLE, EMPTY, ...)
   * @param members live members; -1 when the group could not be described
   * @param committed committed offsets on catalogue partitions only
   */
  public record GroupOffsets(String groupId, String state, int members, Map<TopicPartition, Long> committed) {

    /** Unknown membership counts as live: better a STALL than a false STOP. */
    public boolean membersActive() {
      return members != 0;
    }
  }
}
