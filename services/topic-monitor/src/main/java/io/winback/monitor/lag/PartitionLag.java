package io.winback.monitor.lag;

/**
 * One group's position on one partition, with the evaluator's verdict.
 *
 * @param lagRecords log-end offset minus committed offset, as Kafka's consumer-groups tool counts it
 * @param lagSeconds age of the oldest unconsumed record; 0 when there is none
 */
public record PartitionLag(
    int partition,
    long committedOffset,
    long endOffset,
    long lagRecords,
    double lagSeconds,
    ConsumerStatus status,
    boolean growing,
    String reason) {}
