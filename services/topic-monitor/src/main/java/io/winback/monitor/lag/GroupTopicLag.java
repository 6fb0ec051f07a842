package io.winback.monitor.lag;

import java.util.List;

/**
 * One group on one topic: summed lag, the oldest unconsumed record's age, the worst partition.
 *
 * @param recordsPerSecond how fast the group's committed offsets advance: its consumption rate
 */
public record GroupTopicLag(
    String topic,
    ConsumerStatus status,
    long lagRecords,
    double lagSeconds,
    boolean growing,
    double recordsPerSecond,
    List<PartitionLag> partitions) {}
