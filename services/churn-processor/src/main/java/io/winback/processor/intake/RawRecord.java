package io.winback.processor.intake;

import org.apache.kafka.common.header.Headers;

/** Where an input came from and its original bytes. */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers) {}
