package io.winback.monitor.deadletters;

/** Where a dead letter sits on the dead-letter topic. */
public record DeadLetterRef(int partition, long offset) {}
