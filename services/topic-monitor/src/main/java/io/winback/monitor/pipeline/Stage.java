package io.winback.monitor.pipeline;

/**
 * One step of billing → processor → tasks → desk → feedback.
 *
 * @param recordsPerSecond records written (topic stages) or consumed (service stages) per second
 * @param detail one line for the operator: why the health is what it is
 * @param status the consumer group's Burrow status for service stages, null for topic stages
 * @param service the service's HTTP health, null where none is configured
 */
public record Stage(
    String name,
    String kind,
    StageHealth health,
    double recordsPerSecond,
    String detail,
    String status,
    long lagRecords,
    double lagSeconds,
    ServiceHealth service) {}
