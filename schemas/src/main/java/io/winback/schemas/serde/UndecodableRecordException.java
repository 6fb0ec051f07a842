package io.winback.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes on a topic that are not a Winback event this service can read. A {@link
 * SerializationException}, so Kafka's and spring-kafka's deserialization error handling treats
 * it as a poison record and the services route it to the dead-letter topic.
 */
public class UndecodableRecordException extends SerializationException {

  /** Why the bytes could not be read; goes into the dead-letter headers. */
  public enum Reason {
    /** The single-object header names a schema fingerprint no released version has. */
    UNKNOWN_SCHEMA,
    /** Not single-object encoded at all (wrong magic bytes or too short). */
    BAD_HEADER,
    /** Header fine, body does not decode with the writer's schema. */
    CORRUPT_BODY
  }

  private final Reason reason;
  private final String topic;
  private final String recordType;

  public UndecodableRecordException(
      Reason reason, String topic, String recordType, String detail, Throwable cause) {
    super("cannot decode %s on topic %s: %s (%s)".formatted(recordType, topic, reason, detail), cause);
    this.reason = reason;
    this.topic = topic;
    this.recordType = recordType;
  }

  public Reason reason() {
    return reason;
  }

  public String topic() {
    return topic;
  }

  public String recordType() {
    return recordType;
  }
}
