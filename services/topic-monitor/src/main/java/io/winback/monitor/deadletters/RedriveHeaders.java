package io.winback.monitor.deadletters;

/**
 * Headers a redriven record carries to its source topic, so whoever reads it can tell it was
 * replayed, by whom, when and from which dead letter.
 */
public final class RedriveHeaders {

  public static final String PREFIX = "winback.redrive.";
  public static final String ID = PREFIX + "id";
  public static final String BY = PREFIX + "by";
  /** ISO-8601 instant of the redrive. */
  public static final String AT = PREFIX + "at";
  public static final String DLQ_TOPIC = PREFIX + "dlq-topic";
  public static final String DLQ_PARTITION = PREFIX + "dlq-partition";
  public static final String DLQ_OFFSET = PREFIX + "dlq-offset";

  /** Spring Kafka's DeadLetterPublishingRecoverer adds these next to ours; they are no part of the original. */
  static final String SPRING_DLT_PREFIX = "kafka_dlt-";

  private RedriveHeaders() {}
}
