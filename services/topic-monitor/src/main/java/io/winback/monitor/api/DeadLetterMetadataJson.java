package io.winback.monitor.api;

import io.winback.monitor.deadletters.AuditEntry;
import io.winback.monitor.deadletters.DeadLetterBrowser;
import io.winback.monitor.deadletters.DeadLetterMetadata;
import java.time.Instant;

/**
 * A dead letter in the list every operator sees: where it sits, where it came from, which service
 * gave up on it, when and why, and whether it was redriven. Never its key, value or original
 * headers: those only {@code POST /api/dead-letters/{partition}/{offset}/reveal} shows, audited.
 */
public record DeadLetterMetadataJson(
    int partition,
    long offset,
    String timestamp,
    String sourceTopic,
    String sourcePartition,
    String sourceOffset,
    String errorClass,
    String errorMessage,
    String failedAt,
    String service,
    String caseId,
    Redriven redriven) {

  /** Where and when it went back; who did it is in the audit. */
  public record Redriven(String id, String at, String targetTopic, int targetPartition, long targetOffset) {}

  static DeadLetterMetadataJson of(DeadLetterBrowser.Row row) {
    return of(row.letter(), row.redrive());
  }

  static DeadLetterMetadataJson of(DeadLetterMetadata letter, AuditEntry redrive) {
    return new DeadLetterMetadataJson(letter.partition(), letter.offset(),
        Instant.ofEpochMilli(letter.timestamp()).toString(), letter.sourceTopic(), letter.sourcePartition(),
        letter.sourceOffset(), letter.errorClass(), letter.errorMessage(), letter.failedAt(), letter.service(),
        letter.caseId(), redrive == null ? null : new Redriven(redrive.id(), Instant.ofEpochMilli(redrive.at()).toString(),
            redrive.targetTopic(), redrive.targetPartition(), redrive.targetOffset()));
  }
}
