package io.winback.monitor.deadletters;

/**
 * What everyone in operations may know about a dead letter: where it sits, where it came from,
 * which service gave up on it, when and why. Taken from the record's position and its
 * winback.dlq.* headers only: never its key, its value or the original record's own headers,
 * which carry customers' data (those are {@link DeadLetter}, for OPS_ADMIN and audited).
 *
 * @param timestamp the dead-letter record's timestamp, epoch millis
 * @param sourcePartition / sourceOffset as the headers say, text (a header may be malformed)
 * @param errorClass / errorMessage why it failed, as the service that gave up said it
 * @param failedAt ISO-8601 instant it was dead-lettered, if the header says so
 * @param caseId the case it is about, when it is about one (winback.dlq.case-id)
 */
public record DeadLetterMetadata(
    int partition,
    long offset,
    long timestamp,
    String sourceTopic,
    String sourcePartition,
    String sourceOffset,
    String errorClass,
    String errorMessage,
    String failedAt,
    String service,
    String caseId) {

  public DeadLetterRef ref() {
    return new DeadLetterRef(partition, offset);
  }
}
