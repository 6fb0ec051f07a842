package io.winback.monitor.lag;

import java.util.List;

/**
 * A catalogue topic as the broker has it.
 *
 * @param exists false while no service has created it yet
 * @param endOffset the sum of its partitions' log-end offsets
 * @param retained records currently kept (end minus log-start, summed); on the dead-letter topic
 *     this is its depth
 * @param recordsPerSecond how fast the end offsets advance (transaction markers count too)
 */
public record TopicView(
    String name,
    String description,
    boolean exists,
    int partitions,
    long endOffset,
    long retained,
    double recordsPerSecond,
    List<PartitionOffsets> offsets) {

  public record PartitionOffsets(int partition, long startOffset, long endOffset) {}
}
